"""The figure a calculator calls calculated is the figure for the values in its fields, whenever
the reader types: while the page still arrives on a slow phone link, while Python downloads, the
moment it starts, or during instant navigation.

The page is watched from its first byte: every time a calculator's status says its result is
calculated, the fields and the results are recorded, and each record must equal
`calculators.calculate` of those fields (formatted with Babel's CLDR data, independently of the
page's Intl). This checks correctness, not speed: the network is throttled to widen the windows a
race needs, and no assertion is about time.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Mapping
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

import calculators
from tests.browser.test_calculators_in_articles import (
    LANGS,
    NO_RESULT,
    PAGE,
    READY_MS,
    SPECS,
    TYPED,
    UI,
    calculator,
    shown,
    squash,
    typed_text,
    url,
)

pytestmark = pytest.mark.browser

# The phone: 9 Mbit/s down, 1.5 up, 150 ms round trip (CDP network emulation, which slows
# the worker's downloads too).
PHONE = {"offline": False, "latency": 150, "downloadThroughput": 9e6 / 8,
         "uploadThroughput": 1.5e6 / 8}
# When the reader types:
MOMENTS = {
    # as soon as the field exists in the HTML, before any of the page's scripts has run;
    "parsed": "cold",
    # once the calculator is live but Python is still on its way;
    "downloading": "cold",
    # in the very task in which Python reports it has started;
    "started": "warm",
    # right after Material's instant navigation swaps the article in, before its scripts see it.
    "navigated": "warm",
}

# Installed before any page script: types at the planned moment and records every claim.
WATCH = """
(() => {
  const plan = %s;
  window.__snapshot = (calc, why) => {
    const values = {};
    for (const c of calc.querySelectorAll("[name][data-kind]")) values[c.name] = c.value;
    const results = {};
    for (const o of calc.querySelectorAll("[data-result]")) {
      results[o.dataset.result] = o.textContent;
    }
    const status = calc.querySelector("[data-status]").textContent;
    return { why, state: calc.dataset.state, status, values, results };
  };
  const claims = (window.__claims = []);
  window.__typed = false;
  const root = () => document.querySelector(`[data-calculator="${plan.calculator}"]`);
  const claim = (why) => {
    const calc = root();
    const status = calc?.querySelector("[data-status]")?.textContent;
    if (status === plan.ready) claims.push(window.__snapshot(calc, why));
  };
  const type = () => {
    if (window.__typed) return;
    window.__typed = true;
    const calc = root();
    for (const [name, text] of Object.entries(plan.values)) {
      const control = calc.querySelector(`[name="${name}"]`);
      control.value = text;
      control.dispatchEvent(new Event("input", { bubbles: true }));
    }
    claim("typed");
  };
  // The last field of the form is in the document once the parser has passed it.
  const fieldsThere = () => root()?.querySelector(`[name="${plan.last}"]`);
  const python = () => document.documentElement.dataset.calculatorPython !== undefined;
  const watch = new MutationObserver(() => {
    if (!window.__typed && location.pathname.endsWith(plan.path)) {
      if (plan.moment === "parsed" && fieldsThere()) type();
      if (plan.moment === "navigated" && fieldsThere() && window.__navigating) type();
      if (plan.moment === "downloading" && root()?.dataset.bound !== undefined && !python()) type();
      if (plan.moment === "started" && python()) type();
    }
    claim("mutation");
  });
  watch.observe(document,
                { subtree: true, childList: true, attributes: true, characterData: true });
  // Bubbling, so after the page's own listeners have seen the input.
  document.addEventListener("input", () => claim("input"));
})();
"""


def expected(name: str, lang: str, values: Mapping[str, str]) -> dict[str, str]:
    """What each result must show for these fields: the core's answer, formatted by Babel."""
    outcome = calculators.calculate(name, dict(values), lang)
    result = outcome["result"] if outcome["ok"] else {}
    texts = {}
    for spec in SPECS[name]["results"]:
        value = result.get(spec["name"])
        texts[spec["name"]] = NO_RESULT if value is None else shown(spec["kind"], value, lang)
    return texts


def plan(name: str, lang: str, moment: str,
         typing: Mapping[str, Any] | None = None) -> dict[str, Any]:
    fields = SPECS[name]["fields"]
    typing = TYPED[name] if typing is None else typing
    values = {f["name"]: typed_text(f["kind"], typing[f["name"]], lang)
              for f in fields if f["name"] in typing}
    return {"calculator": name, "moment": moment, "values": values,
            "last": fields[-1]["name"], "path": f"/{PAGE[name]}/",
            "ready": UI[lang]["calculator.ready"]}


def throttled_page(context: BrowserContext) -> Page:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", PHONE)
    return page


