"""Explain tokens: the arithmetic behind a result, and the parts a reader's sentence is made of.

A token is either a plain operator string (times, divide, minus, plus, equals, parentheses) or a
number tagged with its kind. Error messages carry their numbers and dates as the same tokens.

What leaves the core is `Part`s: text to show as it is (spaces and words included) or a number
token for the edge to format in the reader's locale (Intl on the page, Babel in the build).
Concatenated, the parts are the line: `spaced` writes an explanation's spacing here, once, and
`join` is all an edge does with them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
Part = str | NumberToken
"""Text shown as it is, or a number or date shown as the reader's locale writes it."""

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


# No space after an opening bracket or a fraction's slash, none before the slash or a closing
# bracket: "108/181", "(6 + 3)".
_NO_SPACE_AFTER = ("(", DIVIDE)
_NO_SPACE_BEFORE = (DIVIDE, ")")


def spaced(tokens: Sequence[Token]) -> list[Part]:
    """The arithmetic as parts with its spacing written in: "10", " + ", "8", " + ", "3"
    ("10 + 8 + 3" once joined; the same for minus and times). Adjacent text is one
    part."""
    parts: list[Part] = []
    previous: Token | None = None
    for token in tokens:
        tight = previous is None or (isinstance(previous, str) and previous in _NO_SPACE_AFTER) \
            or (isinstance(token, str) and token in _NO_SPACE_BEFORE)
        if isinstance(token, str):
            add_text(parts, token if tight else " " + token)
        else:
            if not tight:
                add_text(parts, " ")
            parts.append(token)
        previous = token
    return parts


def add_text(parts: list[Part], text: str) -> None:
    """Appends text to the parts, onto the last part if that is text too."""
    last = parts[-1] if parts else None
    if isinstance(last, str):
        parts[-1] = last + text
    else:
        parts.append(text)


def canonical(token: NumberToken) -> str:
    """A token as the core writes it ("1500.50", "2026-03-15"), where no locale is asked for."""
    return token["value"]


def join(parts: Sequence[Part], format_token: Callable[[NumberToken], str] = canonical) -> str:
    """The line the parts make: the text as it is, each number as `format_token` writes it."""
    return "".join(part if isinstance(part, str) else format_token(part) for part in parts)
