"""Field declarations and the validation they drive.

One `Field` declares everything about an input: its kind, whether it is required, its default,
its limits and its label and help in each language. `specs()` publishes it for the forms and
`validate()` checks and converts inputs with it, so nothing about a field is written twice.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Literal

from .messages import Problem, Text, text_json
from .money import format_money, parse_amount
from .typed import Locale, is_blank, read_date, read_number

FieldKind = Literal["count", "months", "money", "date", "money_list"]
Json = None | bool | int | float | str | list["Json"] | dict[str, "Json"]
Limit = int | Decimal | date
Value = int | Decimal | date | tuple[Decimal, ...] | None

MAX_COUNT = 100_000
MIN_MONTHS = 1
MAX_MONTHS = 36
MAX_MONEY = Decimal("10000000.00")
MAX_ITEMS = 36
# Billing periods fall well inside this century; the bounds also keep date arithmetic away from
# year 1 and year 9999.
MIN_DATE = date(2000, 1, 1)
MAX_DATE = date(2099, 12, 31)
# Not a comma: English amounts contain one ("1,500.50").
_LIST_SEPARATOR = re.compile(r"[\n;]")


@dataclass(frozen=True)
class Field:
    name: str
    kind: FieldKind
    label: Text
    help: Text
    required: bool = True
    default: int | str | None = None
    min: Limit | None = None
    max: Limit | None = None
    max_items: int | None = None

    def to_json(self) -> dict[str, Json]:
        out: dict[str, Json] = {
            "name": self.name,
            "kind": self.kind,
            "required": self.required,
            "default": self.default,
            "min": _limit_json(self.min),
            "max": _limit_json(self.max),
        }
        if self.kind == "money_list":
            out["max_items"] = self.max_items
        out["label"] = dict(text_json(self.label))
        out["help"] = dict(text_json(self.help))
        return out


def _limit_json(limit: Limit | None) -> Json:
    if limit is None or isinstance(limit, int):
        return limit
    if isinstance(limit, Decimal):
        return format_money(limit)
    return limit.isoformat()


def count_field(name: str, label: Text, help: Text, *, required: bool = True,
                default: int | None = None) -> Field:
    return Field(name, "count", label, help, required, default, 0, MAX_COUNT)


def months_field(name: str, label: Text, help: Text, *, default: int | None = None) -> Field:
    return Field(name, "months", label, help, True, default, MIN_MONTHS, MAX_MONTHS)


def money_field(name: str, label: Text, help: Text, *, required: bool = True,
                default: str | None = None) -> Field:
    return Field(name, "money", label, help, required, default, Decimal("0.00"), MAX_MONEY)


def date_field(name: str, label: Text, help: Text, *, default: str | None = None) -> Field:
    return Field(name, "date", label, help, True, default, MIN_DATE, MAX_DATE)


def money_list_field(name: str, label: Text, help: Text) -> Field:
    return Field(name, "money_list", label, help, True, None, Decimal("0.00"), MAX_MONEY,
                 MAX_ITEMS)


@dataclass(frozen=True)
class Values:
    """The inputs that passed validation, converted; an absent optional field holds None."""

    data: Mapping[str, Value]

    def has(self, *names: str) -> bool:
        return all(name in self.data for name in names)

    def optional_count(self, name: str) -> int | None:
        value = self.data[name]
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise TypeError(f"{name} is not a count")

    def count(self, name: str) -> int:
        value = self.optional_count(name)
        if value is None:
            raise TypeError(f"{name} is absent")
        return value

    def optional_money(self, name: str) -> Decimal | None:
        value = self.data[name]
        if value is None or isinstance(value, Decimal):
            return value
        raise TypeError(f"{name} is not money")

    def money(self, name: str) -> Decimal:
        value = self.optional_money(name)
        if value is None:
            raise TypeError(f"{name} is absent")
        return value

    def date(self, name: str) -> date:
        value = self.data[name]
        if isinstance(value, date):
            return value
        raise TypeError(f"{name} is not a date")

    def money_list(self, name: str) -> tuple[Decimal, ...]:
        value = self.data[name]
        if isinstance(value, tuple):
            return value
        raise TypeError(f"{name} is not a list of amounts")


def validate(
    fields: tuple[Field, ...], inputs: Mapping[object, object], locale: Locale | None = None
) -> tuple[Values, list[Problem]]:
    """Check every declared field; unknown extra keys are ignored.

    With a `locale`, strings are what a reader of that language typed (see `typed`), and a blank
    one is a field left empty. Returns the converted values of the fields that are valid, and one
    problem per invalid field (per invalid item, for a list).
    """
    data: dict[str, Value] = {}
    problems: list[Problem] = []
    for spec in fields:
        raw = inputs.get(spec.name)
        if locale is not None and is_blank(raw):
            raw = None
        if raw is None:
            if spec.default is not None:
                raw = spec.default
            elif spec.required:
                problems.append(Problem(spec.name, "missing"))
                continue
            else:
                data[spec.name] = None
                continue
        value, found = _convert(spec, raw, locale)
        if found:
            problems.extend(found)
        else:
            data[spec.name] = value
    return Values(MappingProxyType(data)), problems


def _convert(spec: Field, raw: object, locale: Locale | None) -> tuple[Value, list[Problem]]:
    if spec.kind in ("count", "months"):
        if locale is not None and isinstance(raw, str):
            return _convert_typed_count(spec, raw, locale)
        return _convert_count(spec, raw)
    if spec.kind == "money":
        return _convert_money(spec, raw, None, locale)
    if spec.kind == "date":
        return _convert_date(spec, raw, locale)
    return _convert_money_list(spec, raw, locale)


def _problem(spec: Field, code: str, index: int | None = None) -> list[Problem]:
    params: dict[str, int | Decimal | date] = {}
    if spec.min is not None:
        params["min"] = spec.min
    if spec.max is not None:
        params["max"] = spec.max
    if spec.max_items is not None:
        params["max_items"] = spec.max_items
    return [Problem(spec.name, code, MappingProxyType(params), index)]


def _convert_count(spec: Field, raw: object) -> tuple[Value, list[Problem]]:
    # bool is an int subclass, but True is no count.
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return None, _problem(spec, "wrong_type")
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return None, _problem(spec, "not_a_number")
        if raw < 0 and spec.min == 0:
            return None, _problem(spec, "negative")
        if not raw.is_integer():
            return None, _problem(spec, "not_integer")
        # JavaScript has no integer type: 6.0 from a browser is the count 6.
        number = int(raw)
    else:
        number = raw
    if isinstance(spec.min, int) and number < spec.min:
        return None, _problem(spec, "negative" if number < 0 else "too_small")
    if isinstance(spec.max, int) and number > spec.max:
        return None, _problem(spec, "too_large")
    return number, []


def _convert_typed_count(spec: Field, raw: str, locale: Locale) -> tuple[Value, list[Problem]]:
    reading = read_number(raw, locale)
    if reading.code == "ambiguous_number":
        return None, _problem(spec, reading.code)
    # Words or an exponent are no count; the message says a whole number is wanted.
    if reading.text is None or "e" in reading.text.lower():
        return None, _problem(spec, "wrong_type")
    number = Decimal(reading.text)
    if number < 0:
        return None, _problem(spec, "negative")
    if number != number.to_integral_value():
        return None, _problem(spec, "not_integer")
    if isinstance(spec.max, int) and number > spec.max:
        return None, _problem(spec, "too_large")
    return _convert_count(spec, int(number))


def _convert_money(spec: Field, raw: object, index: int | None,
                   locale: Locale | None) -> tuple[Value, list[Problem]]:
    maximum = spec.max if isinstance(spec.max, Decimal) else MAX_MONEY
    if isinstance(raw, str):
        reading = read_number(raw, locale)
        if reading.code is not None or reading.text is None:
            return None, _problem(spec, reading.code or "missing", index)
        raw = reading.text
    parsed = parse_amount(raw, maximum)
    if parsed.code is not None:
        return None, _problem(spec, parsed.code, index)
    return parsed.value, []


def _convert_date(spec: Field, raw: object, locale: Locale | None) -> tuple[Value, list[Problem]]:
    if not isinstance(raw, str):
        return None, _problem(spec, "wrong_type")
    value = read_date(raw, locale)
    if value is None:
        return None, _problem(spec, "invalid_date")
    if isinstance(spec.min, date) and value < spec.min:
        return None, _problem(spec, "too_small")
    if isinstance(spec.max, date) and value > spec.max:
        return None, _problem(spec, "too_large")
    return value, []


def _convert_money_list(spec: Field, raw: object,
                        locale: Locale | None) -> tuple[Value, list[Problem]]:
    if locale is not None:
        # A reader types one amount per line (or separated by semicolons); empty lines are skipped.
        lines = _LIST_SEPARATOR.split(raw) if isinstance(raw, str) else raw
        if isinstance(lines, list | tuple):
            raw = [item for item in lines if not is_blank(item)]
    if not isinstance(raw, list | tuple):
        return None, _problem(spec, "wrong_type")
    if spec.max_items is not None and len(raw) > spec.max_items:
        return None, _problem(spec, "list_too_long")
    items: list[Decimal] = []
    problems: list[Problem] = []
    for index, item in enumerate(raw):
        value, found = _convert_money(spec, item, index, locale)
        if found:
            problems.extend(found)
        elif isinstance(value, Decimal):
            items.append(value)
    return tuple(items), problems
