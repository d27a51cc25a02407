"""The one time format the server reports in, and the column type that keeps it.

Staff, the report and the exports read a moment as UTC ISO-8601 with microseconds and a Z
(`2026-03-15T12:00:00.000000Z`). SQLite has no time type, so `UtcTime` keeps exactly that text
there (it sorts as time); PostgreSQL keeps a `timestamptz`. Either way the column reads back as
an aware `datetime` in UTC, and `iso` writes it out.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Text
from sqlalchemy.dialects.postgresql import TIMESTAMP
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


def iso(moment: datetime) -> str:
    """`moment` in UTC with microseconds and a Z."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def utc(value: datetime | str) -> datetime:
    """A stored moment (ISO text, or a datetime from the driver) as an aware UTC datetime."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class UtcTime(TypeDecorator[datetime]):
    """timestamptz in PostgreSQL, `iso` text in SQLite; an aware UTC datetime in Python."""

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(TIMESTAMP(timezone=True))
        return dialect.type_descriptor(Text())

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None or dialect.name == "postgresql":
            return value
        return iso(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else utc(value)
