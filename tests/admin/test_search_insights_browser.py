"""A reader searches the real built site in Chromium: the finished search reaches the service
as anonymous daily counts, the opened result too, and nothing at all leaves a browser that
asks not to be tracked."""

from __future__ import annotations

import re
import sqlite3
import time
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

ENDPOINT = "/api/search-insights"
NOT_TRACKED = {
    "gpc": "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', "
           "{get: () => true});",
    "dnt": "Object.defineProperty(Navigator.prototype, 'doNotTrack', {get: () => '1'});",
}


def counts(live_server: Any, language: str, query: str) -> tuple[int, int, int] | None:
    conn = sqlite3.connect(live_server.db_path)
    try:
        row = conn.execute("SELECT sum(searches), sum(no_results), sum(opened) FROM search_daily"
                           " WHERE language = ? AND query = ?", (language, query)).fetchone()
    except sqlite3.OperationalError:
        row = None
    finally:
        conn.close()
    return None if row is None or row[0] is None else (int(row[0]), int(row[1]), int(row[2]))


def wait_for_counts(live_server: Any, language: str, query: str,
                    expected: tuple[int, int, int]) -> None:
    deadline = time.monotonic() + 15
    found = None
    while time.monotonic() < deadline:
        found = counts(live_server, language, query)
        if found == expected:
            return
        time.sleep(0.1)
    raise AssertionError(f"{language} {query!r}: expected {expected}, stored {found}")


def search(page: Page, url: str, query: str) -> Any:
    page.goto(url, wait_until="load")
    page.keyboard.press("/")
    box = page.get_by_role("searchbox")
    box.press_sequentially(query, delay=40)
    return box


# Chromium does not show keepalive fetches to Playwright's request events: record them at fetch.
RECORD_REPORTS = """
window.__reports = [];
const originalFetch = window.fetch;
window.fetch = function (url, options) {
  if (String(url).endsWith("ENDPOINT")) {
    window.__reports.push({body: JSON.parse(options.body), credentials: options.credentials});
  }
  return originalFetch.apply(this, arguments);
};
""".replace("ENDPOINT", ENDPOINT)


def reports(page: Page) -> list[dict[str, Any]]:
    return list(page.evaluate("window.__reports"))


@pytest.fixture(autouse=True)
def record_reports(context: BrowserContext) -> None:
    context.add_init_script(RECORD_REPORTS)


def test_a_finished_search_is_counted_with_its_results_and_the_opened_page(
        page: Page, live_server: Any) -> None:
    search(page, live_server.url + "/en/", "paid twice")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_contain_text(re.compile(r"\d"))
    shown = int(re.sub(r"\D", "", meta.inner_text()))
    wait_for_counts(live_server, "en", "paid twice", (1, 0, 0))
    first = reports(page)[0]
    body = first["body"]
    assert set(body) == {"id", "language", "query", "results", "opened"}
    assert (body["language"], body["query"], body["results"], body["opened"]) == (
        "en", "paid twice", shown, None)
    assert first["credentials"] == "omit"  # no cookie goes with it
    page.locator(".md-search-result__list").get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/en/[a-z-]+/"))
    wait_for_counts(live_server, "en", "paid twice", (1, 0, 1))
    opened = reports(page)[-1]["body"]
    assert opened["id"] == body["id"]
    assert opened["opened"].startswith("/en/")
    assert page.context.cookies() == []
    page.wait_for_function("() => localStorage.getItem('hc-search-insights.outbox') === '{}'")


def test_a_search_without_results_is_counted_as_such(page: Page, live_server: Any) -> None:
    search(page, live_server.url + "/fi/", "qwxzv")
    wait_for_counts(live_server, "fi", "qwxzv", (1, 1, 0))


def test_only_the_query_the_reader_stopped_at_is_reported(page: Page, live_server: Any) -> None:
    box = search(page, live_server.url + "/", "faktur")
    box.press_sequentially("a moms", delay=40)
    wait_for_counts(live_server, "sv", "faktura moms", (1, 0, 0))
    assert counts(live_server, "sv", "faktur") is None
    assert [r["body"]["query"] for r in reports(page)] == ["faktura moms"]


