"""Rule 1: the invoice quantity is licences times the billing period length in months."""

from __future__ import annotations

from typing import Any

import calculators


def result_of(inputs: dict[str, Any]) -> dict[str, Any]:
    outcome = calculators.run("invoice_quantity", inputs)
    assert outcome["ok"], outcome
    result: dict[str, Any] = outcome["result"]
    return result


def test_ten_licences_on_a_six_month_period_show_as_sixty() -> None:
    assert result_of({"licences": 10, "period_months": 6}) == {"quantity": 60}


def test_amount_is_given_only_when_a_price_is_given() -> None:
    assert "amount" not in result_of({"licences": 10, "period_months": 6})
    priced = result_of({"licences": 10, "period_months": 6, "unit_price": "25.00"})
    assert priced == {"quantity": 60, "amount": "1500.00"}


def test_price_may_come_as_number_or_as_a_swedish_reader_types_it() -> None:
    as_number = result_of({"licences": 3, "period_months": 12, "unit_price": 19.9})
    typed = calculators.run("invoice_quantity",
                            {"licences": "3", "period_months": "12", "unit_price": "19,90"}, "sv")
    assert typed["ok"]
    assert as_number["amount"] == typed["result"]["amount"] == "716.40"


def test_a_null_price_counts_as_no_price() -> None:
    assert result_of({"licences": 2, "period_months": 1, "unit_price": None}) == {"quantity": 2}


def test_zero_licences_give_an_empty_invoice_line() -> None:
    assert result_of({"licences": 0, "period_months": 12, "unit_price": 10}) == {
        "quantity": 0, "amount": "0.00"}


def test_explanation_shows_months_times_licences_as_the_article_does() -> None:
    # The article and the source write "6 * 10 = 60"; the calculator beside it says the same.
    tokens = calculators.explain(
        "invoice_quantity", {"licences": 10, "period_months": 6, "unit_price": "25"})
    assert tokens["quantity"] == [
        {"kind": "count", "value": "6"}, " \u00d7 ", {"kind": "count", "value": "10"}]
    assert tokens["amount"] == [
        {"kind": "count", "value": "60"}, " \u00d7 ", {"kind": "money", "value": "25.00"}]
