"""Rules 3 and 4: licence changes during a billing period."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

import calculators


def proration(**inputs: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "period_start": "2026-01-01", "period_months": 6, "change_date": "2026-03-15",
        "licences_current": 10, "licences_added": 3, "unit_price": "25.00",
    }
    outcome = calculators.run("proration", {**base, **inputs})
    assert outcome["ok"], outcome
    result: dict[str, Any] = outcome["result"]
    return result


def proration_errors(**inputs: Any) -> list[tuple[str | None, str]]:
    base: dict[str, Any] = {
        "period_start": "2026-01-01", "period_months": 6, "change_date": "2026-03-15",
        "licences_current": 10, "licences_added": 3, "unit_price": "25.00",
    }
    outcome = calculators.run("proration", {**base, **inputs})
    assert not outcome["ok"], outcome
    return [(error["field"], error["code"]) for error in outcome["errors"]]


def test_worked_example_from_the_billing_rules() -> None:
    assert proration() == {
        "next_period_start": "2026-07-01",
        "days_remaining": 108,
        "period_days": 181,
        "order_quantity": "10.74",
        "order_amount": "268.51",
        "credit": "0.00",
        "next_period_licences": 13,
        "next_period_quantity": 78,
        "next_period_amount": "1950.00",
    }


def test_order_amount_is_rounded_once_from_the_exact_fraction() -> None:
    result = proration()
    from_rounded_quantity = Decimal(result["order_quantity"]) * Decimal("25.00")
    assert from_rounded_quantity == Decimal("268.50")
    assert result["order_amount"] == "268.51"


def test_change_on_the_first_day_bills_the_whole_period() -> None:
    result = proration(change_date="2026-01-01")
    assert result["days_remaining"] == result["period_days"] == 181
    assert result["order_quantity"] == "18.00"
    assert result["order_amount"] == "450.00"


def test_change_on_the_last_day_bills_that_one_day() -> None:
    result = proration(change_date="2026-06-30")
    assert result["days_remaining"] == 1
    assert Decimal(result["order_amount"]) == (Decimal(3 * 25 * 6) / 181).quantize(Decimal("0.01"))


@pytest.mark.parametrize(("start", "months", "next_start", "days"), [
    ("2026-01-31", 1, "2026-02-28", 28),
    ("2028-01-31", 1, "2028-02-29", 29),
    ("2026-08-31", 6, "2027-02-28", 181),
    ("2028-02-29", 12, "2029-02-28", 365),
    ("2028-02-29", 1, "2028-03-29", 29),
    ("2026-03-31", 1, "2026-04-30", 30),
    ("2027-12-31", 2, "2028-02-29", 60),
    ("2028-01-01", 12, "2029-01-01", 366),
    ("2026-01-01", 12, "2027-01-01", 365),
])
def test_periods_starting_on_month_ends_and_in_leap_years(
    start: str, months: int, next_start: str, days: int
) -> None:
    result = proration(period_start=start, period_months=months, change_date=start)
    assert result["next_period_start"] == next_start
    assert result["period_days"] == days
    assert (date.fromisoformat(next_start) - date.fromisoformat(start)).days == days


def test_leap_day_counts_in_the_days_remaining() -> None:
    in_leap_year = proration(period_start="2028-01-01", period_months=3, change_date="2028-02-28")
    in_common_year = proration(period_start="2026-01-01", period_months=3, change_date="2026-02-28")
    assert in_leap_year["days_remaining"] == in_common_year["days_remaining"] + 1 == 33


def test_exact_half_cent_rounds_up() -> None:
    # February 2026 has 28 days; from the 15th, 14 of them remain: 0.01 x 14/28 = 0.005.
    result = proration(period_start="2026-02-01", period_months=1, change_date="2026-02-15",
                       licences_added=1, unit_price="0.01")
    assert (result["days_remaining"], result["period_days"]) == (14, 28)
    assert result["order_quantity"] == "0.50"
    assert result["order_amount"] == "0.01"


def test_exact_half_hundredth_of_a_quantity_rounds_up() -> None:
    # 2027-10-01 + 5 months = 2028-03-01, 152 days; 19 days remain: 5 x 19/152 = 0.625.
    result = proration(period_start="2027-10-01", period_months=5, change_date="2028-02-11",
                       licences_added=1, unit_price="1.00")
    assert (result["days_remaining"], result["period_days"]) == (19, 152)
    assert result["order_quantity"] == "0.63"
    assert result["order_amount"] == "0.63"


def test_removing_spare_licences_changes_only_the_next_period_and_credits_nothing() -> None:
    result = proration(licences_added=0, licences_removed=2, active_users=8)
    assert result["order_amount"] == "0.00"
    assert result["credit"] == "0.00"
    assert result["next_period_licences"] == 8
    assert result["next_period_quantity"] == 48
    assert result["next_period_amount"] == "1200.00"


def test_removing_more_than_the_spare_licences_is_refused() -> None:
    assert proration_errors(licences_added=0, licences_removed=3, active_users=8) == [
        ("licences_removed", "remove_more_than_spare")]


def test_without_active_users_every_current_licence_counts_as_spare() -> None:
    assert proration(licences_added=0, licences_removed=10)["next_period_licences"] == 0
    assert proration_errors(licences_added=0, licences_removed=11) == [
        ("licences_removed", "remove_more_than_spare")]


def test_adding_and_removing_together() -> None:
    result = proration(licences_added=3, licences_removed=1, active_users=9)
    assert result["next_period_licences"] == 12
    assert result["order_amount"] == "268.51"


def test_more_active_users_than_licences_after_adding_is_refused() -> None:
    assert proration_errors(active_users=14) == [("active_users", "more_active_than_licences")]
    assert proration(active_users=13)["next_period_licences"] == 13


@pytest.mark.parametrize("change_date", ["2025-12-31", "2026-07-01", "2026-09-15"])
def test_change_date_outside_the_period_is_refused(change_date: str) -> None:
    assert proration_errors(change_date=change_date) == [
        ("change_date", "change_date_outside_period")]


def test_change_date_message_names_the_period_in_every_language() -> None:
    outcome = calculators.run("proration", {
        "period_start": "2026-01-01", "period_months": 6, "change_date": "2026-07-01",
        "licences_current": 10, "licences_added": 3, "unit_price": "25.00"})
    [error] = outcome["errors"]
    assert error["params"]["start"] == {"kind": "date", "value": "2026-01-01"}
    assert error["params"]["last"] == {"kind": "date", "value": "2026-06-30"}
    for lang in ("sv", "en", "fi"):
        assert "{start}" in error["message"][lang] and "{last}" in error["message"][lang]
    # "to" alone does not say whether the last day is in; every language says it is.
    assert "till och med {last}" in error["message"]["sv"]
    assert "up to and including {last}" in error["message"]["en"]
    assert "viimeistään {last}" in error["message"]["fi"]


def test_several_problems_are_all_reported_at_once() -> None:
    assert proration_errors(change_date="2026-08-01", licences_removed=11) == [
        ("change_date", "change_date_outside_period"),
        ("licences_removed", "remove_more_than_spare"),
    ]


def test_explanation_of_the_order_amount() -> None:
    tokens = calculators.explain("proration", {
        "period_start": "2026-01-01", "period_months": 6, "change_date": "2026-03-15",
        "licences_current": 10, "licences_added": 3, "unit_price": "25.00"})
    # Months times licences times price, as the article's example writes it.
    assert tokens["order_amount"] == [
        {"kind": "count", "value": "6"}, " \u00d7 ", {"kind": "count", "value": "3"}, " \u00d7 ",
        {"kind": "money", "value": "25.00"}, " \u00d7 ", {"kind": "count", "value": "108"}, "/",
        {"kind": "count", "value": "181"}]
    assert tokens["days_remaining"] == [
        {"kind": "date", "value": "2026-07-01"}, " \u2212 ",
        {"kind": "date", "value": "2026-03-15"}]


def test_the_calculator_says_its_daily_split_is_an_estimate_that_shows_the_principle() -> None:
    # The source says only "billed from the date the change took effect"; days are our example.
    spec = calculators.specs()["proration"]
    said = {"sv": ("uppskattning", "princip"), "en": ("estimate", "principle"),
            "fi": ("arvio", "periaate")}
    estimated = {"sv": "uppskatta", "en": "estimated", "fi": "arvio"}
    results = {r["name"]: r["label"] for r in spec["results"]}
    for lang, words in said.items():
        description = spec["description"][lang].lower()
        assert all(word in description for word in words), lang
        for name in ("order_quantity", "order_amount"):
            assert estimated[lang] in results[name][lang].lower(), (lang, name)
