"""How the dashboard and the search-insights endpoint join the service: their routes, and the
settings they find in `app.state` (`insights`, `admin`)."""

from __future__ import annotations

import os
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from helpcenter_server.dashboard import brake, pages, sessions, signing
from helpcenter_server.dashboard.accounts import load_accounts
from helpcenter_server.dashboard.auth import get_sign_in, post_sign_in, post_sign_out
from helpcenter_server.dashboard.exports import feedback_csv, feedback_json, search_csv, search_json
from helpcenter_server.dashboard.feedback_views import article_page, feedback_page
from helpcenter_server.dashboard.search_views import search_page
from helpcenter_server.db.engine import Database
from helpcenter_server.insights import api
from helpcenter_server.manifest import Manifest
from helpcenter_server.web.ratelimit import RateLimiter

SECURE_COOKIES_ENV = "FEEDBACK_ADMIN_SECURE_COOKIES"


async def stylesheet(request: Request) -> Response:
    return FileResponse(pages.HERE / "static" / "admin.css", media_type="text/css",
                        headers={"Cache-Control": "no-cache"})


async def to_dashboard(request: Request) -> Response:
    return RedirectResponse("/admin/", 308)


DASHBOARD = [
    Route("/", feedback_page),
    Route("/feedback.csv", feedback_csv),
    Route("/feedback.json", feedback_json),
    Route("/articles/{language}/{article:path}", article_page),
    Route("/search", search_page),
    Route("/search.csv", search_csv),
    Route("/search.json", search_json),
    Route("/sign-in", get_sign_in, methods=["GET"]),
    Route("/sign-in", post_sign_in, methods=["POST"]),
    Route("/sign-out", post_sign_out, methods=["POST"]),
    Route("/static/admin.css", stylesheet),
]


ROUTES: list[BaseRoute] = [
    *api.ROUTES,
    Route("/admin", to_dashboard),
    Mount("/admin", routes=DASHBOARD),
]


def open_dashboard(database: Database, manifest: Manifest, *,
                   admin_users: Path | None = None,
                   search_rate_limit: int = api.DEFAULT_RATE_LIMIT,
                   ) -> tuple[api.InsightsSettings, pages.AdminSettings]:
    """The search-insights and dashboard settings over the server's database."""
    accounts = load_accounts(admin_users)
    insights = api.InsightsSettings(database, manifest, RateLimiter(search_rate_limit))
    admin = pages.AdminSettings(
        accounts, database, sessions.Sessions(database, accounts), brake.SignInBrake(database),
        signing.Signer(signing.load_key(database)), manifest,
        secure_cookies=os.environ.get(SECURE_COOKIES_ENV) == "1")
    return insights, admin
