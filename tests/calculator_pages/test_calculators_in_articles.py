"""The calculators in the articles, driven in Chromium like a reader would.

Expected results come from the calculators package itself (the same code the browser runs in
Pyodide), formatted with Babel's CLDR data, an implementation independent of the page's Intl.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

import calculators
from helpcenter import calculator_format
from tests.support.calculator_page import (
    LANGS,
    NO_RESULT,
    PAGE,
    READY_MS,
    SPECS,
    TIMES,
    TYPED,
    UI,
    assert_same_origin,
    calculator,
    expect_results,
    field_label,
    fill_form,
    page_inputs,
    shown,
    squash,
    texts,
    typed_text,
    url,
    wait_ready,
)
from tests.support.returning_reader import ReturningReader

pytestmark = pytest.mark.browser

COMBOS = [pytest.param(name, lang, id=f"{name}-{lang}") for name in PAGE for lang in LANGS]


@pytest.fixture
def requests_seen(context: BrowserContext) -> Iterator[list[str]]:
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    yield seen


@pytest.fixture
def bytes_seen(context: BrowserContext) -> Iterator[list[tuple[str, int]]]:
    """(URL, body bytes from the network) of every request, the worker's included: only the
    context sees those. A response from the HTTP cache counts 0."""
    seen: list[tuple[str, int]] = []
    context.on("requestfinished",
               lambda request: seen.append((request.url, request.sizes()["responseBodySize"])))
    yield seen


@pytest.mark.parametrize(("lang", "expected"), [("sv", "268,51 €"), ("en", "€268.51"),
                                                 ("fi", "268,51 €")])
def test_reader_sees_the_articles_proration_example_in_their_locale(
        returning_reader: ReturningReader, lang: str, expected: str) -> None:
    page = returning_reader.open(lang, "licence-changes")
    root = calculator(page, "proration")
    wait_ready(root)
    amount = root.locator('[data-result="order_amount"]')
    expect(amount).to_have_text(re.compile(r"\S"))
    assert squash(amount.inner_text()) == expected
    assert TIMES in root.locator('[data-explain="order_amount"]').inner_text()


@pytest.mark.parametrize(("name", "lang"), COMBOS)
def test_reader_calculates_sees_errors_and_shares_the_calculation(
        returning_reader: ReturningReader, returning_requests: list[str], live_server: Any,
        name: str, lang: str) -> None:
    page = returning_reader.open(lang, PAGE[name])
    root = calculator(page, name)
    expect(root.get_by_text(UI[lang]["calculator.invoice_authoritative"])).to_be_visible()
    wait_ready(root)

    fill_form(root, name, lang, TYPED[name])
    expect_results(root, name, lang, TYPED[name])
    explanations = calculators.explain(name, dict(TYPED[name]))
    for result in SPECS[name]["results"]:
        explained = root.locator(f'[data-explain="{result["name"]}"]')
        if explanations.get(result["name"]):
            expect(explained).not_to_be_empty()
        else:
            expect(explained).to_be_empty()

    # An invalid value: the calculator's own message, in the page's language, next to the field.
    field = next(f for f in SPECS[name]["fields"] if f["kind"] in ("count", "money"))
    wrong = {**TYPED[name], field["name"]: "abc"}
    errors = calculators.run(name, wrong)["errors"]
    message = next(calculator_format.message(e, lang) for e in errors
                   if e["field"] == field["name"])
    control = root.get_by_label(field_label(field, lang), exact=True)
    control.fill("abc")
    expect(root).to_have_attribute("data-state", "invalid")
    expect(control).to_have_attribute("aria-invalid", "true")
    expect(control).to_have_accessible_description(re.compile(re.escape(message)))
    expect(root.locator(f'[data-error-for="{field["name"]}"]')).to_have_text(message)
    for result in SPECS[name]["results"]:
        expect(root.locator(f'[data-result="{result["name"]}"]')).to_have_text(NO_RESULT)

    # Put it right again, then follow the share link in a fresh tab.
    control.fill(typed_text(field["kind"], TYPED[name][field["name"]], lang))
    expect_results(root, name, lang, TYPED[name])
    link = root.get_by_role("link", name=UI[lang]["calculator.share_link"])
    href = link.get_attribute("href")
    assert href and f"calc={name}" in href
    shared = page.context.new_page()
    shared.goto(live_server.url + href)
    shared_root = calculator(shared, name)
    for field in SPECS[name]["fields"]:
        if field["name"] in TYPED[name]:
            expected = typed_text(field["kind"], TYPED[name][field["name"]], lang)
            control = shared_root.get_by_label(field_label(field, lang), exact=True)
            expect(control).to_have_value(expected)
    expect_results(shared_root, name, lang, TYPED[name])
    shared.close()
    assert_same_origin(returning_requests, live_server.url)


# Formats each number part with the page's own Intl formatters (text parts give null): the only
# thing the page may do to a line Python wrote.
FORMAT_NUMBERS_IN_PAGE = """async ([locale, parts]) => {
  const { formatters } = await import("/assets/javascripts/calculators/calculators.js");
  const format = formatters(locale);
  return parts.map((part) => (typeof part === "string" ? null : format(part.kind, part.value)));
}"""
TOO_LARGE = "999999999999"


def joined_as_python_wrote_it(page: Page, lang: str, parts: list[Any]) -> str:
    """Python's parts joined, nothing added: text as it is, numbers as the page's Intl writes
    them. Exact, not squashed, so a space the page added would show."""
    numbers = page.evaluate(FORMAT_NUMBERS_IN_PAGE,
                            [calculator_format.format_locale(lang), parts])
    return "".join(part if isinstance(part, str) else number
                   for part, number in zip(parts, numbers, strict=True))


@pytest.mark.parametrize(("name", "lang"), COMBOS)
def test_the_page_shows_explanations_and_messages_exactly_as_python_wrote_them(
        returning_reader: ReturningReader, name: str, lang: str) -> None:
    """Spacing, words and placeholders are Python's: the page only joins the parts."""
    page = returning_reader.open(lang, PAGE[name])
    root = calculator(page, name)
    wait_ready(root)
    fill_form(root, name, lang, TYPED[name])
    expect(root).to_have_attribute("data-state", "ready", timeout=READY_MS)
    outcome = calculators.calculate(name, page_inputs(root, name), lang)
    assert outcome["ok"], outcome
    shown_lines = dict(root.locator("[data-explain]").evaluate_all(
        "(els) => els.map((e) => [e.dataset.explain, e.textContent])"))
    assert any(shown_lines.values())
    for key, text in shown_lines.items():
        parts = outcome["explanation"].get(key)
        wrote = joined_as_python_wrote_it(page, lang, parts) if parts else ""
        assert text == wrote, key

    # A message with a number in it: the limit the value is over.
    field = next(f for f in SPECS[name]["fields"] if f["kind"] in ("count", "money"))
    root.get_by_label(field_label(field, lang), exact=True).fill(TOO_LARGE)
    expect(root).to_have_attribute("data-state", "invalid", timeout=READY_MS)
    outcome = calculators.calculate(name, page_inputs(root, name), lang)
    mine = [e for e in outcome["errors"] if e["field"] == field["name"]]
    assert [e["code"] for e in mine] == ["too_large"]
    slot = root.locator(f'[data-error-for="{field["name"]}"]')
    wrote = joined_as_python_wrote_it(page, lang, mine[0]["parts"][lang])
    assert slot.text_content() == wrote


