"""Every calculator declares its fields once; forms, validation, defaults and limits follow from it,
and its explanations add up to its results."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from calculator_arithmetic import assert_explanation_adds_up
from calculator_examples import EXAMPLES

import calculators

LANGS = ("sv", "en", "fi")
FIELD_KINDS = {"count", "months", "money", "date", "money_list"}
RESULT_KINDS = {"count", "money", "quantity", "date", "money_list"}
RANGE_CODES = {"too_small", "too_large", "negative"}
def test_specs_are_plain_json() -> None:
    specs = calculators.specs()
    assert json.loads(json.dumps(specs)) == specs
    assert json.loads(calculators.specs_json()) == specs
    assert tuple(specs) == calculators.NAMES
    assert set(EXAMPLES) == set(calculators.NAMES)


@pytest.mark.parametrize("name", calculators.NAMES)
def test_every_text_of_a_calculator_is_in_swedish_english_and_finnish(name: str) -> None:
    spec = calculators.specs()[name]
    assert spec["name"] == name
    texts = [spec["title"], spec["description"]]
    texts += [f[key] for f in spec["fields"] for key in ("label", "help")]
    texts += [r["label"] for r in spec["results"]]
    for text in texts:
        assert set(text) == set(LANGS)
        assert all(isinstance(text[lang], str) and text[lang].strip() for lang in LANGS)
        assert text["sv"] != text["en"] != text["fi"]


@pytest.mark.parametrize("name", calculators.NAMES)
def test_field_declarations_are_complete(name: str) -> None:
    for field in calculators.specs()[name]["fields"]:
        assert field["kind"] in FIELD_KINDS
        assert isinstance(field["required"], bool)
        assert {"name", "default", "min", "max", "label", "help"} <= set(field)
        assert ("max_items" in field) == (field["kind"] == "money_list")
        for limit in (field["min"], field["max"]):
            if field["kind"] in ("count", "months"):
                assert isinstance(limit, int)
            else:
                assert isinstance(limit, str)
    for result in calculators.specs()[name]["results"]:
        assert result["kind"] in RESULT_KINDS


@pytest.mark.parametrize("name", calculators.NAMES)
def test_results_are_the_declared_ones(name: str) -> None:
    outcome = calculators.run(name, EXAMPLES[name])
    assert outcome["ok"], outcome
    declared = [r["name"] for r in calculators.specs()[name]["results"]]
    assert list(outcome["result"]) == declared


def test_results_have_the_shape_of_their_kind() -> None:
    for name in calculators.NAMES:
        kinds = {r["name"]: r["kind"] for r in calculators.specs()[name]["results"]}
        for key, value in calculators.run(name, EXAMPLES[name])["result"].items():
            if kinds[key] == "count":
                assert isinstance(value, int) and not isinstance(value, bool)
            elif kinds[key] == "date":
                assert date.fromisoformat(value).isoformat() == value
            else:
                for item in value if kinds[key] == "money_list" else [value]:
                    assert isinstance(item, str)
                    assert f"{Decimal(item):.2f}" == item


def range_errors(name: str, field: str, value: Any) -> list[str]:
    outcome = calculators.run(name, {**EXAMPLES[name], field: value})
    if outcome["ok"]:
        return []
    return [e["code"] for e in outcome["errors"]
            if e["field"] == field and e["code"] in RANGE_CODES]


@pytest.mark.parametrize(("name", "field"), [
    (name, f["name"]) for name in calculators.NAMES for f in calculators.specs()[name]["fields"]
    if f["kind"] != "money_list"
])
def test_declared_limits_are_the_limits_validation_applies(name: str, field: str) -> None:
    [spec] = [f for f in calculators.specs()[name]["fields"] if f["name"] == field]
    low, high = spec["min"], spec["max"]
    assert range_errors(name, field, low) == []
    assert range_errors(name, field, high) == []
    if spec["kind"] in ("count", "months"):
        above, below = high + 1, low - 1
    elif spec["kind"] == "money":
        above, below = str(Decimal(high) + Decimal("0.01")), str(Decimal(low) - Decimal("0.01"))
    else:
        above = date.fromordinal(date.fromisoformat(high).toordinal() + 1).isoformat()
        below = date.fromordinal(date.fromisoformat(low).toordinal() - 1).isoformat()
    assert range_errors(name, field, above) == ["too_large"]
    assert range_errors(name, field, below) in (["too_small"], ["negative"])


def test_list_limit_is_the_declared_one() -> None:
    [spec] = [f for f in calculators.specs()["overpayment"]["fields"] if f["kind"] == "money_list"]
    at_limit = {"overpaid_amount": "1", "upcoming_invoices": ["1"] * spec["max_items"]}
    over = {"overpaid_amount": "1", "upcoming_invoices": ["1"] * (spec["max_items"] + 1)}
    assert calculators.run("overpayment", at_limit)["ok"]
    assert calculators.run("overpayment", over)["errors"][0]["code"] == "list_too_long"


@pytest.mark.parametrize(("name", "field"), [
    (name, f["name"]) for name in calculators.NAMES for f in calculators.specs()[name]["fields"]
    if f["default"] is not None
])
def test_a_declared_default_is_what_an_absent_field_means(name: str, field: str) -> None:
    [spec] = [f for f in calculators.specs()[name]["fields"] if f["name"] == field]
    without = {k: v for k, v in EXAMPLES[name].items() if k != field}
    with_default = {**without, field: spec["default"]}
    if name == "proration":
        without["active_users"] = with_default["active_users"] = None
    assert calculators.run(name, without) == calculators.run(name, with_default)
    assert calculators.run(name, without)["ok"]


@pytest.mark.parametrize(("name", "field"), [
    (name, f["name"]) for name in calculators.NAMES for f in calculators.specs()[name]["fields"]
    if f["required"] and f["default"] is None
])
def test_a_required_field_without_default_must_be_given(name: str, field: str) -> None:
    inputs = {k: v for k, v in EXAMPLES[name].items() if k != field}
    outcome = calculators.run(name, inputs)
    assert [(e["field"], e["code"]) for e in outcome["errors"]] == [(field, "missing")]


@pytest.mark.parametrize("name", calculators.NAMES)
def test_explanations_add_up_to_the_results(name: str) -> None:
    assert_explanation_adds_up(name, EXAMPLES[name])


def test_json_entry_points_give_the_same_answers() -> None:
    for name, inputs in EXAMPLES.items():
        assert json.loads(calculators.run_json(name, json.dumps(inputs))) == calculators.run(
            name, inputs)
        assert json.loads(calculators.explain_json(name, json.dumps(inputs))) == (
            calculators.explain(name, inputs))
    assert json.loads(calculators.run_json("proration", "{not json"))["errors"][0]["code"] == (
        "inputs_not_object")
