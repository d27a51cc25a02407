"""The built site on any static host, without the feedback service: here `python -m http.server`.

A reader can still read articles, search, use the calculators and switch language; the feedback
question thanks them as usual and keeps the vote in its outbox until an endpoint answers.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.feedback_widget import ui, widget
from tools.local_site import free_port, wait_for_port

pytestmark = pytest.mark.browser

READY_MS = 90_000  # Pyodide's first start on a busy 2-core machine


@pytest.fixture(scope="module")
def static_host(built_site: Path) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(built_site)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_articles_and_the_language_switcher_work_on_a_static_host(
        page: Page, static_host: str) -> None:
    page.goto(f"{static_host}/en/paid-twice/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("button", name=re.compile("language", re.I)).click()
    page.get_by_role("link", name="Suomi", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(f"{static_host}/fi/paid-twice/") + "(#.*)?$"))
    expect(page.locator("html")).to_have_attribute("lang", "fi")


def test_search_finds_articles_on_a_static_host(page: Page, static_host: str) -> None:
    page.goto(f"{static_host}/en/")
    box = page.get_by_role("searchbox")
    box.click()
    box.press_sequentially("licence")
    box.press("End")
    results = page.locator(".md-search-result__list a.md-search-result__link")
    expect(results.first).to_be_visible(timeout=20_000)
    assert all("/en/" in href for href in results.evaluate_all("as => as.map(a => a.href)"))


def test_a_calculator_computes_on_a_static_host(page: Page, static_host: str) -> None:
    page.goto(f"{static_host}/en/users-vs-licences/")
    root = page.locator('[data-calculator="spare_licences"]')
    expect(root).to_have_attribute("data-state", "ready", timeout=READY_MS)
    expect(root.locator('[data-result="spare"]')).to_have_text(re.compile(r"^\d+$"))


def test_without_an_endpoint_a_vote_waits_in_the_outbox_and_the_reader_sees_thanks(
        page: Page, static_host: str) -> None:
    page.goto(f"{static_host}/en/payment-reminder/")
    feedback = widget(page, "en")
    feedback.get_by_role("button", name="Yes", exact=True).click()
    expect(feedback.get_by_role("status")).to_have_text(ui("en")["feedback.thanks_yes"])
    page.wait_for_timeout(2500)  # the first send and its first retry have failed by now
    expect(feedback.get_by_role("status")).to_have_text(ui("en")["feedback.thanks_yes"])
    outbox = page.evaluate("JSON.parse(localStorage.getItem('hc-feedback.outbox'))")
    [queued] = outbox.values()
    assert (queued["vote"]["article"], queued["vote"]["vote"]) == ("payment-reminder", "yes")
    expect(page.get_by_role("alert")).to_have_count(0)
