"""How the dashboard and the search-insights endpoint join the service: their routes, and the
settings they find in `app.state` (`insights`, `admin`)."""

from __future__ import annotations

import os
from pathlib import Path

from starlette.routing import BaseRoute, Mount, Route

from helpcenter_server.dashboard import brake, sessions, signing, views
from helpcenter_server.dashboard.accounts import load_accounts
from helpcenter_server.db.database import open_database
from helpcenter_server.insights import api, store
from helpcenter_server.web.ratelimit import RateLimiter

SECURE_COOKIES_ENV = "FEEDBACK_ADMIN_SECURE_COOKIES"

ROUTES: list[BaseRoute] = [
    *api.ROUTES,
    Route("/admin", views.to_dashboard),
    Mount("/admin", routes=views.ROUTES),
]


def open_dashboard(site_dir: Path, db: str | Path, *, admin_users: Path | None = None,
                   search_rate_limit: int = api.DEFAULT_RATE_LIMIT,
                   ) -> tuple[api.InsightsSettings, views.AdminSettings]:
    """The search-insights and dashboard settings over the votes' database (tables created)."""
    accounts = load_accounts(admin_users)
    database = open_database(db)
    database.ensure_schema([*store.SCHEMA, *sessions.SCHEMA, *brake.SCHEMA, *signing.SCHEMA])
    insights = api.InsightsSettings(database, RateLimiter(search_rate_limit))
    admin = views.AdminSettings(
        accounts, database, sessions.Sessions(database, accounts), brake.SignInBrake(database),
        signing.Signer(signing.load_key(database)), site_dir,
        secure_cookies=os.environ.get(SECURE_COOKIES_ENV) == "1")
    return insights, admin
