"""Support staff use the dashboard in a real browser: sign in and out, read the charts, with
the site's CSP enforced, zero axe-core violations and nothing that needs a mouse."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.support.dashboard import (
    DEMO_OPENED,
    DEMO_SEARCHES,
    STAFF_PASSWORD,
    STAFF_USER,
    SeedVote,
    demo_votes,
    seed_searches,
    seed_votes,
    site_with_titles,
    staff_file,
)
from tools.local_site import ROOT, free_port, start_service, stop_service

pytestmark = pytest.mark.browser

AXE = Axe.from_file(ROOT / "node_modules" / "axe-core" / "axe.min.js")
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                     "wcag22aa"]},
               "resultTypes": ["violations"]}
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`);
});
"""
PAGES = ["/admin/", "/admin/?language=sv&period=30&sort=most-votes", "/admin/?period=all",
         "/admin/articles/sv/invoice-quantity", "/admin/articles/en/paid-twice?period=30",
         "/admin/search", "/admin/search?language=en&period=7", "/admin/?language=de"]
DATA = ["/admin/feedback.csv", "/admin/feedback.json", "/admin/search.csv", "/admin/search.json",
        "/admin/feedback.csv?language=sv&period=all&sort=article"]
XSS_VOTES = [
    SeedVote("invoice-quantity", "sv", "no", 0, "unclear",
             "<script>alert('xss')</script> Fakturan visar 12 licenser, vi har 9 användare."),
    SeedVote("invoice-quantity", "en", "no", 0, "other",
             "<img src=x onerror=alert(1)> The numbers don't match my invoice."),
]
SCREENSHOT = ROOT / "deploy" / "screenshots" / "dashboard.png"


@dataclass
class Dashboard:
    url: str
    db: str
    csp_violations: list[str]


def serve_dashboard(tmp: Path, db: str) -> Iterator[str]:
    site = site_with_titles(tmp / "site")
    staff = staff_file(tmp)
    seed_votes(db, [*demo_votes(), *XSS_VOTES])
    seed_searches(db, DEMO_SEARCHES, DEMO_OPENED)
    port = free_port()
    proc = start_service(site, db, port, ["--admin-users", str(staff)])
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_service(proc)


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dashboard]:
    tmp = tmp_path_factory.mktemp("dashboard")
    db = str(tmp / "feedback.sqlite3")
    for url in serve_dashboard(tmp, db):
        yield Dashboard(url, db, [])


