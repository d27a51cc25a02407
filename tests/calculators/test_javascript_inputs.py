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
