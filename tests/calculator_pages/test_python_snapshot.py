"""Repeat visits restore Python from a memory snapshot kept in Cache Storage, and only a snapshot
that gives the build's known answer is ever used."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import BrowserContext

from tests.support.calculator_page import (
    SNAPSHOTS,
    started_by,
    visit_and_compute,
    wait_for_snapshot,
)

pytestmark = pytest.mark.browser

def test_a_repeat_visit_restores_python_and_answers_exactly_as_a_fresh_start(
        context: BrowserContext, live_server: Any) -> None:
    first = context.new_page()
    fresh = visit_and_compute(first, live_server.url)
    assert started_by(first) == "started"
    wait_for_snapshot(first)
    first.close()

    again = context.new_page()
    restored = visit_and_compute(again, live_server.url)
    assert started_by(again) == "snapshot"
    assert restored == fresh


def test_a_snapshot_that_does_not_give_the_known_answer_is_dropped_silently(
        context: BrowserContext, live_server: Any) -> None:
    first = context.new_page()
    fresh = visit_and_compute(first, live_server.url)
    wait_for_snapshot(first)
    # Damage the kept snapshot, as a half-written or foreign entry would be.
    first.evaluate("""async (name) => {
      const cache = await caches.open(name);
      for (const key of await cache.keys()) await cache.put(key, new Response(new Uint8Array(64)));
    }""", SNAPSHOTS)
    first.close()

    again = context.new_page()
    assert visit_and_compute(again, live_server.url) == fresh
    assert started_by(again) == "started"