@pytest.fixture
def staff_context(browser: Browser, dashboard: Dashboard) -> Iterator[BrowserContext]:
    """A browser context that reports CSP violations, signed in through the form."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.expose_function("__cspViolation", lambda text: dashboard.csp_violations.append(text))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.on("console", lambda m: dashboard.csp_violations.append(m.text)
            if m.type == "error" and "Content Security Policy" in m.text else None)
    sign_in(page, dashboard.url)
    page.close()
    yield context
    context.close()


def sign_in(page: Page, url: str) -> None:
    page.goto(url + "/admin/")
    expect(page).to_have_url(re.compile(r"/admin/sign-in\?next="))
    page.get_by_label("Username").fill(STAFF_USER)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1, name="Reader feedback")).to_be_visible()


def test_staff_sign_in_and_out(page: Page, dashboard: Dashboard) -> None:
    page.goto(dashboard.url + "/admin/search")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Username").fill(STAFF_USER)
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("Wrong username or password.")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # Back where the staff member was going.
    expect(page.get_by_role("heading", level=1, name="What readers search for")).to_be_visible()
    expect(page.get_by_text(f"Signed in as {STAFF_USER}")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_have_text("You are signed out.")
    page.goto(dashboard.url + "/admin/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert page.context.request.get(dashboard.url + "/admin/feedback.json").status == 401


def test_every_data_path_refuses_a_browser_without_a_session(browser: Browser,
                                                             dashboard: Dashboard) -> None:
    context = browser.new_context()
    try:
        for path in DATA:
            response = context.request.get(dashboard.url + path, max_redirects=0)
            assert response.status == 401, path
            assert "paid-twice" not in response.text()
        for path in PAGES:
            response = context.request.get(dashboard.url + path, max_redirects=0)
            assert response.status == 303, path
            assert response.headers["location"].startswith("/admin/sign-in")
        page = context.new_page()
        page.goto(dashboard.url + "/admin/articles/sv/paid-twice")
        expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
        assert page.get_by_text("Vilket konto").count() == 0
    finally:
        context.close()


def bars(page: Page) -> list[dict[str, Any]]:
    return page.locator("svg[data-chart=weekly-trend] g.week").evaluate_all("""(groups) =>
      groups.map((g) => {
        const [yes, no] = g.querySelectorAll("rect");
        return {week: g.dataset.week, yes: +g.dataset.yes, no: +g.dataset.no,
                yesHeight: yes.getBBox().height, noHeight: no.getBBox().height,
                yesBottom: yes.getBBox().y + yes.getBBox().height, noBottom: no.getBBox().y +
                no.getBBox().height, yesTop: yes.getBBox().y,
                shownYes: getComputedStyle(yes).fill, title: g.querySelector("title").textContent};
      })""")


def test_the_weekly_chart_draws_the_seeded_numbers(staff_context: BrowserContext,
                                                   dashboard: Dashboard) -> None:
    page = staff_context.new_page()
    page.goto(dashboard.url + "/admin/?language=sv&period=90")
    data = page.context.request.get(dashboard.url + "/admin/feedback.json?language=sv").json()
    drawn = bars(page)
    assert len(drawn) >= 13
    assert sum(b["yes"] for b in drawn) == sum(a["yes"] for a in data["articles"])
    assert sum(b["no"] for b in drawn) == sum(a["no"] for a in data["articles"])
    tallest = max(drawn, key=lambda b: b["yes"] + b["no"])
    scale = (tallest["yesHeight"] + tallest["noHeight"]) / (tallest["yes"] + tallest["no"])
    for b in drawn:
        # Heights proportional to the counts, "no" stacked right on top of "yes".
        assert b["yesHeight"] == pytest.approx(b["yes"] * scale, abs=0.05)
        assert b["noHeight"] == pytest.approx(b["no"] * scale, abs=0.05)
        assert b["noBottom"] == pytest.approx(b["yesTop"], abs=0.05)
        assert f"{b['yes']} yes, {b['no']} no" in b["title"]
    assert drawn[-1]["shownYes"] == "rgb(46, 125, 50)"  # the stylesheet's colours apply
    # The helpful line: each point's height is that week's percentage.
    points = page.locator("svg[data-chart=weekly-trend] circle.helpful-point").evaluate_all(
        "(cs) => cs.map((c) => ({week: c.dataset.week, cy: +c.getAttribute('cy')}))")
    by_week = {b["week"]: b for b in drawn}
    base = drawn[0]["yesBottom"]
    for p in points:
        b = by_week[p["week"]]
        percent = 100 * b["yes"] / (b["yes"] + b["no"])
        assert (base - p["cy"]) / (base - 16) * 100 == pytest.approx(percent, abs=0.1)
    # The same numbers as a table, for those who cannot see the chart.
    page.get_by_text("The numbers as a table").click()
    first = page.locator(".chart-data tbody tr").first
    expect(first.locator("td").nth(1)).to_have_text(str(drawn[0]["yes"]))
    # Cards and table agree with the export.
    total = sum(a["yes"] + a["no"] for a in data["articles"])
    expect(page.locator("[data-total=votes]")).to_have_text(str(total))
    worst = data["articles"][0]
    first_row = page.locator("#articles tbody tr").first
    expect(first_row).to_have_attribute("data-article", worst["article"])
    expect(first_row.locator("[data-col=helpful]")).to_contain_text(
        f"{worst['helpful_percent']:.1f} %")


def test_the_reasons_chart_is_proportional(staff_context: BrowserContext,
                                           dashboard: Dashboard) -> None:
    page = staff_context.new_page()
    page.goto(dashboard.url + "/admin/articles/sv/invoice-quantity")
    reasons = page.locator("svg[data-chart=reasons] g.reason").evaluate_all("""(gs) =>
      gs.map((g) => ({count: +g.dataset.count,
                      width: g.querySelector(".reason__bar").getBBox().width}))""")
    data = page.context.request.get(dashboard.url + "/admin/feedback.json?language=sv").json()
    expected = next(a for a in data["articles"] if a["article"] == "invoice-quantity")["reasons"]
    assert [r["count"] for r in reasons] == list(expected.values())
    top = max(reasons, key=lambda r: r["count"])
    for r in reasons:
        assert r["width"] == pytest.approx(400 * r["count"] / top["count"], abs=0.05)


def test_script_in_comments_and_queries_is_shown_as_text(staff_context: BrowserContext,
                                                         dashboard: Dashboard) -> None:
    page = staff_context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(dashboard.url + "/admin/articles/sv/invoice-quantity?period=all")
    expect(page.get_by_text("<script>alert('xss')</script> Fakturan visar").first).to_be_visible()
    page.goto(dashboard.url + "/admin/articles/en/invoice-quantity?period=all")
    expect(page.get_by_text("<img src=x onerror=alert(1)> The numbers").first).to_be_visible()
    assert page.locator(".comments img").count() == 0
    page.goto(dashboard.url + "/admin/search")
    expect(page.locator("#no-results").get_by_text("<script>alert('q')</script>",
                                                   exact=True)).to_be_visible()
    assert page.locator("main script").count() == 0
    assert dialogs == []


def test_no_axe_violations_and_no_csp_violation_on_any_dashboard_page(
        browser: Browser, staff_context: BrowserContext, dashboard: Dashboard) -> None:
    violations: dict[str, list[str]] = {}
    page = staff_context.new_page()
    for path in PAGES:
        response = page.goto(dashboard.url + path)
        assert response is not None
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert "unsafe-inline" not in response.headers["content-security-policy"]
        found = AXE.run(page, options=AXE_OPTIONS).response["violations"]
        violations[path] = [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}"
                            for v in found]
        details = page.locator("details.chart-data")
        if details.count():
            details.first.locator("summary").click()
            found = AXE.run(page, options=AXE_OPTIONS).response["violations"]
            violations[path + " (table open)"] = [f"{v['id']}: {v['help']}" for v in found]
    # The sign-in page and a wrong password, in a context without a session.
    anonymous = browser.new_context()
    anonymous.expose_function("__cspViolation", lambda text: dashboard.csp_violations.append(text))
    anonymous.add_init_script(CSP_LISTENER)
    signin = anonymous.new_page()
    signin.goto(dashboard.url + "/admin/sign-in")
    violations["/admin/sign-in"] = [v["id"] for v in AXE.run(signin, options=AXE_OPTIONS)
                                    .response["violations"]]
    signin.get_by_label("Username").fill("nobody")
    signin.get_by_label("Password").fill("nothing")
    signin.get_by_role("button", name="Sign in").click()
    expect(signin.get_by_role("alert")).to_be_visible()
    violations["/admin/sign-in (error)"] = [v["id"] for v in AXE.run(signin, options=AXE_OPTIONS)
                                            .response["violations"]]
    anonymous.close()
    assert {p: v for p, v in violations.items() if v} == {}
    assert dashboard.csp_violations == []


def test_keyboard_only_walk_sign_in_filter_open_an_article_and_sign_out(
        page: Page, dashboard: Dashboard) -> None:
    page.goto(dashboard.url + "/admin/")

    def focused() -> str:
        return str(page.evaluate("""() => { const el = document.activeElement;
            return (el.getAttribute('aria-label') || el.labels?.[0]?.textContent ||
                    el.textContent || el.tagName).trim(); }"""))

    def tab_to(name: str, limit: int = 80) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if focused() == name:
                return
        raise AssertionError(f"Tab never reached {name!r}")

    tab_to("Username")
    page.keyboard.type(STAFF_USER)
    page.keyboard.press("Tab")
    page.keyboard.type(STAFF_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Reader feedback")).to_be_visible()
    page.keyboard.press("Tab")
    assert focused() == "Skip to content"
    page.keyboard.press("Enter")
    tab_to("Language")
    page.keyboard.press("ArrowDown")  # the first language after "All languages"
    tab_to("Sort")
    tab_to("Apply")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"language=en"))
    tab_to("The numbers as a table")
    page.keyboard.press("Enter")
    expect(page.locator(".chart-data table")).to_be_visible()
    first_article = page.locator("#articles tbody th a").first.inner_text()
    tab_to(first_article)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name=first_article)).to_be_visible()
    tab_to("Search")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="What readers search for")).to_be_visible()
    tab_to("Sign out")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("You are signed out.")


def test_screenshot_of_the_dashboard_with_seeded_data(staff_context: BrowserContext,
                                                      dashboard: Dashboard,
                                                      tmp_path: Path) -> None:
    """README's picture; `UPDATE_SCREENSHOTS=1 pytest tests/admin -k screenshot` renews it."""
    page = staff_context.new_page()
    page.goto(dashboard.url + "/admin/?period=90")
    expect(page.locator("svg[data-chart=weekly-trend]")).to_be_visible()
    target = SCREENSHOT if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path / "shot.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    # The top of the page: totals, the weekly chart and the least helpful articles.
    page.screenshot(path=str(target), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1280, "height": 1280})
    assert 20_000 < target.stat().st_size < 300_000


