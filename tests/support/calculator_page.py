"""What the calculator-page tests share: the articles with calculators, what a reader types
there, and how a result must look.

Expected results come from the calculators package itself (the same code the browser runs in
Pyodide), formatted with Babel's CLDR data, an implementation independent of the page's Intl.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal
from playwright.sync_api import Locator, Page, expect

import calculators
from tests.support.site_html import catalogue

ROOT = Path(__file__).resolve().parents[2]


LANGS = ("sv", "en", "fi")
BABEL_LOCALE = {"sv": "sv_SE", "en": "en_IE", "fi": "fi_FI"}
PAGE = {"invoice_quantity": "invoice-quantity", "spare_licences": "users-vs-licences",
        "proration": "licence-changes", "overpayment": "paid-twice"}
# What the reader types: values unlike the articles' defaults, so the result proves the typing.
TYPED: dict[str, dict[str, Any]] = {
    "invoice_quantity": {"licences": 12, "period_months": 12, "unit_price": "30.50"},
    "spare_licences": {"licences": 15, "active_users": 9},
    "proration": {"period_start": "2026-01-01", "period_months": 12, "change_date": "2026-04-01",
                  "licences_current": 20, "licences_added": 4, "licences_removed": 0,
                  "unit_price": "19.90"},
    "overpayment": {"overpaid_amount": "450.00", "upcoming_invoices": ["300.00", "100.00"]},
}
SPECS = calculators.specs()
UI = {lang: catalogue(lang) for lang in LANGS}
READY_MS = 60_000
NO_RESULT = "\u2013"
TIMES = "\u00d7"


def squash(text: str) -> str:
    """Intl and CLDR put no-break or narrow no-break spaces in numbers; a reader sees a space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def url(base: str, lang: str, slug: str) -> str:
    return f"{base}/{slug}/" if lang == "sv" else f"{base}/{lang}/{slug}/"


def typed_text(kind: str, value: Any, lang: str) -> str:
    """How a reader of that language types the value: decimal comma in Swedish and Finnish."""
    if kind == "money_list":
        return "\n".join(typed_text("money", item, lang) for item in value)
    text = str(value)
    return text.replace(".", ",") if kind == "money" and lang != "en" else text


def shown(kind: str, value: Any, lang: str) -> str:
    locale = BABEL_LOCALE[lang]
    if kind == "money_list":
        # Every amount in full: "1 000,00 €, 300,00 €", not the first word of each.
        return squash(format_list([shown("money", item, lang) for item in value],
                                  style="unit-short", locale=locale))
    if kind == "money":
        return squash(format_currency(Decimal(value), "EUR", locale=locale))
    if kind == "quantity":
        return squash(format_decimal(Decimal(value), format="#,##0.00", locale=locale))
    if kind in ("count", "months"):
        return squash(format_decimal(int(value), locale=locale))
    if kind == "date":
        return format_date(dt.date.fromisoformat(value), format="long", locale=locale)
    raise AssertionError(f"no format for {kind}")


def field_label(field: Mapping[str, Any], lang: str) -> str:
    label = str(field["label"][lang])
    return label if field["required"] else f"{label} ({UI[lang]['calculator.optional']})"


def calculator(page: Page, name: str) -> Locator:
    return page.locator(f'[data-calculator="{name}"]')


def wait_ready(root: Locator) -> None:
    expect(root).to_have_attribute("data-state", re.compile("ready|invalid"), timeout=READY_MS)


def fill_form(root: Locator, name: str, lang: str, values: Mapping[str, Any]) -> None:
    for field in SPECS[name]["fields"]:
        if field["name"] in values:
            text = typed_text(field["kind"], values[field["name"]], lang)
            root.get_by_label(field_label(field, lang), exact=True).fill(text)


def expect_results(root: Locator, name: str, lang: str, inputs: Mapping[str, Any]) -> None:
    outcome = calculators.run(name, dict(inputs))
    assert outcome["ok"], outcome
    expect(root).to_have_attribute("data-state", "ready", timeout=READY_MS)
    for result in SPECS[name]["results"]:
        value = outcome["result"][result["name"]]
        element = root.locator(f'[data-result="{result["name"]}"]')
        actual = squash(element.inner_text())
        assert actual == shown(result["kind"], value, lang), result["name"]




def assert_same_origin(seen: list[str], origin: str) -> None:
    foreign = [u for u in seen
               if not u.startswith(origin + "/") and not u.startswith(("data:", "blob:"))]
    assert foreign == [], f"requests left the site's origin: {foreign}"


def page_inputs(root: Locator, name: str) -> dict[str, str]:
    return {f["name"]: root.locator(f'[name="{f["name"]}"]').input_value()
            for f in SPECS[name]["fields"]}


def texts(root: Locator) -> dict[str, str]:
    return {f"{attr}={key}": squash(text) for attr in ("data-result", "data-explain")
            for key, text in root.locator(f"[{attr}]").evaluate_all(
                f"(els) => els.map((e) => [e.getAttribute('{attr}'), e.textContent])")}


# Python's memory snapshot, kept in Cache Storage for repeat visits.
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
