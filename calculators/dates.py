"""Calendar arithmetic for billing periods."""

from __future__ import annotations

import calendar
import re
from datetime import date

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def add_months(start: date, months: int) -> date:
    """The same day `months` later, clamped to the end of a shorter month (Jan 31 + 1 → Feb 28)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def parse_iso_date(raw: str) -> date | None:
    """A strict YYYY-MM-DD date, or None (`date.fromisoformat` also takes forms like 20260315)."""
    match = _ISO_DATE.fullmatch(raw.strip())
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None
