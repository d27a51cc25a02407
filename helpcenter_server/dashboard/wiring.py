"""How the dashboard and the search-insights endpoint join the service: their routes, and the
settings they find in `app.state` (`insights`, `admin`)."""

from __future__ import annotations

import os
from pathlib import Path

from starlette.routing import BaseRoute, Mount, Route

from helpcenter_server.dashboard import brake, sessions, signing, views
from helpcenter_server.dashboard.accounts import load_accounts
from helpcenter_server.db.engine import Database
from helpcenter_server.insights import api
from helpcenter_server.manifest import Manifest
from helpcenter_server.web.ratelimit import RateLimiter

SECURE_COOKIES_ENV = "FEEDBACK_ADMIN_SECURE_COOKIES"

ROUTES: list[BaseRoute] = [
    *api.ROUTES,
    Route("/admin", views.to_dashboard),
    Mount("/admin", routes=views.ROUTES),
]


def open_dashboard(site_dir: Path, database: Database, manifest: Manifest, *,
                   admin_users: Path | None = None,
                   search_rate_limit: int = api.DEFAULT_RATE_LIMIT,
                   ) -> tuple[api.InsightsSettings, views.AdminSettings]:
    """The search-insights and dashboard settings over the server's database."""
    accounts = load_accounts(admin_users)
    insights = api.InsightsSettings(database, manifest, RateLimiter(search_rate_limit))
    admin = views.AdminSettings(
        accounts, database, sessions.Sessions(database, accounts), brake.SignInBrake(database),
        signing.Signer(signing.load_key(database)), site_dir,
        secure_cookies=os.environ.get(SECURE_COOKIES_ENV) == "1")
    return insights, admin
