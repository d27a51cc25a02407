"""Numbers, money, dates and plural forms for a reader, by CLDR through Babel at build time.

The browser formats the same kinds with Intl (assets/javascripts/calculators/calculators.js), which
reads the same CLDR data: neither side writes a locale's rules by hand. `FORMAT_LOCALE` names the
CLDR locale behind each page language; a language not listed is formatted by its own code. A
message's plural form is chosen by CLDR's plural rules too (Intl.PluralRules on the page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal

from calculators.messages import fill

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


def plural_category(lang: str, token: Mapping[str, Any]) -> str:
    """The CLDR plural category ("one", "few", "other", ...) of a token's number in the language."""
    return str(_babel(lang).plural_form(Decimal(str(token["value"]))))


def message(error: Mapping[str, Any], lang: str) -> str:
    """A calculator's error message as the page shows it: in the plural form its number calls
    for, with its numbers and dates formatted for the reader."""
    return fill(error, lang, lambda token: format_value(token["kind"], token["value"], lang),
                plural_category)


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


def explanation(tokens: Sequence[str | Mapping[str, Any]], lang: str) -> str:
    """The arithmetic as one line, e.g. "3 * 25,00 € * 6 * 108/181" (with the multiplication
    sign): operators spaced, except a fraction's slash and inside brackets. The same joining as the
    page's `explanation()`."""
    text = ""
    previous: str | Mapping[str, Any] | None = None
    for token in tokens:
        part = token if isinstance(token, str) else format_value(
            str(token["kind"]), token["value"], lang)
        tight = previous is None or previous in ("(", "/") or token in ("/", ")")
        text += ("" if tight else " ") + part
        previous = token
    return text
