"""The opening checks every JSON POST endpoint makes before it looks at what was sent.

Method, rate limit, content type, body size and JSON syntax: the vote endpoint and the search
report endpoint refuse a request for the same reasons, with the same status codes and headers,
so a client (the widget, search-insights.js) handles both alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response

from helpcenter_server.web.json_body import FieldError, InvalidJSON, decode_json
from helpcenter_server.web.ratelimit import RateLimiter, retry_after_header


def problem(status: int, message: str, errors: list[FieldError] | None = None,
            headers: dict[str, str] | None = None) -> JSONResponse:
    body: dict[str, object] = {"error": message}
    if errors:
        body["details"] = [e.as_json() for e in errors]
    return JSONResponse(body, status_code=status, headers=headers)


RETRY_AFTER_S = 5
"""Seconds a client waits before retrying while the database is away (the widget obeys it)."""


def unavailable(message: str) -> JSONResponse:
    return problem(503, message, headers={"Retry-After": str(RETRY_AFTER_S)})


def method_not_allowed(request: Request, allowed: str) -> Response | None:
    if request.method == allowed or (allowed == "GET" and request.method == "HEAD"):
        return None
    return problem(405, f"{request.url.path} accepts {allowed} only", headers={"Allow": allowed})


async def read_limited(request: Request, limit: int) -> bytes | None:
    """The body, or None as soon as it grows past `limit` bytes (checked while streaming)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


@dataclass(frozen=True)
class JsonIntake:
    """What one endpoint accepts, and the words its refusals use for what was sent."""

    max_bytes: int
    noun: str
    """"the {noun}" in "send the vote as Content-Type: application/json"."""
    plural: str
    """"too many {plural} from this client"."""
    invalid: str
    """The 422 answer's message when the value is not one the endpoint takes."""


@dataclass(frozen=True)
class Received:
    data: Any
    """The decoded JSON value, not yet validated against the endpoint's schema."""


async def receive_json(request: Request, intake: JsonIntake,
                       limiter: RateLimiter) -> Received | Response:
    """The decoded body of a well-formed POST, or the response that refuses it."""
    if refused := method_not_allowed(request, "POST"):
        return refused
    client = request.client.host if request.client else "unknown"
    wait = limiter.check(client)
    if wait:
        return problem(429, f"too many {intake.plural} from this client; retry after the "
                            "Retry-After seconds",
                       headers={"Retry-After": retry_after_header(wait)})
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        return problem(415, f"send the {intake.noun} as Content-Type: application/json")
    try:
        body = await read_limited(request, intake.max_bytes)
    except ClientDisconnect:
        return problem(400, "the client disconnected before sending the whole body")
    if body is None:
        return problem(413, f"body larger than {intake.max_bytes} bytes")
    try:
        return Received(decode_json(body))
    except InvalidJSON as exc:
        return problem(400, str(exc))


async def receive_valid[T](request: Request, intake: JsonIntake, limiter: RateLimiter,
                           parse: Callable[[Any], T | list[FieldError]]) -> T | Response:
    """The value `parse` makes of a well-formed POST's body, or the response that refuses it
    (422 with every field's error)."""
    received = await receive_json(request, intake, limiter)
    if not isinstance(received, Received):
        return received
    parsed = parse(received.data)
    if isinstance(parsed, list):
        return problem(422, intake.invalid, parsed)
    return parsed
