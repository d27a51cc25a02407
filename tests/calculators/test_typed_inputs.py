"""What a reader types means one thing: the table in typed_inputs.yml, read by the core.

The same table is typed into the real pages by the browser tests, so the page and the core cannot
disagree about "1 500,50" or "15.3.2026".
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import calculators
from calculators.fields import Field, validate
from calculators.money import format_money
from calculators.registry import calculators as registry

TABLE = Path(__file__).with_name("typed_inputs.yml")


def load_table(text: str) -> list[dict[str, Any]]:
    """The table's rows: one JSON object per "- " line (valid YAML, readable without a YAML
    library inside Pyodide)."""
    rows = []
    for line in text.splitlines():
        if line.startswith("- "):
            rows.append(json.loads(line[2:]))
        else:
            assert line.startswith("#") or not line.strip(), f"not a row or a comment: {line!r}"
    return rows


ROWS = load_table(TABLE.read_text("utf-8"))
# One real field of each kind, as the calculators declare it.
FIELDS: dict[str, Field] = {}
for _calculator in registry().values():
    for _field in _calculator.spec.fields:
        if _field.required:
            FIELDS.setdefault(_field.kind, _field)
FIELDS.setdefault("count", FIELDS["months"])


def canonical(value: object) -> object:
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [canonical(item) for item in value]
    return value


def row_id(row: dict[str, Any]) -> str:
    return f"{row['locale']}-{row['kind']}-{row['typed']!r}"


def test_the_table_covers_every_locale_and_kind() -> None:
    seen = {(row["locale"], row["kind"]) for row in ROWS}
    for locale in ("sv", "en", "fi"):
        for kind in ("count", "money", "date", "money_list"):
            assert (locale, kind) in seen, (locale, kind)
    for row in ROWS:
        assert ("value" in row) != ("error" in row), row
        assert row["locale"] in ("sv", "en", "fi", None)


def test_the_table_is_yaml_too() -> None:
    yaml = pytest.importorskip("yaml", reason="PyYAML is only in the CPython environment")
    assert yaml.safe_load(TABLE.read_text("utf-8")) == ROWS


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_what_a_reader_types_means_what_the_table_says(row: dict[str, Any]) -> None:
    field = FIELDS[row["kind"]]
    values, problems = validate((field,), {field.name: row["typed"]}, row["locale"])
    if "error" in row:
        assert [problem.code for problem in problems] == [row["error"]]
    else:
        assert problems == []
        assert canonical(values.data[field.name]) == row["value"]


def test_a_swedish_reader_gets_the_articles_example_from_what_they_type() -> None:
    typed = {"period_start": "1.1.2026", "period_months": "6", "change_date": "15.3.2026",
             "licences_current": "10", "licences_added": "3", "unit_price": "25,00"}
    outcome = calculators.calculate("proration", typed, "sv")
    assert outcome["ok"], outcome
    assert outcome["result"]["order_amount"] == "268.51"
    assert outcome == calculators.calculate("proration", {
        "period_start": "2026-01-01", "period_months": 6, "change_date": "2026-03-15",
        "licences_current": 10, "licences_added": 3, "unit_price": "25.00"})


@pytest.mark.parametrize(("locale", "typed", "words"), [
    ("sv", "1.500", "två sätt"), ("fi", "1.500", "kahdella tavalla"), ("en", "1,5", "two ways"),
])
def test_an_ambiguous_number_is_refused_in_the_readers_language(
        locale: str, typed: str, words: str) -> None:
    outcome = calculators.calculate("invoice_quantity",
                                    {"licences": "10", "period_months": "6", "unit_price": typed},
                                    locale)
    [error] = outcome["errors"]
    assert error["code"] == "ambiguous_number" and error["field"] == "unit_price"
    assert words in error["message"][locale]


def test_an_empty_optional_field_is_left_out_not_refused() -> None:
    typed = {"licences": "10", "period_months": "6", "unit_price": " "}
    outcome = calculators.calculate("invoice_quantity", typed, "fi")
    assert outcome["ok"] and outcome["result"] == {"quantity": 60}


@pytest.mark.parametrize(("locale", "typed"), [("sv-SE", "1 500"), ("fi_FI", "1 500"),
                                               ("EN-ie", "1,500")])
def test_a_regional_locale_reads_like_its_language(locale: str, typed: str) -> None:
    outcome = calculators.calculate("spare_licences", {"licences": typed, "active_users": 2},
                                    locale)
    assert outcome["ok"] and outcome["result"] == {"spare": 1498}
