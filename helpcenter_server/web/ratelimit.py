"""A token bucket per client address, kept in memory only (addresses are never stored)."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

MAX_TRACKED_CLIENTS = 10_000


class RateLimiter:
    """Allows `per_minute` requests a minute per client, with bursts up to `per_minute`."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute < 1:
            raise ValueError("the rate limit must be at least 1 request a minute")
        self.capacity = float(per_minute)
        self.refill_per_second = per_minute / 60.0
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def check(self, client: str) -> float:
        """Take a token for `client`: 0.0 if allowed, else the seconds until the next token."""
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.refill_per_second)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                self._forget_idle(now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1.0 - tokens) / self.refill_per_second

    def _forget_idle(self, now: float) -> None:
        """Drop clients whose bucket has refilled, so memory stays bounded under many clients."""
        if len(self._buckets) <= MAX_TRACKED_CLIENTS:
            return
        full_after = self.capacity / self.refill_per_second
        self._buckets = {c: (t, last) for c, (t, last) in self._buckets.items()
                         if now - last < full_after}


def retry_after_header(seconds: float) -> str:
    return str(max(1, math.ceil(seconds)))