def test_the_dashboard_reads_postgresql_the_same_way(browser: Browser, postgres: Any,
                                                     tmp_path: Path) -> None:
    url = postgres.create_database("dashboard_browser")
    try:
        for service in serve_dashboard(tmp_path, url):
            context = browser.new_context()
            page = context.new_page()
            sign_in(page, service)
            page.goto(service + "/admin/?language=fi&period=90")
            data = context.request.get(service + "/admin/feedback.json?language=fi").json()
            drawn = bars(page)
            assert sum(b["yes"] + b["no"] for b in drawn) == sum(
                a["yes"] + a["no"] for a in data["articles"]) > 0
            page.goto(service + "/admin/search")
            expect(page.locator("#no-results").get_by_text("kreditnota", exact=True)) \
                .to_be_visible()
            context.close()
    finally:
        postgres.drop_database("dashboard_browser")


def test_every_dashboard_page_is_valid_html(staff_context: BrowserContext, dashboard: Dashboard,
                                            tmp_path: Path) -> None:
    import json
    import subprocess

    vnu = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    files = []
    for i, path in enumerate([*PAGES, "/admin/sign-in?signed-out=1"]):
        response = staff_context.request.get(dashboard.url + path)
        files.append(tmp_path / f"page{i}.html")
        files[-1].write_text(response.text(), encoding="utf-8")
    signed_out = staff_context.browser.new_context()  # type: ignore[union-attr]
    files.append(tmp_path / "sign-in.html")
    files[-1].write_text(signed_out.request.get(dashboard.url + "/admin/sign-in").text())
    signed_out.close()
    proc = subprocess.run(["java", "-jar", str(vnu), "--errors-only", "--format", "json",
                           *map(str, files)], capture_output=True, text=True, timeout=300)
    messages = json.loads(proc.stderr or proc.stdout)["messages"]
    assert [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in messages
            if m.get("type") in ("error", "non-document-error")] == []
