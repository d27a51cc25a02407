"""Where votes are kept, chosen by `--db`: a file path is SQLite, `postgresql://…` is PostgreSQL.

Both stores keep the same rules, enforced by the database itself: a vote id is stored once, a
higher revision replaces it, an older or equal one is ignored, and an id never moves to another
article or language. Both answer the same report. Both raise `StoreUnavailable` when the
database cannot be reached right now, which the API turns into 503 + Retry-After.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from helpcenter_server.votes.validation import Vote

if TYPE_CHECKING:
    from helpcenter_server.votes.report import PageReport

SCHEMA_VERSION = 1
"""Bump together with a new entry in each store's MIGRATIONS."""

POSTGRES_SCHEMES = ("postgresql", "postgres")


class StoreError(Exception):
    """A problem an operator fixes before starting: told in one line, without a stack trace."""


class StoreUnavailable(StoreError):
    """The database does not answer right now; a later retry may succeed."""


class Outcome(Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class StoredVote:
    vote_id: str
    article: str
    language: str
    vote: str
    reason: str | None
    comment: str | None
    page_version: str
    revision: int
    received_at: str


def iso(moment: datetime) -> str:
    """UTC with microseconds and a Z, the form both stores report times in."""
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")


class VoteStore(Protocol):
    description: str
    """Where the votes are, without any password: for logs and messages."""

    def record(self, vote: Vote) -> Outcome: ...

    def get(self, vote_id: str) -> StoredVote | None: ...

    def count(self) -> int: ...

    def report(self, latest_comments: int) -> list[PageReport]: ...

    def close(self) -> None: ...


def is_postgres_url(db: str | Path) -> bool:
    return isinstance(db, str) and urlsplit(db).scheme in POSTGRES_SCHEMES


def open_store(db: str | Path, *, durable_on_power_loss: bool = False,
               readonly: bool = False) -> VoteStore:
    """The store `db` names, with its schema created or migrated (unless `readonly`).

    Raises StoreError with a one-line message for an unknown scheme, a missing read-only file
    or a database that cannot be reached.
    """
    text = str(db)
    scheme = urlsplit(text).scheme if "://" in text else ""
    if scheme in POSTGRES_SCHEMES:
        from helpcenter_server.votes.postgres_store import PostgresStore

        return PostgresStore(text, readonly=readonly)
    if scheme in ("sqlite", "file"):
        text = urlsplit(text).path
    elif scheme:
        raise StoreError(
            f"unknown database URL scheme {scheme!r} in --db: give a file path for SQLite "
            "or postgresql://user@host:port/dbname for PostgreSQL")
    from helpcenter_server.votes.sqlite_store import SqliteStore

    return SqliteStore(Path(text), durable_on_power_loss=durable_on_power_loss,
                       readonly=readonly)
