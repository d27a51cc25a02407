"""Every line a reader sees leaves the core finished: spaced, filled in, in its plural form, as
parts (text as it is, numbers and dates as tokens), so the page and the build only join them."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from typing import Any

import pytest
from calculator_examples import EXAMPLES

import calculators
from calculators.messages import LANGS, error_parts, fill, slots, template_parts
from calculators.tokens import DIVIDE, MINUS, TIMES, count, join, money, spaced

# Inputs that give every kind of error: bad types, limits, list items, plural forms, cross-field
# checks, an unknown calculator.
BAD_INPUTS: list[tuple[str, Any]] = [
    ("invoice_quantity", {"licences": "abc", "period_months": 0, "unit_price": "1,5,0"}),
    ("invoice_quantity", {"licences": -1, "period_months": 1.5, "unit_price": 10**9}),
    ("spare_licences", {"licences": 3, "active_users": 4}),
    ("proration", {"period_start": "2026-01-01", "period_months": 6, "change_date": "2027-01-01",
                   "licences_current": 6, "licences_added": 0, "licences_removed": 2,
                   "active_users": 5, "unit_price": "25.00"}),
    ("proration", {"period_start": "2026-02-30", "period_months": 6, "change_date": "x",
                   "licences_current": 6, "licences_removed": 9, "active_users": 2,
                   "unit_price": "25.001"}),
    ("overpayment", {"overpaid_amount": "10", "upcoming_invoices": ["5", "x", -1, "2.3456"]}),
    ("mortgage", {}),
    ("proration", []),
]


def errors() -> list[dict[str, Any]]:
    found = [error for name, inputs in BAD_INPUTS
             for error in calculators.run(name, inputs)["errors"]]
    assert {error["code"] for error in found} >= {
        "wrong_type", "not_a_number", "negative", "too_large", "remove_more_than_spare",
        "more_active_than_licences", "unknown_calculator", "inputs_not_object"}
    return found


def test_an_explanation_comes_with_its_operators_spaced() -> None:
    parts = spaced([count(6), TIMES, count(3), TIMES, money(Decimal(25)),
                    TIMES, count(108), DIVIDE, count(181)])
    assert join(parts) == "6 \u00d7 3 \u00d7 25.00 \u00d7 108/181"
    assert parts[1] == " \u00d7 " and parts[-2] == "/"
    assert join(spaced(["(", count(10), MINUS, count(8), ")", TIMES, count(2)])) == (
        "(10 \u2212 8) \u00d7 2")


@pytest.mark.parametrize("name", calculators.NAMES)
def test_every_explanation_is_text_and_numbers_that_only_need_joining(name: str) -> None:
    explained = calculators.explain(name, EXAMPLES[name])
    assert explained
    for key, parts in explained.items():
        kinds = [isinstance(part, str) for part in parts]
        # Text and numbers alternate, starting with a number: each text is one operator,
        # already spaced, never two parts in a row.
        assert kinds == [i % 2 == 1 for i in range(len(parts))], key
        for part in parts[1::2]:
            assert part in {" \u00d7 ", " \u2212 ", " + ", "/"}, (key, part)


@pytest.mark.parametrize("lang", LANGS)
def test_every_error_sentence_is_filled_in_and_joins_to_the_message(lang: str) -> None:
    for error in errors():
        parts = error["parts"][lang]
        assert parts == error_parts(error, lang)
        sentence = join(parts)
        assert sentence == fill(error, lang)
        assert not re.search(r"\{[a-z_]+\}", sentence), sentence
        # Only numbers and dates are left for the edge; the caller's own text is written in.
        assert all(isinstance(part, str) or part["kind"] in {"count", "money", "quantity", "date"}
                   for part in parts), parts
        assert not any(isinstance(a, str) and isinstance(b, str)
                       for a, b in itertools.pairwise(parts)), parts


def test_a_plural_sentence_comes_in_the_form_for_its_number() -> None:
    [one] = [e for e in errors() if e["code"] == "remove_more_than_spare"
             and e["params"]["spare"]["value"] == "1"]
    assert "Du har 1 ledig licens," in join(one["parts"]["sv"])
    assert "You have 1 spare licence," in join(one["parts"]["en"])
    assert "Sinulla on 1 vapaa lisenssi," in join(one["parts"]["fi"])


def test_a_template_is_cut_at_its_placeholders_for_values_only_the_page_has() -> None:
    assert slots("Loaded {loaded} of {total}.") == [
        "Loaded ", {"param": "loaded"}, " of ", {"param": "total"}, "."]
    assert slots("{a}{b}") == [{"param": "a"}, {"param": "b"}]
    assert slots("No placeholder.") == ["No placeholder."]


def test_a_placeholder_without_its_value_stays_visible_rather_than_failing() -> None:
    parts = template_parts("At most {max}, {who} said {nothing}.", {
        "max": {"kind": "money", "value": "10.00"}, "who": {"kind": "text", "value": "Ann"}})
    assert parts == ["At most ", {"kind": "money", "value": "10.00"}, ", Ann said {nothing}."]
