"""Under load, and when killed mid-load, every acknowledged vote is in the database."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx
import pytest

from helpcenter_server.db.location import is_postgres
from tests.support.feedback import ServiceProcess, rows, stored_revisions
from tests.support.vote_load import (
    CONCURRENCY,
    HANG_S,
    VOTES,
    finish,
    in_thread,
    missing,
    planned_votes,
)


@pytest.mark.slow
def test_every_acknowledged_vote_of_ten_thousand_is_stored(
        service: Callable[..., ServiceProcess], db: str) -> None:
    server = service("--rate-limit", "1000000")
    votes = planned_votes(VOTES, seed=1)
    started = time.monotonic()
    sender, result = in_thread(votes, server.url)
    finish(sender, HANG_S)
    elapsed = time.monotonic() - started
    acked, statuses = result["acked"], result["statuses"]
    print(f"\nload: {VOTES} votes at concurrency {CONCURRENCY} in {elapsed:.1f} s "
          f"({VOTES / elapsed:.0f} votes/s), statuses {statuses}")
    assert sum(n for code, n in statuses.items() if code in ("200", "201")) == VOTES
    stored = stored_revisions(db)
    assert missing(acked, stored) == []
    assert len(stored) == len(acked) == len({v["id"] for v in votes})


@pytest.mark.slow
def test_no_acknowledged_vote_is_lost_when_the_service_is_killed_mid_load(
        service: Callable[..., ServiceProcess], db: str) -> None:
    server = service("--rate-limit", "1000000")
    votes = planned_votes(6_000, seed=2)
    halfway = threading.Event()
    stop = threading.Event()

    def on_ack(count: int) -> None:
        if count >= 1_500:
            halfway.set()

    sender, outcome = in_thread(votes, server.url, stop, on_ack)
    assert halfway.wait(timeout=60), "the load never got going"
    server.kill()
    # Let the senders see the dead service, then stop them.
    time.sleep(0.3)
    stop.set()
    finish(sender, 60)
    acked = outcome["acked"]
    print(f"\ncrash: killed after {len(acked)} acknowledged votes; statuses {outcome['statuses']}")
    assert outcome["statuses"].get("transport error", 0) > 0, "the kill came after the load"

    restarted = service("--rate-limit", "1000000")
    if not is_postgres(db):
        assert rows(db, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]
    assert missing(acked, stored_revisions(db)) == []
    after = httpx.post(f"{restarted.url}/api/feedback", json=planned_votes(1, seed=3)[0])
    assert after.status_code == 201
