"""Numbers, money and dates for a reader, by CLDR through Babel at build time.

The browser formats the same kinds with Intl (assets/javascripts/calculators/calculators.js), which
reads the same CLDR data: neither side writes a locale's rules by hand. `FORMAT_LOCALE` names the
CLDR locale behind each page language; a language not listed is formatted by its own code.

Explanations and messages come from the calculators already spaced and filled in, as parts
(`calculators.tokens`): here, as on the page, they are only joined, each number formatted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal

from calculators.messages import slots
from calculators.tokens import NumberToken, Part, join

# English pages are for readers in Europe paying in euros: day-month-year dates.
FORMAT_LOCALE = {"sv": "sv-SE", "en": "en-IE", "fi": "fi-FI"}
CURRENCY = "EUR"


def format_locale(lang: str) -> str:
    """The BCP 47 tag the page's Intl and the build's Babel both format with."""
    return FORMAT_LOCALE.get(lang, lang)


def _babel(lang: str) -> Locale:
    return Locale.parse(format_locale(lang), sep="-")


def format_value(kind: str, value: Any, lang: str) -> str:
    """One value as the page shows it; the kinds are the calculators' field and result kinds."""
    locale = _babel(lang)
    if kind == "money_list" and isinstance(value, Sequence) and not isinstance(value, str):
        return format_list([format_value("money", item, lang) for item in value],
                           style="unit-short", locale=locale)
    if kind == "money":
        return format_currency(Decimal(str(value)), CURRENCY, locale=locale)
    if kind == "quantity":
        return format_decimal(Decimal(str(value)), format="#,##0.00", locale=locale)
    if kind in ("count", "months"):
        return format_decimal(Decimal(str(value)), locale=locale)
    if kind == "date":
        return format_date(dt.date.fromisoformat(str(value)), format="long", locale=locale)
    return str(value)


def _formatted(lang: str) -> Callable[[NumberToken], str]:
    return lambda token: format_value(token["kind"], token["value"], lang)


def message(error: Mapping[str, Any], lang: str) -> str:
    """A calculator's error message as the page shows it: its parts for the language (the
    sentence in the form its number calls for), numbers and dates formatted for the reader."""
    parts: Mapping[str, Sequence[Part]] = error["parts"]
    return join(parts.get(lang) or parts["en"], _formatted(lang))


def format_input(kind: str, value: Any, lang: str) -> str:
    """A starting value as a reader of the page's language types it: "25,00" on a Swedish page.

    No grouping: a reader editing the value should not meet separators they must keep or remove.
    """
    if value is None:
        return ""
    if kind == "money_list" and isinstance(value, Sequence) and not isinstance(value, str):
        return "\n".join(format_input("money", item, lang) for item in value)
    if kind == "money":
        return format_decimal(Decimal(str(value)), format="0.00", locale=_babel(lang))
    return str(value)


def explanation(parts: Sequence[Part], lang: str) -> str:
    """The arithmetic as one line, e.g. "3 * 25,00 € * 6 * 108/181" (with the multiplication
    sign): the calculators' spaced parts joined, as the page's `joinParts()` joins them."""
    return join(parts, _formatted(lang))


def status_messages(messages: Mapping[str, str]) -> dict[str, str]:
    """The calculator's status lines for the page: one with placeholders goes as JSON parts (text,
    and `{"param": name}` where the script's value goes), cut here so that the script only joins."""
    shown: dict[str, str] = {}
    for key, text in messages.items():
        cut = slots(text)
        filled_in = any(not isinstance(piece, str) for piece in cut)
        shown[key] = json.dumps(cut, ensure_ascii=False) if filled_in else text
    return shown
