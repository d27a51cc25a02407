"""The building blocks: reading and rounding money, and adding months to a date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from calculators.dates import add_months, parse_iso_date
from calculators.money import format_money, parse_amount, round_cents

LIMIT = Decimal("10000000.00")


@pytest.mark.parametrize(("raw", "value"), [
    ("25", "25.00"), (25, "25.00"), (25.5, "25.50"), (" 25.50 ", "25.50"),
    ("1500.50", "1500.50"), ("0", "0.00"), ("-0", "0.00"), (0.1, "0.10"), ("1e3", "1000.00"),
    ("10000000", "10000000.00"), (".5", "0.50"), ("0e999999999999999999", "0.00"),
    ("0.0e-5000000", "0.00"), ("7." + "0" * 5000, "7.00"),
])
def test_amounts_readers_type_are_read_exactly(raw: object, value: str) -> None:
    parsed = parse_amount(raw, LIMIT)
    assert parsed.code is None
    assert parsed.value is not None and format_money(parsed.value) == value


@pytest.mark.parametrize(("raw", "code"), [
    ("NaN", "not_a_number"), ("-nan", "not_a_number"), ("sNaN", "not_a_number"),
    ("Infinity", "not_a_number"), ("inf", "not_a_number"), (float("nan"), "not_a_number"),
    (float("inf"), "not_a_number"), (float("-inf"), "not_a_number"),
    ("abc", "not_a_number"), ("", "not_a_number"), ("1 000", "not_a_number"),
    ("1,000.50", "not_a_number"), ("5_000", "not_a_number"), ("25,5", "not_a_number"),
    ("\u0661\u0662", "not_a_number"),
    ("1e999999", "too_large"), ("1e99999999999999999999", "too_large"),
    pytest.param(10**5000, "too_large", id="huge-int"), (1e308, "too_large"),
    ("10000000.01", "too_large"),
    ("1e-999999", "too_many_decimals"), ("1e-99999999999999999999", "too_many_decimals"),
    ("0.001", "too_many_decimals"), (0.1 + 0.2, "too_many_decimals"),
    ("1e-5000000", "too_many_decimals"), ("123e-1000050", "too_many_decimals"),
    ("1e-999999999999999999", "too_many_decimals"),
    ("1." + "0" * 80 + "1", "too_many_decimals"),
    ("-1", "negative"), (-0.01, "negative"),
    pytest.param(-(10**5000), "negative", id="huge-negative-int"),
    (True, "wrong_type"), ([1], "wrong_type"), ({"a": 1}, "wrong_type"),
])
def test_bad_amounts_get_a_code_not_a_crash(raw: object, code: str) -> None:
    assert parse_amount(raw, LIMIT).code == code


@pytest.mark.parametrize(("value", "cents"), [
    (Fraction(1, 200), "0.01"), (Fraction(-1, 200), "-0.01"), (Fraction(3, 200), "0.02"),
    (Fraction(1, 201), "0.00"), (Decimal("2.675"), "2.68"), (Decimal("2.665"), "2.67"),
])
def test_rounding_is_half_up_at_exact_half_cents(value: Decimal | Fraction, cents: str) -> None:
    assert format_money(round_cents(value)) == cents


def test_money_never_shows_as_negative_zero() -> None:
    assert format_money(Decimal("-0.001")) == "0.00"


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 1, 1), 6, date(2026, 7, 1)),
    (date(2026, 10, 31), 4, date(2027, 2, 28)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
    (date(2026, 5, 31), 36, date(2029, 5, 31)),
    (date(2027, 2, 28), 12, date(2028, 2, 28)),
])
def test_adding_months_clamps_to_the_end_of_a_shorter_month(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize("raw", [
    "2026-02-30", "2026-13-01", "2026-00-10", "0000-01-01", "2026-2-3", "20260301",
    "2026-03-01T00:00", "2026-W10-1", "", "today", "\u0662\u0660\u0662\u0666-01-01",
])
def test_only_real_iso_dates_are_read(raw: str) -> None:
    assert parse_iso_date(raw) is None


def test_leap_day_is_a_real_date_only_in_leap_years() -> None:
    assert parse_iso_date("2028-02-29") == date(2028, 2, 29)
    assert parse_iso_date("2026-02-29") is None
