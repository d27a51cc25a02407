"""The one reading of `--db` (and $FEEDBACK_DB): a file path is SQLite, `postgresql://…` is
PostgreSQL, anything else is refused in one line."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from helpcenter_server.db.errors import StoreError

POSTGRES_SCHEMES = ("postgresql", "postgres")
DEFAULT_DB = "var/feedback.sqlite3"
DB_ENV = "FEEDBACK_DB"
DB_HELP = (f"a SQLite file path (default {DEFAULT_DB}) or "
           f"postgresql://user[:password]@host:port/dbname (also ${DB_ENV})")


@dataclass(frozen=True)
class Location:
    """Where the database is: a SQLite file or a PostgreSQL URL (as SQLAlchemy's URL)."""

    sqlite_path: Path | None = None
    postgres_url: URL | None = None

    @property
    def description(self) -> str:
        """For logs and messages: never a password."""
        if self.postgres_url is None:
            return f"SQLite {self.sqlite_path}"
        url = self.postgres_url
        return (f"PostgreSQL {url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}"
                f"/{url.database or ''}")


def chosen(arg: str | None) -> str:
    """`--db` as given, else $FEEDBACK_DB, else the default file."""
    return arg or os.environ.get(DB_ENV) or DEFAULT_DB


def is_postgres(db: str | Path) -> bool:
    text = str(db)
    return "://" in text and urlsplit(text).scheme in POSTGRES_SCHEMES


def locate(db: str | Path) -> Location:
    text = str(db)
    scheme = urlsplit(text).scheme if "://" in text else ""
    if scheme in POSTGRES_SCHEMES:
        try:
            url = make_url(text).set(drivername="postgresql+psycopg")
        except (ArgumentError, ValueError) as exc:
            raise StoreError(f"--db is not a valid PostgreSQL URL: {exc}") from None
        return Location(postgres_url=url)
    if scheme in ("sqlite", "file"):
        return Location(sqlite_path=Path(urlsplit(text).path))
    if scheme:
        raise StoreError(
            f"unknown database URL scheme {scheme!r} in --db: give a file path for SQLite "
            "or postgresql://user@host:port/dbname for PostgreSQL")
    return Location(sqlite_path=Path(text))
