"""How the service holds its connections when readers reach it directly (`make serve`, or any
host without a proxy in front): uvicorn's own limits, plus the one timeout uvicorn lacks.

uvicorn 0.54 closes a kept-alive connection that stays idle (`timeout_keep_alive`), caps the
request head (`h11_max_incomplete_event_size`) and answers 503 past `limit_concurrency`
connections, but it has no timeout for *receiving* a request: its keep-alive timer is armed
only after a response and reset by every byte, so a client that sends half a request line, or
one byte every few seconds, holds its connection for ever. `RequestDeadline` adds that timeout:
the whole request, head and body, must arrive within `request_timeout` seconds of the
connection opening (or, on a kept-alive connection, of the next request's first byte), or the
connection is closed without an answer. Responses are never cut: the deadline stops as soon as
the request is in.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

REQUEST_TIMEOUT_SECONDS = 10.0
"""A vote or a page request is a few hundred bytes: ten seconds suit the slowest phone."""
KEEP_ALIVE_SECONDS = 5
MAX_CONNECTIONS = 500
MAX_REQUEST_HEAD_BYTES = 16 * 1024


class RequestDeadline(H11Protocol):
    """uvicorn's h11 protocol with a deadline for receiving each request."""

    request_timeout = REQUEST_TIMEOUT_SECONDS
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_deadline()

    def data_received(self, data: bytes) -> None:
        if self._deadline is None and self.conn.their_state is h11.IDLE:
            self._start_deadline()  # the first byte of the next request on this connection
        super().data_received(data)
        if self.conn.their_state not in (h11.IDLE, h11.SEND_BODY):
            self._stop_deadline()  # the request is in (or the connection is done with)

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_deadline()
        super().connection_lost(exc)

    def _start_deadline(self) -> None:
        self._stop_deadline()
        self._deadline = self.loop.call_later(self.request_timeout, self._too_slow)

    def _stop_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()


def uvicorn_settings(request_timeout: float = REQUEST_TIMEOUT_SECONDS,
                     max_connections: int = MAX_CONNECTIONS) -> dict[str, Any]:
    """Keyword arguments for `uvicorn.run`: the protocol with its deadline, and the limits."""
    protocol = type("RequestDeadline", (RequestDeadline,), {"request_timeout": request_timeout})
    return {"http": protocol, "timeout_keep_alive": KEEP_ALIVE_SECONDS,
            "limit_concurrency": max_connections,
            "h11_max_incomplete_event_size": MAX_REQUEST_HEAD_BYTES}
