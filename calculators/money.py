"""Money as Decimal: reading amounts from JSON-like input, rounding half up to cents, output."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from fractions import Fraction

CENT = Decimal("0.01")
# Far more digits than any amount in range needs, so arithmetic on valid amounts is exact.
EXACT = Context(prec=60, rounding=ROUND_HALF_UP, Emin=-999999, Emax=999999)

# The canonical form only; what readers type in their locale is read by `typed` first.
CANONICAL_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NOT_FINITE = re.compile(r"[+-]?(?:s?nan[0-9]*|inf|infinity)", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedAmount:
    """An amount read from input, or the error code that says why it could not be read."""

    value: Decimal | None
    code: str | None


def _ok(value: Decimal) -> ParsedAmount:
    return ParsedAmount(value, None)


def _bad(code: str) -> ParsedAmount:
    return ParsedAmount(None, code)


def parse_amount(raw: object, maximum: Decimal) -> ParsedAmount:
    """Read a money value given as a JSON string or number.

    Checks that it is a finite number, not negative, at most `maximum` and has at most two decimals,
    in that order, without ever building a huge number (a huge int or 1e999999 is just too large).
    """
    if isinstance(raw, bool):
        return _bad("wrong_type")
    if isinstance(raw, int):
        if raw < 0:
            return _bad("negative")
        if raw > maximum:
            return _bad("too_large")
        return _ok(Decimal(raw))
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return _bad("not_a_number")
        # repr() is the shortest text that reads back as the same float: 0.1 stays 0.1.
        return _check(Decimal(repr(raw)), maximum)
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            return _bad("not_a_number")
        return _check(raw, maximum)
    if isinstance(raw, str):
        return _parse_text(raw, maximum)
    return _bad("wrong_type")


def _parse_text(raw: str, maximum: Decimal) -> ParsedAmount:
    stripped = raw.strip()
    if _NOT_FINITE.fullmatch(stripped):
        return _bad("not_a_number")
    if not CANONICAL_NUMBER.fullmatch(stripped):
        return _bad("not_a_number")
    try:
        # The constructor is exact whatever the context; it only fails for an exponent out of range.
        value = Decimal(stripped)
    except InvalidOperation:
        mantissa, _, exponent = stripped.lower().partition("e")
        if Decimal(mantissa) == 0:
            return _ok(Decimal("0.00"))
        return _bad("too_many_decimals" if exponent.startswith("-") else "too_large")
    return _check(value, maximum)


def _check(value: Decimal, maximum: Decimal) -> ParsedAmount:
    if value < 0:
        return _bad("negative")
    if value > maximum:
        return _bad("too_large")
    if not _whole_cents(value):
        return _bad("too_many_decimals")
    return _ok(EXACT.plus(EXACT.quantize(value, CENT)))


def _whole_cents(value: Decimal) -> bool:
    """Whether every digit past the second decimal is zero; read from the digits, because
    arithmetic in a context could round 1e-5000000 to zero."""
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or exponent >= -2:
        return isinstance(exponent, int)
    beyond_cents = -2 - exponent
    return not any(digits[-beyond_cents:])


def round_cents(value: Decimal | Fraction) -> Decimal:
    """Round to cents, half up (away from zero), once."""
    if isinstance(value, Decimal):
        return EXACT.quantize(value, CENT)
    return Decimal(_round_half_up(value * 100)) / 100


def round_hundredths(value: Fraction) -> Decimal:
    """A fraction shown with two decimals, half up (used for quantities as well as money)."""
    return EXACT.quantize(Decimal(_round_half_up(value * 100)) / 100, CENT)


def _round_half_up(value: Fraction) -> int:
    whole, rest = divmod(abs(value.numerator), value.denominator)
    if 2 * rest >= value.denominator:
        whole += 1
    return whole if value >= 0 else -whole


def times(price: Decimal, factor: int) -> Decimal:
    """An amount times a count, exactly (the context has room for every amount in range)."""
    return EXACT.multiply(price, Decimal(factor))


def format_money(value: Decimal) -> str:
    """Two decimals, dot separator, no grouping, never "-0.00"."""
    rounded = round_cents(value)
    if rounded == 0:
        rounded = Decimal("0.00")
    return f"{rounded:.2f}"
