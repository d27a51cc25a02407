"""HTTP endpoints: POST /api/feedback stores a vote, GET /api/feedback/report reads them back."""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass

import anyio
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from helpcenter_server.db.errors import StoreUnavailable
from helpcenter_server.manifest import Manifest
from helpcenter_server.votes.report import as_json, read_report, render_csv
from helpcenter_server.votes.store import Outcome, VoteStore
from helpcenter_server.votes.validation import parse_vote
from helpcenter_server.web.intake import (
    JsonIntake,
    method_not_allowed,
    problem,
    receive_valid,
    unavailable,
)
from helpcenter_server.web.ratelimit import RateLimiter

MAX_BODY_BYTES = 4096
VOTES = JsonIntake(max_bytes=MAX_BODY_BYTES, noun="vote", plural="votes", invalid="invalid vote")

log = logging.getLogger("helpcenter_server")


@dataclass
class Settings:
    manifest: Manifest
    store: VoteStore
    limiter: RateLimiter
    report_token: str | None
    store_down: bool = False
    """Set while the database is unreachable: the log says so once, not once per vote."""


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def post_feedback(request: Request) -> Response:
    settings = settings_of(request)
    vote = await receive_valid(request, VOTES, settings.limiter,
                               lambda data: parse_vote(data, settings.manifest))
    if isinstance(vote, Response):
        return vote
    try:
        outcome = await anyio.to_thread.run_sync(settings.store.record, vote)
    except StoreUnavailable as exc:
        if not settings.store_down:
            settings.store_down = True
            log.warning("cannot store votes, answering 503 until the database is back: %s", exc)
        return unavailable("the vote could not be stored right now; retry later")
    if settings.store_down:
        settings.store_down = False
        log.warning("storing votes again: %s is back", settings.store.description)
    if outcome is Outcome.CONFLICT:
        return problem(409, "this vote id belongs to another article or language")
    status = 201 if outcome is Outcome.CREATED else 200
    return JSONResponse({"id": vote.vote_id, "revision": vote.revision, "stored": outcome.value},
                        status_code=status)


async def get_report(request: Request) -> Response:
    if refused := method_not_allowed(request, "GET"):
        return refused
    settings = settings_of(request)
    if not settings.report_token:
        return problem(404, "the report API is disabled: set FEEDBACK_REPORT_TOKEN to enable it")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), settings.report_token.encode()
    ):
        return problem(401, "send the report token as Authorization: Bearer <token>",
                       headers={"WWW-Authenticate": 'Bearer realm="feedback report"'})
    try:
        comments = int(request.query_params.get("comments", "5"))
    except ValueError:
        comments = -1
    if not 0 <= comments <= 100:
        return problem(400, "comments must be an integer from 0 to 100")
    fmt = request.query_params.get("format", "json")
    if fmt not in ("json", "csv"):
        return problem(400, "format must be json or csv")

    try:
        pages = await anyio.to_thread.run_sync(read_report, settings.store.db, comments)
    except StoreUnavailable as exc:
        log.warning("could not read the report: %s", exc)
        return unavailable("the report cannot be read right now; retry later")
    if fmt == "csv":
        return Response(render_csv(pages), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="feedback.csv"'})
    return JSONResponse({"pages": [as_json(p) for p in pages]})


async def api_not_found(request: Request) -> Response:
    return problem(404, f"no API endpoint at {request.url.path}")
