"""Rule 5: an overpayment pays the next invoices of the same product, in order, until used up."""

from __future__ import annotations

from typing import Any

import calculators
from calculators.messages import fill


def overpayment(overpaid: Any, invoices: list[Any]) -> dict[str, Any]:
    outcome = calculators.run(
        "overpayment", {"overpaid_amount": overpaid, "upcoming_invoices": invoices})
    assert outcome["ok"], outcome
    result: dict[str, Any] = outcome["result"]
    return result


def test_paying_an_invoice_twice_covers_the_next_one_of_the_same_amount() -> None:
    assert overpayment("1500.00", ["1500.00", "1500.00"]) == {
        "applied": ["1500.00", "0.00"], "due": ["0.00", "1500.00"], "remaining_credit": "0.00"}


def test_credit_is_used_in_invoice_order_until_it_runs_out() -> None:
    assert overpayment(150, [100, "80.50", 30]) == {
        "applied": ["100.00", "50.00", "0.00"],
        "due": ["0.00", "30.50", "30.00"],
        "remaining_credit": "0.00",
    }


def test_what_is_left_after_the_last_invoice_stays_as_credit() -> None:
    assert overpayment("500", ["120.25", "80"]) == {
        "applied": ["120.25", "80.00"], "due": ["0.00", "0.00"], "remaining_credit": "299.75"}


def test_no_upcoming_invoices_leave_everything_as_credit() -> None:
    assert overpayment("42.10", []) == {"applied": [], "due": [], "remaining_credit": "42.10"}


def test_explanation_of_each_invoice_and_the_credit_left() -> None:
    tokens = calculators.explain(
        "overpayment", {"overpaid_amount": 150, "upcoming_invoices": [100, "80.50"]})
    assert tokens["due[1]"] == [
        {"kind": "money", "value": "80.50"}, " \u2212 ", {"kind": "money", "value": "50.00"}]
    assert tokens["applied[1]"] == [
        {"kind": "money", "value": "150.00"}, " \u2212 ", {"kind": "money", "value": "100.00"}]
    assert tokens["remaining_credit"] == [
        {"kind": "money", "value": "150.00"}, " \u2212 ", {"kind": "money", "value": "100.00"},
        " \u2212 ", {"kind": "money", "value": "50.00"}]


def test_each_bad_invoice_amount_is_reported_with_its_position() -> None:
    outcome = calculators.run(
        "overpayment", {"overpaid_amount": "10", "upcoming_invoices": ["5", "x", -1, "2.3456"]})
    assert not outcome["ok"]
    found = [(e["field"], e.get("index"), e["code"]) for e in outcome["errors"]]
    assert found == [
        ("upcoming_invoices", 1, "not_a_number"),
        ("upcoming_invoices", 2, "negative"),
        ("upcoming_invoices", 3, "too_many_decimals"),
    ]
    first = outcome["errors"][0]
    assert first["params"]["item"] == {"kind": "count", "value": "2"}
    assert "(nr 2)" in fill(first, "sv")
    assert "(no. 2)" in fill(first, "en")
    assert "(nro 2)" in fill(first, "fi")


def test_too_many_upcoming_invoices_are_refused() -> None:
    outcome = calculators.run(
        "overpayment", {"overpaid_amount": "10", "upcoming_invoices": ["1"] * 37})
    assert [(e["field"], e["code"]) for e in outcome["errors"]] == [
        ("upcoming_invoices", "list_too_long")]
