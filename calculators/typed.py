"""What a reader typed, read the way readers of their language write it: the one input grammar.

- sv and fi: "1 500,50" (space, no-break space or narrow no-break space between thousands, decimal
  comma) and dates as "15.3.2026".
- en: "1,500.50" (comma between thousands, decimal point).
- Every locale also takes the canonical forms the build and `<input type=date>` send: "1500.50"
  and "2026-03-15".

A number that readers of two conventions would read differently ("1.500" on a Swedish page: one
and a half, or fifteen hundred?) is refused as `ambiguous_number` rather than guessed. The browser
sends the raw typed text and the page's language; nothing else parses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .dates import parse_iso_date
from .money import CANONICAL_NUMBER

Locale = Literal["sv", "en", "fi"]
LOCALES: tuple[Locale, ...] = ("sv", "en", "fi")

_SPACE = "[ \u00a0\u202f]"
# One separator followed by exactly three digits, after one to three digits that do not start
# with zero: a thousands group in one convention, three decimals in the other.
_LOOKS_GROUPED = re.compile(r"[1-9][0-9]{0,2}[.,][0-9]{3}")
_SIGN = re.compile(r"([+\-\u2212]?)(.*)", re.DOTALL)
_CURRENCY = re.compile(r"^(?:€|eur)\s*|\s*(?:€|eur)$", re.IGNORECASE)
_DOTTED_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")


def _grammar(group: str, decimal: str) -> re.Pattern[str]:
    whole = rf"(?:[0-9]+|[0-9]{{1,3}}(?:{group}[0-9]{{3}})+)"
    return re.compile(rf"(?P<whole>{whole})(?:{decimal}(?P<fraction>[0-9]+))?")


# Per locale: the ways of writing a number that locale reads, tried after the canonical form.
_LOCAL: dict[Locale, tuple[re.Pattern[str], ...]] = {
    "sv": (_grammar(_SPACE, ","), _grammar(_SPACE, r"\.")),
    "fi": (_grammar(_SPACE, ","), _grammar(_SPACE, r"\.")),
    "en": (_grammar(",", r"\."), _grammar(_SPACE, r"\.")),
}
# A decimal comma on an English page: Nordic readers' habit, but "1,50" is no English number.
_DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]+")


@dataclass(frozen=True)
class Reading:
    """Typed text as canonical number text ("1500.50"), or the error code saying why not.
    Both are None when nothing was typed."""

    text: str | None
    code: str | None = None


BLANK = Reading(None)


def locale_of(value: object) -> Locale | None:
    """"sv", "sv-SE" or "sv_SE" → "sv"; anything unknown means canonical input only."""
    if not isinstance(value, str):
        return None
    primary = value.replace("_", "-").split("-", 1)[0].lower()
    for locale in LOCALES:
        if primary == locale:
            return locale
    return None


def is_blank(raw: object) -> bool:
    return isinstance(raw, str) and raw.strip() == ""


def read_number(raw: str, locale: Locale | None) -> Reading:
    """A number typed by a reader of `locale`, as canonical text, or why it cannot be read.

    Without a locale only the canonical form is read, and "1.500" is ambiguous there too: no
    string means 1.50 in one place and 1500 in another. A negative number is negative whichever
    way it is read, and is left for that check, whose message is the more useful one.
    """
    if locale is None:
        text = raw.strip()
        if _LOOKS_GROUPED.fullmatch(text.removeprefix("+")):
            return Reading(None, "ambiguous_number")
        return Reading(text)
    if raw.strip() == "":
        return BLANK
    sign, body = _split_sign(_CURRENCY.sub("", raw.strip()).strip())
    if body[:1] in ("", "+", "-", "\u2212"):
        return Reading(None, "not_a_number")
    if sign != "-" and _LOOKS_GROUPED.fullmatch(body) and not _own_group(body, locale):
        return Reading(None, "ambiguous_number")
    if CANONICAL_NUMBER.fullmatch(body):
        return Reading(sign + body)
    for pattern in _LOCAL[locale]:
        match = pattern.fullmatch(body)
        if match:
            whole = re.sub(r"[^0-9]", "", match["whole"])
            fraction = match["fraction"]
            return Reading(sign + whole + (f".{fraction}" if fraction else ""))
    if locale == "en" and _DECIMAL_COMMA.fullmatch(body):
        return Reading(None, "ambiguous_number")
    return Reading(None, "not_a_number")


def _split_sign(text: str) -> tuple[str, str]:
    match = _SIGN.fullmatch(text)
    sign, body = (match.group(1), match.group(2)) if match else ("", text)
    return ("-" if sign in ("-", "\u2212") else ""), body


def _own_group(body: str, locale: Locale) -> bool:
    """English writes a thousands comma ("1,500"): the locale's own grouping, not a guess."""
    return locale == "en" and "," in body


def read_date(raw: str, locale: Locale | None) -> date | None:
    """ISO "2026-03-15" in every locale; "15.3.2026" too where readers write dates that way."""
    iso = parse_iso_date(raw)
    dotted = _DOTTED_DATE.fullmatch(raw.strip()) if locale in ("sv", "fi") else None
    if iso is not None or dotted is None:
        return iso
    day, month, year = (int(part) for part in dotted.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None
