"""A reader's slow phone link in Chromium, for browser tests and benchmarks: CDP's network
emulation on a page (it slows the page's Web Workers too), and a watch on the page's requests.

The watch exists because Chromium's emulation itself sometimes stalls: in about 2 % of throttled
cold loads on a loaded machine, every request of the page stopped, with the server's responses
sitting unread in Chromium's own sockets (`ss` showed them in CLOSE-WAIT with data in Recv-Q) while
the server answered any other client at once. Without throttling, 150 loads in a row never did.
A test tells such a stall (`NetworkStalled`) apart from a page that does not work, and may load the
page again; nothing a page shows is ever retried away.
"""

from __future__ import annotations

import time
import urllib.request
import warnings
from collections.abc import Callable
from typing import Any

from playwright.sync_api import BrowserContext, Page, Request

# The phone: 9 Mbit/s down, 1.5 up, 150 ms round trip.
PHONE = {"offline": False, "latency": 150, "downloadThroughput": 9e6 / 8,
         "uploadThroughput": 1.5e6 / 8}
# Lighthouse's slow phone: 1.6 Mbit/s and 150 ms, so Python takes tens of seconds to arrive.
SLOW_PHONE = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8,
              "uploadThroughput": 0.75e6 / 8}
# No request of a page finished or started for this long while some were open: at 1.6 Mbit/s
# the largest file (2.7 MB) takes 14 s.
STALL_S = 40.0
ATTEMPTS = 3



class NetworkStalled(Exception):
    """Chromium's network emulation stopped delivering the page's responses."""


class Watch:
    """The page's open requests, and when any of them last moved."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.open: set[str] = set()
        self.failed: list[str] = []
        self.moved = time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)

    def _started(self, request: Request) -> None:
        self.open.add(request.url)
        self.moved = time.monotonic()

    def _finished(self, request: Request) -> None:
        self.open.discard(request.url)
        self.moved = time.monotonic()

    def _failed(self, request: Request) -> None:
        self.open.discard(request.url)
        self.failed.append(f"{request.url}: {request.failure}")
        self.moved = time.monotonic()

    def check(self) -> None:
        """Raises NetworkStalled when open requests have not moved for STALL_S."""
        still = time.monotonic() - self.moved
        if self.open and still > STALL_S:
            raise NetworkStalled(
                f"{len(self.open)} requests open and none moved for {still:.0f} s "
                f"({sorted(self.open)[:5]}…); {server_answers(self.page.url)}")


def server_answers(url: str) -> str:
    """Whether the server answers a request of its own, outside the browser, right now."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
            return f"the server answered another client {response.status} in " \
                   f"{time.monotonic() - started:.2f} s"
    except OSError as error:
        return f"the server did not answer another client either: {error}"


def throttled_page(context: BrowserContext, conditions: dict[str, Any] = PHONE
                   ) -> tuple[Page, Watch]:
    page = context.new_page()
    watch = Watch(page)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", conditions)
    return page, watch


def wait_until(page: Page, watch: Watch, condition: str, arg: Any, timeout_s: float) -> bool:
    """Polls `condition` (a JS function of `arg`) until true; False after timeout_s. A stalled
    emulation raises NetworkStalled on the way."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if page.evaluate(condition, arg):
            return True
        watch.check()
        page.wait_for_timeout(250)
    return False


def despite_stalls[T](load: Callable[[], T]) -> T:
    """`load()` again, up to ATTEMPTS times, when Chromium's network emulation stalls it."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return load()
        except NetworkStalled as stall:
            if attempt == ATTEMPTS:
                raise
            warnings.warn(f"loading again: Chromium's network emulation stalled: {stall}",
                          stacklevel=2)
    raise AssertionError("unreachable")