def server_answers(url: str) -> str:
    """Whether the server answers a request of its own, outside the browser, right now."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
            return f"server answered {response.status} in {time.monotonic() - started:.2f} s"
    except OSError as error:
        return f"server did not answer: {error}"


def settle(page: Page, name: str, trouble: list[str], pending: set[str]) -> None:
    """Waits until the reader's values were typed and the calculator has answered them or said
    why it cannot; then a moment more, for anything late to show."""
    try:
        page.wait_for_function("""(name) => {
          const calc = document.querySelector(`[data-calculator="${name}"]`);
          const answered = ["ready", "invalid", "failed"].includes(calc?.dataset.state);
          return window.__typed && answered;
        }""", arg=name, timeout=READY_MS * 2)
    except PlaywrightTimeoutError as error:
        where = page.evaluate("""(name) => {
          const calc = document.querySelector(`[data-calculator="${name}"]`);
          const status = calc?.querySelector("[data-status]")?.textContent;
          const python = document.documentElement.dataset.calculatorPython;
          return { typed: window.__typed, python, state: calc?.dataset.state, status };
        }""", name)
        raise AssertionError(
            f"the calculator never answered the reader: {where}; {trouble}; "
            f"still loading: {sorted(pending)}; {server_answers(page.url)}") from error
    page.wait_for_timeout(1000)


def visit(context: BrowserContext, base: str, name: str, lang: str, moment: str,
          via: str | None = None, typing: Mapping[str, Any] | None = None
          ) -> list[dict[str, Any]]:
    """One visit: the reader types at `moment`; returns every claim and the final state."""
    page = throttled_page(context)
    trouble: list[str] = []
    pending: set[str] = set()
    page.on("request", lambda r: pending.add(r.url))
    page.on("requestfinished", lambda r: pending.discard(r.url))
    page.on("requestfailed", lambda r: trouble.append(f"{r.url} {r.failure}"))
    page.on("pageerror", lambda e: trouble.append(f"error: {e}"))
    page.on("console",
            lambda m: trouble.append(f"console: {m.text}") if m.type == "error" else None)
    try:
        page.add_init_script(WATCH % json.dumps(plan(name, lang, moment, typing)))
        target = url(base, lang, PAGE[name])
        if via is None:
            page.goto(target, wait_until="commit")
        else:
            # Start on another calculator's article with Python running, then follow an in-site
            # link: Material's instant navigation swaps the article in.
            page.goto(url(base, lang, via))
            page.wait_for_function(
                "() => document.documentElement.dataset.calculatorPython !== undefined",
                timeout=READY_MS * 2)
            page.evaluate("""(href) => {
              const a = Object.assign(document.createElement("a"),
                                      { href, id: "next", textContent: "next" });
              document.querySelector("article").append(a);
              window.__navigating = true;
            }""", target)
            page.locator("#next").click()
        settle(page, name, trouble, pending)
        root = calculator(page, name)
        final = page.evaluate("""(name) => window.__snapshot(
          document.querySelector(`[data-calculator="${name}"]`), "final")""", name)
        assert root.count() == 1
        return [*page.evaluate("window.__claims"), final]
    finally:
        page.close()


def check(name: str, lang: str, moment: str, records: list[dict[str, Any]],
          typing: Mapping[str, Any] | None = None) -> None:
    final = records[-1]
    typed = plan(name, lang, moment, typing)["values"]
    assert {k: final["values"][k] for k in typed} == typed, "the reader's values were lost"
    # The reader's values are valid: the calculator ends calculated, with their result.
    assert final["state"] == "ready", final
    assert final["status"] == UI[lang]["calculator.ready"], final
    claims = [r for r in records if r["status"] == UI[lang]["calculator.ready"]]
    wrong = []
    for record in claims:
        want = expected(name, lang, record["values"])
        got = {key: squash(text) for key, text in record["results"].items()}
        if got != want:
            wrong.append({"when": record["why"], "values": record["values"], "shown": got,
                          "right": want})
    assert wrong == [], f"status said calculated, figure was not ({moment}): {wrong[:3]}"


COMBOS = [pytest.param(name, lang, id=f"{name}-{lang}") for name in PAGE for lang in LANGS]
# Another calculator's article, to arrive from by instant navigation.
ELSEWHERE = {name: PAGE[next(other for other in PAGE if other != name)] for name in PAGE}


@pytest.mark.parametrize(("name", "lang"), COMBOS)
def test_a_result_called_calculated_is_always_the_one_for_the_values_shown(
        browser: Browser, live_server: Any, name: str, lang: str) -> None:
    # Cold: a fresh context per visit, nothing cached. Warm: one context, visited once before.
    for moment in [m for m, cache in MOMENTS.items() if cache == "cold"]:
        context = browser.new_context()
        try:
            check(name, lang, moment, visit(context, live_server.url, name, lang, moment))
        finally:
            context.close()
    context = browser.new_context()
    try:
        for moment in [m for m, cache in MOMENTS.items() if cache == "warm"]:
            via = ELSEWHERE[name] if moment == "navigated" else None
            check(name, lang, moment, visit(context, live_server.url, name, lang, moment, via))
    finally:
        context.close()


# The issue's own steps, again and again: a race that shows in half the tries shows here.
REPEATS = 3


@pytest.mark.parametrize("attempt", range(REPEATS))
def test_licences_typed_while_the_page_arrives_get_their_own_order_amount(
        browser: Browser, live_server: Any, attempt: int) -> None:
    context = browser.new_context()
    try:
        four = {"licences_added": 4}
        records = visit(context, live_server.url, "proration", "sv", "parsed", typing=four)
        check("proration", "sv", "parsed", records, four)
        assert squash(records[-1]["results"]["order_amount"]) == "358,01 €"
    finally:
        context.close()
