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
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from helpcenter_server.db.engine import Database
from helpcenter_server.db.errors import StoreUnavailable
from helpcenter_server.insights.store import Recorded, record
from helpcenter_server.insights.validation import parse_event
from helpcenter_server.manifest import Manifest
from helpcenter_server.web.intake import JsonIntake, receive_valid, unavailable
from helpcenter_server.web.ratelimit import RateLimiter

MAX_BODY_BYTES = 2048
SEARCH_REPORTS = JsonIntake(max_bytes=MAX_BODY_BYTES, noun="report", plural="search reports",
                            invalid="invalid search report")
DEFAULT_RATE_LIMIT = 60
"""Reports a minute per client address: a reader finishes a search every few seconds at most."""

log = logging.getLogger("helpcenter_server")


@dataclass
class InsightsSettings:
    db: Database
    manifest: Manifest
    limiter: RateLimiter
    today: Callable[[], date] = lambda: datetime.now(UTC).date()


def insights_of(request: Request) -> InsightsSettings:
    insights: InsightsSettings = request.app.state.insights
    return insights


async def post_search_insight(request: Request) -> Response:
    insights = insights_of(request)
    event = await receive_valid(request, SEARCH_REPORTS, insights.limiter,
                                lambda data: parse_event(data, insights.manifest))
    if isinstance(event, Response):
        return event
    try:
        outcome = await anyio.to_thread.run_sync(record, insights.db, event, insights.today())
    except StoreUnavailable:
        log.exception("could not store a search report")
        return unavailable("the report could not be stored right now; retry later")
    status = 201 if outcome.recorded in (Recorded.COUNTED, Recorded.OPENED) else 200
    body_json: dict[str, object] = {"id": event.event_id, "stored": outcome.recorded.value}
    if outcome.reason:
        body_json["reason"] = outcome.reason
    return JSONResponse(body_json, status_code=status)


ANY_METHOD = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
ROUTES = [Route("/api/search-insights", post_search_insight, methods=ANY_METHOD)]
