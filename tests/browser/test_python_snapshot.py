"""Repeat visits restore Python from a memory snapshot kept in Cache Storage, and only a snapshot
that gives the build's known answer is ever used."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.test_calculators_in_articles import READY_MS, calculator, texts, url

pytestmark = pytest.mark.browser

SNAPSHOTS = "calculators-python-snapshot"
# Written whole: a worker ended while the entry is still being written leaves none.
SAVED = """async (name) => {
  const cache = await caches.open(name);
  const [key] = await cache.keys();
  return key !== undefined && (await (await cache.match(key)).arrayBuffer()).byteLength > 1e6;
}"""


def visit_and_compute(page: Page, base: str) -> dict[str, str]:
    """The reader changes a value and back: Python computes the article's example again."""
    page.goto(url(base, "en", "licence-changes"))
    root = calculator(page, "proration")
    expect(root).to_have_attribute("data-state", "ready", timeout=READY_MS)
    added = root.locator('[name="licences_added"]')
    original = added.input_value()
    added.fill("7")
    added.fill(original)
    expect(root).not_to_have_attribute("data-prerendered", "", timeout=READY_MS)
    expect(root).to_have_attribute("data-state", "ready", timeout=READY_MS)
    return texts(root)


def started_by(page: Page) -> str | None:
    return page.locator("html").get_attribute("data-calculator-python")


def wait_for_snapshot(page: Page) -> None:
    # evaluate() awaits the check's promise; wait_for_function() would not.
    deadline = time.monotonic() + READY_MS / 1000
    while not page.evaluate(SAVED, SNAPSHOTS):
        assert time.monotonic() < deadline, "no snapshot was kept"
        page.wait_for_timeout(200)


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
