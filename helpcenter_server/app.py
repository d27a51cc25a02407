"""ASGI application: the built site plus the feedback API, wired together."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from helpcenter_server.dashboard.wiring import ROUTES as DASHBOARD_ROUTES
from helpcenter_server.dashboard.wiring import open_dashboard
from helpcenter_server.db.engine import Database, open_database
from helpcenter_server.manifest import load_manifest
from helpcenter_server.votes.api import Settings, api_not_found, get_report, post_feedback
from helpcenter_server.votes.store import VoteStore
from helpcenter_server.web.headers import HeadersMiddleware, load_script_hashes
from helpcenter_server.web.intake import problem
from helpcenter_server.web.ratelimit import RateLimiter
from helpcenter_server.web.site import site_files

ANY_METHOD = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
DEFAULT_RATE_LIMIT = 30
"""Votes a minute per client address: enough for a reader changing their mind a few times."""


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if request.url.path.startswith("/api/"):
        return problem(exc.status_code, exc.detail, headers=dict(exc.headers or {}))
    return PlainTextResponse(exc.detail, status_code=exc.status_code, headers=exc.headers)


def create_app(
    site_dir: Path,
    db: str | Path | Database,
    *,
    rate_limit: int = DEFAULT_RATE_LIMIT,
    cors_origins: Sequence[str] = (),
    report_token: str | None = None,
    durable_on_power_loss: bool = False,
    admin_users: Path | None = None,
    search_rate_limit: int | None = None,
    trusted_proxies: Sequence[str] = (),
) -> Starlette:
    """`db` is a SQLite path, a postgresql:// URL or an open database; the database opens
    here, so a wrong `db` fails before the server listens (StoreError). `report_token` defaults
    to $FEEDBACK_REPORT_TOKEN; without one the report API is off. Only requests from
    `trusted_proxies` (addresses or networks) may name the reader in X-Forwarded-For: the
    rate limit then counts per reader, not per proxy."""
    if report_token is None:
        report_token = os.environ.get("FEEDBACK_REPORT_TOKEN") or None
    database = (db if isinstance(db, Database)
                else open_database(db, durable_on_power_loss=durable_on_power_loss))
    manifest = load_manifest(site_dir)
    settings = Settings(manifest, VoteStore(database), RateLimiter(rate_limit), report_token)
    # Votes, search insights and the staff dashboard (/admin/) share the one database.
    insights, admin = open_dashboard(database, manifest, admin_users=admin_users,
                                     search_rate_limit=search_rate_limit or 2 * rate_limit)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        database.close()

    middleware = [Middleware(HeadersMiddleware, script_hashes=load_script_hashes(site_dir))]
    if trusted_proxies:
        middleware.insert(0, Middleware(ProxyHeadersMiddleware,
                                        trusted_hosts=list(trusted_proxies)))
    if cors_origins:
        middleware.append(Middleware(
            CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["POST"],
            allow_headers=["Content-Type"], max_age=600,
        ))
    app = Starlette(
        routes=[
            *DASHBOARD_ROUTES,
            # Every method reaches these endpoints, which answer 405 in JSON themselves.
            Route("/api/feedback", post_feedback, methods=ANY_METHOD),
            Route("/api/feedback/report", get_report, methods=ANY_METHOD),
            Mount("/api", routes=[Route("/{rest:path}", api_not_found)]),
            Mount("/", app=site_files(site_dir)),
        ],
        middleware=middleware,
        exception_handlers={HTTPException: http_error},
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.insights, app.state.admin = insights, admin
    return app
