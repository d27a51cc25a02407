"""The truth check of the calculator pages: the figure a calculator calls calculated is the figure
for the values in its fields, whenever the reader types: while the page still arrives on a slow
phone link, while Python downloads, the moment it starts, or during instant navigation.

The page is watched from its first byte: every time a calculator's status says its result is
calculated, the fields and the results are recorded, and each record must equal
`calculators.calculate` of those fields (formatted with Babel's CLDR data, independently of the
page's Intl). This checks correctness, not speed: the network is throttled to widen the windows a
race needs, and no assertion is about time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from playwright.sync_api import Browser, BrowserContext

import calculators
from tests.support.calculator_page import (
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
from tools.slow_network import (
    PHONE,
    NetworkStalled,
    despite_stalls,
    throttled_page,
    wait_until,
)

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


ANSWERED = """(name) => {
  const calc = document.querySelector(`[data-calculator="${name}"]`);
  return window.__typed && ["ready", "invalid", "failed"].includes(calc?.dataset.state);
}"""
WHERE = """(name) => {
  const calc = document.querySelector(`[data-calculator="${name}"]`);
  const status = calc?.querySelector("[data-status]")?.textContent;
  const python = document.documentElement.dataset.calculatorPython;
  return { typed: window.__typed, python, state: calc?.dataset.state, status };
}"""
FINAL = """(name) =>
  window.__snapshot(document.querySelector(`[data-calculator="${name}"]`), "final")"""


class Stalled(NetworkStalled):
    """A stalled visit, with the claims the page made before the network stopped."""

    def __init__(self, stall: NetworkStalled, claims: list[dict[str, Any]]) -> None:
        super().__init__(str(stall))
        self.claims = claims


def visit(context: BrowserContext, base: str, name: str, lang: str, moment: str,
          via: str | None = None, typing: Mapping[str, Any] | None = None
          ) -> list[dict[str, Any]]:
    """One visit: the reader types at `moment`; returns every claim and the final state."""
    page, watch = throttled_page(context, PHONE)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.add_init_script(WATCH % json.dumps(plan(name, lang, moment, typing)))
        target = url(base, lang, PAGE[name])
        if via is None:
            page.goto(target, wait_until="commit")
        else:
            # Start on another calculator's article with Python running, then follow an in-site
            # link: Material's instant navigation swaps the article in.
            page.goto(url(base, lang, via), wait_until="commit")
            # Right after commit the new document may not exist yet.
            started = "() => document.documentElement?.dataset.calculatorPython !== undefined"
            assert wait_until(page, watch, started, None, READY_MS * 2 / 1000), "no Python"
            page.evaluate("""(href) => {
              const a = Object.assign(document.createElement("a"),
                                      { href, id: "next", textContent: "next" });
              document.querySelector("article").append(a);
              window.__navigating = true;
            }""", target)
            page.locator("#next").click()
        # The reader's values were typed, and the calculator answered them or said why not.
        if not wait_until(page, watch, ANSWERED, name, READY_MS * 2 / 1000):
            raise AssertionError(f"the calculator never answered the reader: "
                                 f"{page.evaluate(WHERE, name)}; errors: {errors}; "
                                 f"failed requests: {watch.failed}")
        page.wait_for_timeout(1000)  # for anything late to show
        assert calculator(page, name).count() == 1
        return [*page.evaluate("window.__claims"), page.evaluate(FINAL, name)]
    except NetworkStalled as stall:
        raise Stalled(stall, page.evaluate("window.__claims ?? []")) from stall
    finally:
        page.close()


def check_claims(name: str, lang: str, moment: str, records: list[dict[str, Any]]) -> None:
    """Every record whose status says calculated shows calculators.calculate of its fields."""
    claims = [r for r in records if r["status"] == UI[lang]["calculator.ready"]]
    wrong = []
    for record in claims:
        want = expected(name, lang, record["values"])
        got = {key: squash(text) for key, text in record["results"].items()}
        if got != want:
            wrong.append({"when": record["why"], "values": record["values"], "shown": got,
                          "right": want})
    assert wrong == [], f"status said calculated, figure was not ({moment}): {wrong[:3]}"


def check(name: str, lang: str, moment: str, records: list[dict[str, Any]],
          typing: Mapping[str, Any] | None = None) -> None:
    final = records[-1]
    typed = plan(name, lang, moment, typing)["values"]
    assert {k: final["values"][k] for k in typed} == typed, "the reader's values were lost"
    # The reader's values are valid: the calculator ends calculated, with their result.
    assert final["state"] == "ready", final
    assert final["status"] == UI[lang]["calculator.ready"], final
    check_claims(name, lang, moment, records)


def checked_visit(context_for: Callable[[], BrowserContext], base: str, name: str, lang: str,
                  moment: str, via: str | None = None,
                  typing: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """A visit, checked; loaded again if Chromium's emulation stalled it, after checking what
    the page had claimed until then."""
    def attempt() -> list[dict[str, Any]]:
        try:
            records = visit(context_for(), base, name, lang, moment, via, typing)
        except Stalled as stall:
            check_claims(name, lang, moment, stall.claims)
            raise
        check(name, lang, moment, records, typing)
        return records
    return despite_stalls(attempt)


# Another calculator's article, to arrive from by instant navigation.
ELSEWHERE = {name: PAGE[next(other for other in PAGE if other != name)] for name in PAGE}


def moment_languages(name: str) -> dict[str, str]:
    """The language the reader types in at each moment, for one calculator: rotated with the
    calculator, so that across the calculators every language meets every moment and every
    calculator (4 calculators, 4 moments, 3 languages). The races are the page's and the
    worker's, the same in every language; what a language changes (how numbers are typed and
    shown) is in every visit."""
    offset = list(PAGE).index(name)
    return {moment: LANGS[(offset + i) % len(LANGS)] for i, moment in enumerate(MOMENTS)}


def check_moments(browser: Browser, base: str, name: str, cache: str) -> None:
    """The reader types at each of MOMENTS with that cache, in its language (moment_languages):
    cold ones in a fresh context per visit, nothing cached; warm ones in one context, its HTTP
    cache and Python's snapshot filled by the visits before."""
    contexts: list[BrowserContext] = []

    def fresh() -> BrowserContext:
        contexts.append(browser.new_context())
        return contexts[-1]

    languages = moment_languages(name)
    moments = [m for m, kind in MOMENTS.items() if kind == cache]
    try:
        warm = fresh() if cache == "warm" else None
        for moment in moments:
            via = ELSEWHERE[name] if moment == "navigated" else None
            checked_visit(fresh if warm is None else (lambda: warm), base, name,
                          languages[moment], moment, via)
    finally:
        for context in contexts:
            context.close()


def typed_while_the_page_arrives(browser: Browser, base: str, name: str, lang: str,
                                 typing: Mapping[str, Any]) -> dict[str, str]:
    """The issue's own steps: a cold visit (a fresh context for each try), typed as soon as the
    fields exist. Returns the results the calculator ended with, squashed."""
    contexts: list[BrowserContext] = []

    def fresh() -> BrowserContext:
        contexts.append(browser.new_context())
        return contexts[-1]

    try:
        records = checked_visit(fresh, base, name, lang, "parsed", typing=typing)
    finally:
        for context in contexts:
            context.close()
    return {key: squash(text) for key, text in records[-1]["results"].items()}
