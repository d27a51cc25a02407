"""Votes sent at load: planned votes, concurrent senders on their own thread, and what was lost."""

from __future__ import annotations

import asyncio
import json
import random
import re
import threading
import uuid
from collections.abc import Callable
from typing import Any

import httpx

from tests.support.feedback import LANGUAGES, SLUGS

VOTES = 10_000
CONCURRENCY = 50
# Only ends a hang: how fast the votes go through depends on the machine's load, and is printed.
HANG_S = 600.0


def planned_votes(count: int, seed: int) -> list[dict[str, Any]]:
    """`count` sends: mostly new votes, one in ten a changed vote (same id, higher revision)."""
    rng = random.Random(seed)
    votes: list[dict[str, Any]] = []
    for n in range(count):
        if votes and n % 10 == 9:
            earlier = rng.choice(votes)
            vote = {**earlier, "revision": earlier["revision"] + 1 + n,
                    "vote": "no", "reason": "other", "comment": f"ändrat {n}"}
        else:
            vote = {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "revision": 1,
                    "article": rng.choice(SLUGS), "language": rng.choice(LANGUAGES),
                    "vote": "yes", "page_version": "v1"}
        votes.append(vote)
    return votes


class Connection:
    """A bare HTTP/1.1 keep-alive connection: httpx costs ~3.5 ms of CPU per request on these
    2 cores, four times the service's own cost, which would make this a test of the client."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        self.retry_after: str | None = None
        """The last response's Retry-After header, if it had one."""

    async def post(self, path: str, vote: dict[str, Any]) -> int:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        body = json.dumps(vote).encode()
        writer.write(f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                     f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
                     .encode() + body)
        try:
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
            retry_after = re.search(rb"(?i)\r\nretry-after: *(\d+)", head)
            self.retry_after = retry_after.group(1).decode() if retry_after else None
            await reader.readexactly(int(length.group(1)) if length else 0)
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            self.close()
            raise ConnectionError("the service went away") from None
        return status

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def send_all(url: str, votes: list[dict[str, Any]], stop: threading.Event | None = None,
                   on_ack: Callable[[int], None] | None = None,
                   redeliver: bool = False) -> dict[str, Any]:
    """Post the votes at CONCURRENCY; return the highest acknowledged revision per id and stats.

    With `redeliver`, a vote answered 503, or whose answer was cut off in transit, is sent again
    shortly after, as the widget's outbox does, until it is acknowledged; each such try is still
    counted under "503" or "transport error"."""
    acked: dict[str, int] = {}
    statuses: dict[str, int] = {}
    queue = iter(votes)
    address = httpx.URL(url)

    def count(key: str) -> None:
        statuses[key] = statuses.get(key, 0) + 1

    def stopped() -> bool:
        return stop is not None and stop.is_set()

    async def deliver(connection: Connection, vote: dict[str, Any]) -> int | None:
        while True:
            try:
                status = await connection.post("/api/feedback", vote)
            except ConnectionError:
                count("transport error")
                if not redeliver:
                    return None
            else:
                if not redeliver or status != 503:
                    return status
                count("503")
                if connection.retry_after is None:
                    count("503 without Retry-After")
            if stopped():
                return None
            await asyncio.sleep(0.25)

    async def worker() -> None:
        connection = Connection(address.host, address.port or 80)
        for vote in queue:
            if stopped():
                break
            status = await deliver(connection, vote)
            if status is None:
                continue
            count(str(status))
            if 200 <= status < 300:
                acked[vote["id"]] = max(acked.get(vote["id"], 0), vote["revision"])
                if on_ack is not None:
                    on_ack(len(acked))
        connection.close()

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return {"acked": acked, "statuses": statuses}


Outcome = dict[str, Any]


def in_thread(votes: list[dict[str, Any]], url: str, stop: threading.Event | None = None,
              on_ack: Callable[[int], None] | None = None,
              redeliver: bool = False) -> tuple[threading.Thread, Outcome]:
    """Run the load on its own event loop: Playwright's sync API keeps one in this thread."""
    outcome: dict[str, Any] = {}
    thread = threading.Thread(target=lambda: outcome.update(
        asyncio.run(send_all(url, votes, stop, on_ack, redeliver))))
    thread.start()
    return thread, outcome


def finish(thread: threading.Thread, timeout: float) -> None:
    """Join, and fail plainly if the load is still running: a hang is a hang, not a KeyError."""
    thread.join(timeout=timeout)
    assert not thread.is_alive(), f"the load was still running after {timeout:.0f} s"


def missing(acked: dict[str, int], stored: dict[str, int]) -> list[str]:
    """Acknowledged votes that are absent, or older in the database than what was acknowledged."""
    return [vote_id for vote_id, revision in acked.items() if stored.get(vote_id, 0) < revision]
