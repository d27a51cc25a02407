"""Every row of tests/calculators/typed_inputs.yml, typed into a real page in its language.

The table says what a reader's typing means; the core reads it (tested in CPython and Pyodide by
tests/calculators). Here each string goes through the page as a reader's keystrokes would: the
page must pass it to Python untouched and show what the core answers for it, a result or the
field's own message, with no reading of its own in between.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

import calculators
from calculators.tokens import join
from tests.support.calculator_page import (
    NO_RESULT,
    READY_MS,
    SPECS,
    calculator,
    page_inputs,
    shown,
    squash,
)
from tests.support.returning_reader import ReturningReader

pytestmark = pytest.mark.browser

# YAML, though the calculators suite reads it line by line (Pyodide has no YAML library).
TABLE = Path(__file__).resolve().parents[1] / "calculators" / "typed_inputs.yml"
# A required field of each kind, and the article whose calculator has it.
FIELD = {"money": ("overpayment", "overpaid_amount", "paid-twice"),
         "money_list": ("overpayment", "upcoming_invoices", "paid-twice"),
         "count": ("spare_licences", "licences", "users-vs-licences"),
         "months": ("invoice_quantity", "period_months", "invoice-quantity"),
         "date": ("proration", "period_start", "licence-changes")}

ROWS: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
for _row in yaml.safe_load(TABLE.read_text("utf-8")):
    # Rows without a locale are the JSON API's canonical values (a count as a JSON number), which
    # no page sends: a page always sends typed text with its language.
    if _row["locale"] is not None:
        ROWS[(_row["locale"], _row["kind"])].append(_row)


def message(error: Mapping[str, Any], lang: str) -> str:
    """The core's sentence, its parts joined with the numbers formatted for the reader (CLDR via
    Babel)."""
    return squash(join(error["parts"][lang], lambda token: shown(token["kind"], token["value"],
                                                                   lang)))


@pytest.mark.parametrize(("lang", "kind"), sorted(ROWS), ids=lambda v: str(v))
def test_what_a_reader_types_means_on_the_page_what_the_table_says(
        returning_reader: ReturningReader, lang: str, kind: str) -> None:
    name, field_name, slug = FIELD[kind]
    page = returning_reader.open(lang, slug)
    root = calculator(page, name)
    expect(root).to_have_attribute("data-state", "ready", timeout=READY_MS)
    page.evaluate("""() => { window.__results = 0;
      document.addEventListener("calculator:result", () => window.__results++, true); }""")
    control = root.locator(f'[name="{field_name}"]')
    for row in ROWS[(lang, kind)]:
        before = page.evaluate("window.__results")
        control.fill(row["typed"])
        # A function, not a string: the page's CSP forbids evaluating strings.
        page.wait_for_function("(n) => window.__results > n", arg=before, timeout=READY_MS)
        inputs = page_inputs(root, name)
        assert inputs[field_name] == row["typed"], "the page changed what the reader typed"
        outcome = calculators.calculate(name, inputs, lang)
        errors = [] if outcome["ok"] else outcome["errors"]
        mine = [e for e in errors if e["field"] == field_name]
        if "error" in row:
            assert [e["code"] for e in mine][:1] == [row["error"]], row
        else:
            assert mine == [], row
        slot = root.locator(f'[data-error-for="{field_name}"]')
        assert squash(slot.inner_text()) == " ".join(message(e, lang) for e in mine), row
        if outcome["ok"]:
            expect(root).to_have_attribute("data-state", "ready")
            for result in SPECS[name]["results"]:
                value = outcome["result"].get(result["name"])
                expected = NO_RESULT if value is None else shown(result["kind"], value, lang)
                element = root.locator(f'[data-result="{result["name"]}"]')
                assert squash(element.inner_text()) == expected, (row, result["name"])
        else:
            expect(root).to_have_attribute("data-state", "invalid")
            if mine:
                expect(control).to_have_attribute("aria-invalid", "true")
