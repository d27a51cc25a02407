"""Fixtures of the quality gates: the built pages, and one browser sweep over all of them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request
from playwright.sync_api import Response as PlaywrightResponse
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.support.quality import (
    LANGUAGES,
    Sweep,
    article_title,
    language_of,
    origin_of,
    page_paths,
    run_axe,
    ui_strings,
)

MIN_TARGET_PX = 24

# The calculator front end marks each calculator data-state="ready" once its result shows.
ALL_RESULTS_SHOWN = """() =>
  [...document.querySelectorAll("[data-calculator]")].every((c) => c.dataset.state === "ready")
"""

# Reports every blocked load or script to Python; init scripts run before the page's own.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__qualityCspViolation(
    `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`
  );
});
"""


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> list[str]:
    """URL paths of every built page; the gates run over all of them, in every language."""
    paths = page_paths(built_site)
    for lang in LANGUAGES:
        assert any(language_of(p) == lang for p in paths), f"no page built in {lang}"
    return paths


def computed_calculators(page: Page, timeout_ms: float) -> int:
    """Waits until every calculator on the page shows a result; how many there were."""
    count = page.locator("[data-calculator]").count()
    if count:
        page.wait_for_function(ALL_RESULTS_SHOWN, timeout=timeout_ms)
    return count


def open_feedback_no_form(page: Page, ui: dict[str, str]) -> bool:
    """Answers "No" on the article's feedback question, opening its form; whether it had one."""
    no = page.get_by_role("button", name=ui["feedback.no"], exact=True)
    if no.count() == 0:
        return False
    # Keyboard activation leaves no hover state behind to skew axe's colour-contrast check.
    no.focus()
    page.keyboard.press("Enter")
    page.get_by_role("group", name=ui["feedback.reasons_legend"]).wait_for(state="visible")
    return True


def small_targets(page: Page, ui: dict[str, str]) -> tuple[int, list[str]]:
    """How many feedback answers and calculator inputs the page has, and which of them are
    smaller than WCAG 2.5.8's 24 by 24 CSS pixels."""
    controls = [
        *page.get_by_role("button", name=ui["feedback.yes"], exact=True).all(),
        *page.get_by_role("button", name=ui["feedback.no"], exact=True).all(),
        *page.locator("[data-calculator]").get_by_role("textbox").all(),
    ]
    small = []
    for control in controls:
        box = control.bounding_box()
        name = control.get_attribute("name") or control.inner_text()
        if box is None:
            small.append(f"{name}: not rendered")
        elif box["width"] < MIN_TARGET_PX or box["height"] < MIN_TARGET_PX:
            small.append(f"{name}: {box['width']:.0f}x{box['height']:.0f} px")
    return len(controls), small


def navigate_instantly(page: Page, base_url: str, result: Sweep, current: dict[str, str],
                       calculator_timeout_ms: float) -> None:
    """Search, then follow links the way Material does (navigation.instant swaps the page in
    place and re-runs the scripts in it): everything must keep working under the CSP."""
    current["path"] = "/ (search, then instant navigation)"
    page.goto(base_url + "/", wait_until="load")
    page.keyboard.press("/")
    page.get_by_role("searchbox").press_sequentially("faktura")
    first_hit = page.locator(".md-search-result__list").get_by_role("link").first
    first_hit.wait_for(state="visible")
    result.states.append("/ searched")
    first_hit.click()
    page.wait_for_function("() => !document.querySelector('[data-md-toggle=search]').checked")
    page.goto(base_url + "/", wait_until="load")
    # A full page load would drop this mark: it shows that the navigation was instant.
    page.evaluate("window.__qualityNoReload = true")
    title = article_title("sv", "licence-changes")
    page.get_by_role("main").get_by_role("link", name=title, exact=True).first.click()
    # Material changes the address before it swaps the content in.
    page.wait_for_url("**/licence-changes/")
    try:
        page.locator("[data-calculator]").first.wait_for(state="attached")
        computed = computed_calculators(page, calculator_timeout_ms)
        if computed and page.evaluate("window.__qualityNoReload === true"):
            result.states.append("/licence-changes/ calculated after instant navigation")
    except PlaywrightTimeoutError:
        result.calculator_failures.append("/licence-changes/ after instant navigation: no result")


@pytest.fixture(scope="session")
def sweep(browser: Browser, live_server: Any, site_pages: list[str]) -> Iterator[Sweep]:
    """Visits every page once in one browser context, under the served CSP.

    Each page is checked as loaded; calculator pages again once every result shows; article
    pages again with the "No" feedback form open; then search and instant navigation.
    """
    result = Sweep(origin=origin_of(live_server.url))
    context = browser.new_context()
    current = {"path": ""}

    def on_request(request: Request) -> None:
        result.requests_seen += 1
        if request.url.startswith("data:"):
            return
        url = request.url.removeprefix("blob:")
        if origin_of(url) != result.origin:
            result.foreign_requests.append(f"{current['path']}: {request.url}")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and re.search(r"Content.Security.Policy", message.text, re.I):
            result.csp_violations.append(f"{current['path']}: {message.text}")

    def on_csp_violation(text: str) -> None:
        result.csp_violations.append(f"{current['path']}: {text}")

    def on_response(response: PlaywrightResponse) -> None:
        # A 404 page itself answers 404, even at its own address: that is its point.
        own_404 = response.status == 404 and response.url.endswith("/404.html") and \
            response.request.resource_type == "document"
        if response.status >= 400 and not own_404:
            result.failed_requests.append(f"{current['path']}: {response.status} {response.url}")

    context.expose_function("__qualityCspViolation", on_csp_violation)
    context.add_init_script(CSP_LISTENER)
    context.on("request", on_request)
    context.on("response", on_response)
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda err: result.script_errors.append(f"{current['path']}: {err}"))

    # Pyodide's first start in a fresh context compiles its WebAssembly: allow for a slow machine.
    calculator_timeout_ms = 60_000
    for path in site_pages:
        current["path"] = path
        ui = ui_strings(language_of(path))
        page.goto(live_server.url + path, wait_until="load")
        result.states.append(f"{path} loaded")
        result.axe_violations[f"{path} loaded"] = run_axe(page)
        measured, small = small_targets(page, ui)
        result.targets_measured += measured
        result.small_targets += [f"{path} {target}" for target in small]
        try:
            computed = computed_calculators(page, calculator_timeout_ms)
        except PlaywrightTimeoutError:
            states = page.locator("[data-calculator]").evaluate_all(
                "(roots) => roots.map((r) => r.dataset.state)")
            result.calculator_failures.append(f"{path}: {states} after {calculator_timeout_ms} ms")
            # One calculator that never computes should not make every later page wait as long.
            calculator_timeout_ms = 5_000
            computed = 0
        if computed:
            result.calculators_computed += computed
            result.states.append(f"{path} calculated")
            result.axe_violations[f"{path} calculated"] = run_axe(page)
        if open_feedback_no_form(page, ui):
            result.feedback_forms_opened += 1
            result.states.append(f"{path} feedback form open")
            result.axe_violations[f"{path} feedback form open"] = run_axe(page)
    navigate_instantly(page, live_server.url, result, current, calculator_timeout_ms)
    page.wait_for_timeout(500)  # late requests of the last page count too
    yield result
    context.close()
