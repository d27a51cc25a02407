"""Explain tokens: the arithmetic behind a result, for the front end to format in the page locale.

A token is either a plain operator string (times, divide, minus, plus, equals, parentheses) or a
number tagged with its kind. Error messages carry their numbers and dates as the same tokens.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal, TypedDict

from .money import format_money

# "text": the caller's own words quoted in a message (an unknown calculator's name), as is.
TokenKind = Literal["count", "money", "quantity", "date", "text"]


class NumberToken(TypedDict):
    kind: TokenKind
    value: str


Token = str | NumberToken
Explanation = dict[str, list[Token]]

TIMES = "\u00d7"
DIVIDE = "/"
MINUS = "\u2212"
PLUS = "+"


def count(value: int) -> NumberToken:
    return {"kind": "count", "value": str(value)}


def money(value: Decimal) -> NumberToken:
    return {"kind": "money", "value": format_money(value)}


def quantity(value: Decimal) -> NumberToken:
    return {"kind": "quantity", "value": format_money(value)}


def day(value: date) -> NumberToken:
    return {"kind": "date", "value": value.isoformat()}
