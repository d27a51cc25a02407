"""In the browser the inputs come from JavaScript; they work as a JavaScript object too.

Runs only inside Pyodide (`make test-pyodide`), the one runtime where JavaScript objects exist.
"""

from __future__ import annotations

import json

import pytest

import calculators

ffi = pytest.importorskip("pyodide.ffi", reason="JavaScript objects exist only in Pyodide")


def test_a_javascript_object_is_read_like_a_dict() -> None:
    import js  # type: ignore[import-not-found]

    inputs = {"period_start": "2026-01-01", "period_months": 6, "change_date": "2026-03-15",
              "licences_current": 10, "licences_added": 3, "unit_price": "25.00"}
    from_javascript = js.JSON.parse(json.dumps(inputs))
    assert isinstance(from_javascript, ffi.JsProxy)
    assert calculators.run("proration", from_javascript) == calculators.run("proration", inputs)
    assert calculators.explain("proration", from_javascript)["order_amount"][-1] == {
        "kind": "count", "value": "181"}


def test_a_javascript_array_is_not_an_object_of_inputs() -> None:
    import js

    outcome = calculators.run("spare_licences", js.JSON.parse("[1, 2]"))
    assert [e["code"] for e in outcome["errors"]] == ["inputs_not_object"]


def test_typed_strings_from_the_page_are_read_in_its_language() -> None:
    import js

    typed = {"period_start": "1.1.2026", "period_months": "6", "change_date": "15.3.2026",
             "licences_current": "10", "licences_added": "3", "unit_price": "25,00"}
    outcome = calculators.calculate("proration", js.JSON.parse(json.dumps(typed)), "fi")
    assert outcome["ok"] and outcome["result"]["order_amount"] == "268.51"
    assert json.loads(calculators.calculate_json("proration", json.dumps(typed), "fi")) == outcome