@pytest.mark.parametrize("query", ["kundnummer 55667788", "4111,1111,1111,1111",
                                   "anna\uff20example.com"])
def test_personal_data_typed_into_search_is_not_stored(page: Page, live_server: Any,
                                                       query: str) -> None:
    from helpcenter_server.insights.privacy import normalise

    search(page, live_server.url + "/", query)
    page.wait_for_function("() => localStorage.getItem('hc-search-insights.outbox') === '{}'",
                           timeout=10_000)
    # The browser sends it as typed; the service alone decides, and drops it.
    assert [r["body"]["query"] for r in reports(page)] == [query]
    assert counts(live_server, "sv", normalise(query)) is None


@pytest.mark.parametrize("signal", ["gpc", "dnt"])
def test_nothing_is_sent_when_the_browser_asks_not_to_be_tracked(
        browser: Browser, live_server: Any, signal: str) -> None:
    context = browser.new_context()
    context.add_init_script(NOT_TRACKED[signal])
    context.add_init_script(RECORD_REPORTS)
    page = context.new_page()
    query = f"moms {signal}"
    search(page, live_server.url + "/en/", query)
    expect(page.locator(".md-search-result__meta")).not_to_have_text("")
    page.wait_for_timeout(2500)  # twice the pause after which a search is reported
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_timeout(500)
    assert reports(page) == []
    assert page.evaluate("localStorage.getItem('hc-search-insights.outbox')") is None
    assert counts(live_server, "en", query) is None
    context.close()


def test_a_search_made_offline_is_sent_once_the_reader_is_back_online(
        page: Page, live_server: Any) -> None:
    page.goto(live_server.url + "/en/", wait_until="load")
    page.context.set_offline(True)
    page.keyboard.press("/")
    page.get_by_role("searchbox").press_sequentially("refund offline", delay=40)
    page.wait_for_function("() => Object.keys(JSON.parse(localStorage.getItem("
                           "'hc-search-insights.outbox') || '{}')).length === 1")
    assert counts(live_server, "en", "refund offline") is None
    queued = page.evaluate("() => Object.values(JSON.parse(localStorage.getItem("
                           "'hc-search-insights.outbox')))[0]")
    assert queued["endpoint"].endswith(ENDPOINT)
    results = queued["body"]["results"]
    page.context.set_offline(False)
    wait_for_counts(live_server, "en", "refund offline", (1, int(results == 0), 0))
    page.wait_for_function("() => localStorage.getItem('hc-search-insights.outbox') === '{}'")


ELSEWHERE = "https://feedback.example/api/search-insights"


def test_search_reports_go_to_the_service_the_page_names(page: Page, live_server: Any) -> None:
    """A site built with `extra.feedback.endpoint` on another host names that host's
    search-insights address in every page; the script sends there and nowhere else."""
    built = f'<meta name="hc-search-insights" content="{ENDPOINT}">'

    def elsewhere(route: Any) -> None:
        response = route.fetch()
        html = response.text()
        assert built in html
        route.fulfill(response=response,
                      body=html.replace(built, built.replace(ENDPOINT, ELSEWHERE)))

    page.route(live_server.url + "/en/", elsewhere)
    page.goto(live_server.url + "/en/", wait_until="load")
    page.context.set_offline(True)
    page.keyboard.press("/")
    page.get_by_role("searchbox").press_sequentially("refund elsewhere", delay=40)
    page.wait_for_function("() => Object.keys(JSON.parse(localStorage.getItem("
                           "'hc-search-insights.outbox') || '{}')).length === 1")
    queued = page.evaluate("() => Object.values(JSON.parse(localStorage.getItem("
                           "'hc-search-insights.outbox')))[0]")
    assert queued["endpoint"] == ELSEWHERE
    assert queued["body"]["query"] == "refund elsewhere"
