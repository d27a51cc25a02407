"""POST /api/search-insights: one finished search, reported by search-insights.js.

Answers like the vote endpoint: 2xx once the report is counted, dropped as personal data or
recognised as a retry (the browser then forgets it), 4xx for a report that can never be valid,
429 and 503 with Retry-After for "later". The client address is used only in memory, for the
rate limit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import anyio
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from feedback_service.api import method_not_allowed, problem, read_limited, settings_of
from feedback_service.insights.database import Database, DatabaseUnavailable
from feedback_service.insights.store import Recorded, record
from feedback_service.insights.validation import parse_event
from feedback_service.ratelimit import RateLimiter, retry_after_header
from feedback_service.validation import InvalidJSON, decode_json

MAX_BODY_BYTES = 2048
DEFAULT_RATE_LIMIT = 60
"""Reports a minute per client address: a reader finishes a search every few seconds at most."""

log = logging.getLogger("feedback_service")


@dataclass
class InsightsSettings:
    db: Database
    limiter: RateLimiter
    today: Callable[[], date] = lambda: datetime.now(UTC).date()


def insights_of(request: Request) -> InsightsSettings:
    insights: InsightsSettings = request.app.state.insights
    return insights


async def post_search_insight(request: Request) -> Response:
    if refused := method_not_allowed(request, "POST"):
        return refused
    insights = insights_of(request)
    client = request.client.host if request.client else "unknown"
    wait = insights.limiter.check(client)
    if wait:
        return problem(429, "too many search reports from this client; retry after the "
                            "Retry-After seconds",
                       headers={"Retry-After": retry_after_header(wait)})
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        return problem(415, "send the report as Content-Type: application/json")
    try:
        body = await read_limited(request, MAX_BODY_BYTES)
    except ClientDisconnect:
        return problem(400, "the client disconnected before sending the whole body")
    if body is None:
        return problem(413, f"body larger than {MAX_BODY_BYTES} bytes")
    try:
        data = decode_json(body)
    except InvalidJSON as exc:
        return problem(400, str(exc))
    event = parse_event(data, settings_of(request).manifest)
    if isinstance(event, list):
        return problem(422, "invalid search report", event)
    try:
        outcome = await anyio.to_thread.run_sync(record, insights.db, event, insights.today())
    except DatabaseUnavailable:
        log.exception("could not store a search report")
        return problem(503, "the report could not be stored right now; retry later",
                       headers={"Retry-After": "5"})
    status = 201 if outcome.recorded in (Recorded.COUNTED, Recorded.OPENED) else 200
    body_json: dict[str, object] = {"id": event.event_id, "stored": outcome.recorded.value}
    if outcome.reason:
        body_json["reason"] = outcome.reason
    return JSONResponse(body_json, status_code=status)


ANY_METHOD = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
ROUTES = [Route("/api/search-insights", post_search_insight, methods=ANY_METHOD)]