def test_the_page_joins_parts_without_spacing_or_placeholders_of_its_own(
        returning_reader: ReturningReader) -> None:
    page = returning_reader.open("en", "paid-twice")
    joined = page.evaluate("""async () => {
      const { joinParts } = await import("/assets/javascripts/calculators/calculators.js");
      return joinParts(["6", "\u00d7", {kind: "count", value: "3"}, "/", "{count} {max}", "("],
                       (part) => `<${part.value}>`);
    }""")
    assert joined == "6\u00d7<3>/{count} {max}("


ONE_SPARE = {"sv": "Du har 1 ledig licens,", "en": "You have 1 spare licence,",
             "fi": "Sinulla on 1 vapaa lisenssi,"}
THREE_SPARE = {"sv": "Du har 3 lediga licenser,", "en": "You have 3 spare licences,",
               "fi": "Sinulla on 3 vapaata lisenssiä,"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_message_about_one_spare_licence_uses_the_singular_as_cldr_says(
        returning_reader: ReturningReader, lang: str) -> None:
    page = returning_reader.open(lang, "licence-changes")
    root = calculator(page, "proration")
    wait_ready(root)
    defaults = {f["name"]: root.locator(f'[name="{f["name"]}"]').input_value()
                for f in SPECS["proration"]["fields"]}
    slot = root.locator('[data-error-for="licences_removed"]')
    for active, removed, words in ((9, 2, ONE_SPARE), (7, 4, THREE_SPARE)):
        inputs = {"licences_current": 10, "active_users": active, "licences_removed": removed}
        fill_form(root, "proration", lang, inputs)
        expect(root).to_have_attribute("data-state", "invalid", timeout=READY_MS)
        outcome = calculators.calculate("proration", {**defaults, **{
            k: str(v) for k, v in inputs.items()}}, lang)
        [error] = [e for e in outcome["errors"] if e["field"] == "licences_removed"]
        # The core chose the form; the page and the build's Babel show the same sentence.
        expect(slot).to_have_text(squash(calculator_format.message(error, lang)))
        assert words[lang] in squash(slot.inner_text())


@pytest.mark.parametrize("lang", LANGS)
def test_second_calculator_is_ready_at_once_after_instant_navigation(
        page: Page, live_server: Any, requests_seen: list[str],
        bytes_seen: list[tuple[str, int]], lang: str) -> None:
    page.goto(url(live_server.url, lang, "licence-changes"))
    wait_ready(calculator(page, "proration"))
    target = url("", lang, "paid-twice")
    # An in-site link like any in an article; Material's instant navigation intercepts it.
    page.evaluate(
        """(href) => { const a = document.createElement("a"); a.href = href; a.id = "next";
                       a.textContent = "next"; document.querySelector("article").append(a); }""",
        target)
    page.locator("#next").click()
    # navigation.tracking may append the heading in view as a fragment.
    expect(page).to_have_url(re.compile(re.escape(live_server.url + target) + "(#.*)?$"))
    root = calculator(page, "overpayment")
    expect(root).to_have_attribute("data-state", "ready", timeout=5_000)
    # Requested twice (the <head> preload and the worker), downloaded once: the worker's request
    # is answered by the HTTP cache.
    runtime_loads = [size for u, size in bytes_seen if u.endswith("/pyodide.asm.wasm") and size > 0]
    assert len(runtime_loads) == 1, runtime_loads
    documents = [u for u in requests_seen if u.rstrip("/").endswith("paid-twice")]
    assert documents, "the second article was not fetched"
    workers = [w.url for w in page.workers if w.url.endswith("/calculators/worker.js")]
    assert len(workers) == 1, workers
    assert_same_origin(requests_seen, live_server.url)


@pytest.mark.parametrize("lang", LANGS)
def test_article_stays_readable_and_the_calculator_recovers_when_pyodide_was_unreachable(
        page: Page, live_server: Any, lang: str) -> None:
    blocked = "**/assets/pyodide/**"
    page.route(blocked, lambda route: route.abort())
    page.goto(url(live_server.url, lang, "licence-changes"))
    root = calculator(page, "proration")
    status = root.locator("[data-status]")
    expect(status).to_have_text(UI[lang]["calculator.failed"], timeout=READY_MS)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # The build's example stays: it is right for the values shown.
    amount = root.locator('[data-result="order_amount"]')
    assert squash(amount.inner_text()) == shown("money", "268.51", lang)

    # A change cannot be calculated: no stale result, the reason, nothing left busy.
    added = root.get_by_label(field_label(SPECS["proration"]["fields"][4], lang), exact=True)
    added.fill("4")
    expect(root).to_have_attribute("data-state", "failed", timeout=READY_MS)
    expect(amount).to_have_text(NO_RESULT)
    expect(status).to_have_text(UI[lang]["calculator.failed"])
    expect(root.locator(".calculator__output")).to_have_attribute("aria-busy", "false")

    # The network is back: the reader's next input starts Python again.
    page.unroute(blocked)
    added.fill("3")
    expect(root).to_have_attribute("data-state", "ready", timeout=READY_MS)
    assert squash(amount.inner_text()) == shown("money", "268.51", lang)


HANGING_WORKER = """
self.onmessage = (event) => {
  if (event.data.type === "init") self.postMessage({ type: "ready" });
  // Every calculation is swallowed: a worker stuck in a loop answers nothing.
};
"""


def test_a_worker_that_stops_answering_is_replaced_and_no_calculator_stays_busy(
        page: Page, live_server: Any) -> None:
    worker = "**/calculators/worker.js"
    page.route(worker, lambda route: route.fulfill(
        status=200, content_type="text/javascript", body=HANGING_WORKER))
    page.goto(url(live_server.url, "en", "users-vs-licences"))
    root = calculator(page, "spare_licences")
    licences = root.get_by_label(field_label(SPECS["spare_licences"]["fields"][0], "en"),
                                 exact=True)
    expect(root).to_have_attribute("data-state", "ready", timeout=READY_MS)
    licences.fill("20")
    expect(root).to_have_attribute("data-state", "failed", timeout=30_000)
    expect(root.locator("[data-status]")).to_have_text(UI["en"]["calculator.failed"])
    expect(root.locator(".calculator__output")).to_have_attribute("aria-busy", "false")
    page.unroute(worker)
    licences.fill("21")
    expect(root.locator('[data-result="spare"]')).to_have_text("13", timeout=READY_MS)
    expect(root).to_have_attribute("data-state", "ready")


def test_page_without_calculator_fetches_no_pyodide(
        page: Page, live_server: Any, requests_seen: list[str]) -> None:
    page.goto(url(live_server.url, "sv", "service-plan"), wait_until="load")
    page.wait_for_timeout(500)
    assert [u for u in requests_seen if "/assets/pyodide/" in u] == []
    assert page.locator("[data-calculator]").count() == 0


def test_keyboard_alone_reaches_every_field_and_the_share_controls(
        returning_reader: ReturningReader) -> None:
    page = returning_reader.open("en", "users-vs-licences")
    root = calculator(page, "spare_licences")
    wait_ready(root)
    first = root.get_by_label(field_label(SPECS["spare_licences"]["fields"][0], "en"), exact=True)
    first.focus()
    first.press("Control+a")
    page.keyboard.type("20")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+a")
    page.keyboard.type("5")
    expect(root.locator('[data-result="spare"]')).to_have_text("15")
    page.keyboard.press("Tab")
    expect(root.get_by_role("link", name=UI["en"]["calculator.share_link"])).to_be_focused()
    page.keyboard.press("Tab")
    expect(root.get_by_role("button", name=UI["en"]["calculator.copy_link"])).to_be_focused()
    expect(root.locator("[aria-live=polite]")).to_contain_text("15")


@pytest.mark.parametrize(("name", "lang"), COMBOS)
def test_the_example_result_is_there_without_any_script(
        browser: Browser, live_server: Any, name: str, lang: str) -> None:
    """The build computed it: a reader sees it at first paint, before Python or any script."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url(live_server.url, lang, PAGE[name]))
        root = calculator(page, name)
        expect(root).to_have_attribute("data-state", "prerendered")
        expect(root.get_by_role("heading", name=SPECS[name]["title"][lang])).to_be_visible()
        inputs = {f["name"]: root.locator(f'[name="{f["name"]}"]').input_value()
                  for f in SPECS[name]["fields"]}
        outcome = calculators.calculate(name, inputs, lang)
        assert outcome["ok"], outcome
        for result in SPECS[name]["results"]:
            value = outcome["result"].get(result["name"])
            element = root.locator(f'[data-result="{result["name"]}"]')
            expected = NO_RESULT if value is None else shown(result["kind"], value, lang)
            assert squash(element.inner_text()) == expected, result["name"]
    finally:
        context.close()


@pytest.mark.parametrize(("name", "lang"), COMBOS)
def test_the_prerendered_example_is_exactly_what_python_in_the_browser_computes(
        returning_reader: ReturningReader, name: str, lang: str) -> None:
    page = returning_reader.open(lang, PAGE[name])
    root = calculator(page, name)
    expect(root).to_have_attribute("data-prerendered", "")
    prerendered = texts(root)
    assert any(value not in ("", NO_RESULT) for value in prerendered.values())
    expect(root).to_have_attribute("data-state", "ready", timeout=READY_MS)
    # The reader touches a field without changing it: Python recomputes the same values.
    root.locator("input, textarea").first.dispatch_event("input")
    expect(root).not_to_have_attribute("data-prerendered", "", timeout=READY_MS)
    expect(root).to_have_attribute("data-state", "ready", timeout=READY_MS)
    assert texts(root) == prerendered


def test_the_calculator_title_is_a_heading_one_level_below_its_section(
        returning_reader: ReturningReader) -> None:
    page = returning_reader.open("fi", "paid-twice")
    title = SPECS["overpayment"]["title"]["fi"]
    expect(page.get_by_role("heading", name=title, level=3)).to_be_visible()
    expect(page.get_by_role("region", name=title)).to_be_visible()


def test_screen_readers_hear_one_short_summary_once_typing_settles(
        returning_reader: ReturningReader) -> None:
    page = returning_reader.open("sv", "users-vs-licences")
    root = calculator(page, "spare_licences")
    wait_ready(root)
    page.evaluate("""() => {
      window.__announced = [];
      const summary = document.querySelector("[data-summary]");
      new MutationObserver(() => window.__announced.push(summary.textContent))
        .observe(summary, { childList: true, characterData: true, subtree: true });
    }""")
    field = root.get_by_label(field_label(SPECS["spare_licences"]["fields"][0], "sv"), exact=True)
    # Two edits in one task (102, then 12): however busy the machine, no pause the page could
    # take for "typing settled" falls between them, as one could between two Playwright calls.
    field.evaluate("""(el) => {
      for (const text of [el.value + "2", "12"]) {
        el.value = text;
        el.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }""")
    spare = SPECS["spare_licences"]["results"][0]
    expect(root.locator("[data-summary]")).to_have_text(
        f'{spare["label"]["sv"]}: 4', timeout=READY_MS)
    page.wait_for_timeout(1500)
    assert page.evaluate("window.__announced") == [f'{spare["label"]["sv"]}: 4']
    assert root.locator("[aria-live]").count() == 1


FOURTH_LOCALE_SAMPLES = [("money", "1500.50"), ("money", "0.5"), ("quantity", "10.74"),
                         ("count", "1500"), ("date", "2026-03-15"),
                         ("money_list", ["300.00", "1000.00"])]


@pytest.mark.parametrize("lang", ["de", "sv", "en", "fi"])
def test_a_language_added_later_is_formatted_by_cldr_alike_in_the_browser_and_the_build(
        returning_reader: ReturningReader, lang: str) -> None:
    """German is not configured: neither edge has a rule of its own for it, both read CLDR."""
    page = returning_reader.open("sv", "paid-twice")
    locale = calculator_format.format_locale(lang)
    in_browser = page.evaluate("""async ([locale, samples]) => {
      const module = await import("/assets/javascripts/calculators/calculators.js");
      const format = module.formatters(locale);
      return samples.map(([kind, value]) => format(kind, value));
    }""", [locale, FOURTH_LOCALE_SAMPLES])
    at_build = [calculator_format.format_value(kind, value, lang)
                for kind, value in FOURTH_LOCALE_SAMPLES]
    assert [squash(text) for text in in_browser] == [squash(text) for text in at_build]
