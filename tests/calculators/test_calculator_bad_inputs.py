"""Bad input of every kind gives ok: false, one error per problem, each with a field, a code and
a message in Swedish, English and Finnish that names the field's label."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest

import calculators
from calculators.messages import Problem, fill, render

VALID: dict[str, dict[str, Any]] = {
    "invoice_quantity": {"licences": 10, "period_months": 6, "unit_price": "25.00"},
    "spare_licences": {"licences": 10, "active_users": 8},
    "proration": {
        "period_start": "2026-01-01", "period_months": 6, "change_date": "2026-03-15",
        "licences_current": 10, "licences_added": 3, "licences_removed": 0, "active_users": 8,
        "unit_price": "25.00",
    },
    "overpayment": {"overpaid_amount": "150.00", "upcoming_invoices": ["100.00", "80.00"]},
}


def errors_for(name: str, **changes: Any) -> list[dict[str, Any]]:
    inputs = {**VALID[name], **changes}
    outcome = calculators.run(name, inputs)
    assert outcome["ok"] is False, outcome
    assert calculators.explain(name, inputs) == {}
    errors: list[dict[str, Any]] = outcome["errors"]
    return errors


def codes(errors: list[dict[str, Any]]) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in errors]


def label(name: str, field: str, lang: str) -> str:
    [spec] = [f for f in calculators.specs()[name]["fields"] if f["name"] == field]
    text: str = spec["label"][lang]
    return text


def test_every_valid_example_is_accepted() -> None:
    for name, inputs in VALID.items():
        assert calculators.run(name, inputs)["ok"], name


@pytest.mark.parametrize(("value", "code"), [
    (None, "missing"),
    (True, "wrong_type"),
    (False, "wrong_type"),
    ("10", "wrong_type"),
    ([10], "wrong_type"),
    ({"value": 10}, "wrong_type"),
    (-1, "negative"),
    (-0.5, "negative"),
    (2.5, "not_integer"),
    (math.nan, "not_a_number"),
    (math.inf, "not_a_number"),
    (100_001, "too_large"),
    (1e300, "too_large"),
    pytest.param(10**10000, "too_large", id="huge-int"),
])
def test_a_bad_licence_count_is_refused(value: Any, code: str) -> None:
    assert codes(errors_for("invoice_quantity", licences=value)) == [("licences", code)]


def test_a_missing_field_is_refused_even_when_the_key_is_absent() -> None:
    inputs = dict(VALID["spare_licences"])
    del inputs["active_users"]
    outcome = calculators.run("spare_licences", inputs)
    assert codes(outcome["errors"]) == [("active_users", "missing")]


@pytest.mark.parametrize(("value", "code"), [
    (0, "too_small"), (37, "too_large"), (-6, "negative"), (6.5, "not_integer"),
])
def test_a_bad_period_length_is_refused(value: Any, code: str) -> None:
    assert codes(errors_for("proration", period_months=value)) == [("period_months", code)]


def test_a_whole_number_sent_as_a_javascript_float_is_a_count() -> None:
    outcome = calculators.run("invoice_quantity", {"licences": 10.0, "period_months": 6.0})
    assert outcome == {"ok": True, "result": {"quantity": 60}}


@pytest.mark.parametrize(("value", "code"), [
    ("NaN", "not_a_number"), ("Infinity", "not_a_number"), (math.nan, "not_a_number"),
    ("1e999999", "too_large"), ("25.0001", "too_many_decimals"), ("-25", "negative"),
    ("25.001", "ambiguous_number"),
    ("twenty", "not_a_number"), (True, "wrong_type"), (None, "missing"),
])
def test_a_bad_price_is_refused(value: Any, code: str) -> None:
    assert codes(errors_for("proration", unit_price=value)) == [("unit_price", code)]


@pytest.mark.parametrize(("value", "code"), [
    ("2026-02-30", "invalid_date"), ("2026-1-1", "invalid_date"),
    (20260101, "wrong_type"), ("1999-12-31", "too_small"), ("2100-01-01", "too_large"),
])
def test_a_bad_period_start_is_refused(value: Any, code: str) -> None:
    found = codes(errors_for("proration", period_start=value))
    assert found == [("period_start", code)]


def test_unknown_calculator() -> None:
    outcome = calculators.run("mortgage", {})
    assert codes(outcome["errors"]) == [(None, "unknown_calculator")]
    [error] = outcome["errors"]
    assert error["params"]["name"] == {"kind": "text", "value": "mortgage"}
    assert "“mortgage”" in fill(error, "en")


@pytest.mark.parametrize("name", [None, 42, ["proration"], "x" * 10_000])
def test_a_calculator_name_that_is_no_name_is_unknown(name: Any) -> None:
    outcome = calculators.run(name, {})
    assert codes(outcome["errors"]) == [(None, "unknown_calculator")]
    [error] = outcome["errors"]
    assert len(fill(error, "en")) < 200


@pytest.mark.parametrize("inputs", [None, [], [("licences", 1)], "licences=1", 7, True])
def test_inputs_that_are_not_an_object_are_refused(inputs: Any) -> None:
    outcome = calculators.run("spare_licences", inputs)
    assert codes(outcome["errors"]) == [(None, "inputs_not_object")]


def test_one_error_per_problem_in_field_order() -> None:
    errors = errors_for("proration", period_start="2026-02-30", period_months=True,
                        licences_current=-1, licences_added=2.5, unit_price="1e999999")
    assert codes(errors) == [
        ("period_start", "invalid_date"), ("period_months", "wrong_type"),
        ("licences_current", "negative"), ("licences_added", "not_integer"),
        ("unit_price", "too_large"),
    ]


def test_unknown_extra_fields_are_ignored() -> None:
    outcome = calculators.run("spare_licences", {"licences": 3, "active_users": 1, "name": "x"})
    assert outcome == {"ok": True, "result": {"spare": 2}}


@pytest.mark.parametrize("lang", ["sv", "en", "fi"])
def test_messages_name_the_field_by_its_label_in_each_language(lang: str) -> None:
    [error] = errors_for("proration", licences_added=-3)
    assert label("proration", "licences_added", lang) in error["message"][lang]


def test_limits_in_messages_are_tokens_for_the_page_to_format_in_its_locale() -> None:
    [error] = errors_for("proration", unit_price="99999999")
    assert error["params"]["max"] == {"kind": "money", "value": "10000000.00"}
    for lang in ("sv", "en", "fi"):
        # No number written by hand for some language: the placeholder waits for Intl or Babel.
        assert "{max}" in error["message"][lang]
        assert not re.search(r"[0-9]", error["message"][lang])
        assert "10000000.00" in fill(error, lang)


@pytest.mark.parametrize("lang", ["sv", "en", "fi"])
def test_an_internal_error_tells_the_reader_to_reload_the_page(lang: str) -> None:
    reload = {"sv": "Ladda om sidan", "en": "reload the page", "fi": "Lataa sivu uudelleen"}
    for code, inputs in (("inputs_not_object", []), ("internal_error", None)):
        if code == "internal_error":
            message = render(Problem(None, "internal_error"), None).text
        else:
            message = calculators.run("spare_licences", inputs)["errors"][0]["message"]
        assert reload[lang] in message[lang], code
        assert "object" not in message[lang] and "fält med namn" not in message[lang]


def test_the_three_languages_give_three_different_sentences() -> None:
    for code_error in errors_for("proration", period_months=0, change_date="x", licences_added=-1):
        message = code_error["message"]
        assert len({message["sv"], message["en"], message["fi"]}) == 3
        assert all("{" not in fill(code_error, lang) for lang in message)
