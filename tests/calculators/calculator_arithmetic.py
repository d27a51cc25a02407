"""Reading an explanation back as arithmetic, to check it against the result it explains."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import calculators


def evaluate(tokens: list[Any]) -> Fraction | date:
    """The value of an explanation: x and / bind tighter than + and -, left to right;
    a date minus a date is a number of days."""
    terms: list[tuple[str, Fraction | date]] = []
    sign = "+"
    product: Fraction | date | None = None
    operator = ""
    for part in tokens:
        # The spacing is the core's ("10 + 8"); the arithmetic is in the operator it surrounds.
        token = part.strip() if isinstance(part, str) else part
        if isinstance(token, str):
            if token in ("+", "\u2212"):
                assert product is not None
                terms.append((sign, product))
                sign, product = token, None
            else:
                assert token in ("\u00d7", "/"), token
                operator = token
            continue
        value = number(token)
        if product is None:
            product = value
        else:
            assert isinstance(product, Fraction) and isinstance(value, Fraction)
            product = product * value if operator == "\u00d7" else product / value
    assert product is not None
    terms.append((sign, product))
    total: Any = terms[0][1]
    for sign, value in terms[1:]:
        total = total + value if sign == "+" else total - value
    if isinstance(total, timedelta):
        return Fraction(total.days)
    assert isinstance(total, Fraction | date)
    return total


def number(token: dict[str, str]) -> Fraction | date:
    assert set(token) == {"kind", "value"}
    if token["kind"] == "date":
        return date.fromisoformat(token["value"])
    assert token["kind"] in {"count", "money", "quantity"}
    return Fraction(Decimal(token["value"]))


def half_up_cents(value: Fraction) -> Decimal:
    cents = value * 100
    whole = cents.numerator // cents.denominator
    if cents - whole >= Fraction(1, 2):
        whole += 1
    return Decimal(whole) / 100


def results_by_key(name: str, result: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    kinds = {r["name"]: r["kind"] for r in calculators.specs()[name]["results"]}
    flat: dict[str, tuple[str, Any]] = {}
    for key, value in result.items():
        if isinstance(value, list):
            for index, item in enumerate(value):
                flat[f"{key}[{index}]"] = ("money", item)
        else:
            flat[key] = (kinds[key], value)
    return flat


def assert_explanation_adds_up(name: str, inputs: dict[str, Any]) -> None:
    outcome = calculators.run(name, inputs)
    assert outcome["ok"], outcome
    flat = results_by_key(name, outcome["result"])
    explanation = calculators.explain(name, inputs)
    assert explanation, "a valid calculation has an explanation"
    for key, tokens in explanation.items():
        kind, shown = flat[key]
        value = evaluate(tokens)
        assert isinstance(value, Fraction)
        if kind == "count":
            assert value == shown, key
        else:
            assert half_up_cents(value) == Decimal(shown), key
