"""Votes in SQLite: one file beside a single service instance (`make serve`).

Durability choice: WAL journal with `synchronous=NORMAL`. A commit is written to the WAL file
before `commit()` returns, so an acknowledged vote survives the service being killed (even
`kill -9`); only a power loss or OS crash can drop the last few commits, because the WAL is not
fsynced on every commit. That trade keeps writes fast enough for a burst of votes on one core.
Use `synchronous=FULL` (`durable_on_power_loss=True`) where the host can lose power unexpectedly.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from helpcenter_server.votes.report import PageReport, build_report
from helpcenter_server.votes.store import (
    SCHEMA_VERSION,
    Outcome,
    StoredVote,
    StoreError,
    StoreUnavailable,
    iso,
)
from helpcenter_server.votes.validation import Vote

MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE IF NOT EXISTS votes (
        vote_id      TEXT PRIMARY KEY,
        article      TEXT NOT NULL,
        language     TEXT NOT NULL,
        vote         TEXT NOT NULL CHECK (vote IN ('yes', 'no')),
        reason       TEXT,
        comment      TEXT,
        page_version TEXT NOT NULL,
        revision     INTEGER NOT NULL,
        received_at  TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS votes_by_page ON votes (article, language);
    """,
}

# A stale or equal revision, or an id that belongs to another page, leaves the row as it is.
UPSERT = """
INSERT INTO votes (vote_id, article, language, vote, reason, comment, page_version, revision,
                   received_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (vote_id) DO UPDATE SET
    vote = excluded.vote, reason = excluded.reason, comment = excluded.comment,
    page_version = excluded.page_version, revision = excluded.revision,
    received_at = excluded.received_at
WHERE votes.revision < excluded.revision
  AND votes.article = excluded.article AND votes.language = excluded.language
"""

COLUMNS = ("vote_id, article, language, vote, reason, comment, page_version, revision,"
           " received_at")


def migrate(conn: sqlite3.Connection) -> None:
    """Create the schema, or bring an older one up to SCHEMA_VERSION, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                     " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        (current,) = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
        if current > SCHEMA_VERSION:
            raise StoreError(f"the database's schema version {current} is newer than this "
                             f"service's {SCHEMA_VERSION}: upgrade the service")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[version].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT INTO schema_version VALUES (?, ?)",
                         (version, iso(datetime.now(UTC))))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def connect(db_path: Path, *, durable_on_power_loss: bool = False) -> sqlite3.Connection:
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False,
                               timeout=10)
        conn.execute("PRAGMA journal_mode=WAL")
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot open the SQLite database {db_path}: {exc}") from None
    conn.execute(f"PRAGMA synchronous={'FULL' if durable_on_power_loss else 'NORMAL'}")
    conn.execute("PRAGMA busy_timeout=10000")
    migrate(conn)
    return conn


def connect_readonly(db_path: Path) -> sqlite3.Connection:
    if not db_path.exists():
        raise StoreError(f"no feedback database at {db_path}")
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10,
                           check_same_thread=False)
    conn.execute("PRAGMA busy_timeout=10000")
    return conn


class SqliteStore:
    """One connection shared by the service's worker threads; writes are serialised by a lock."""

    def __init__(self, db_path: Path, *, durable_on_power_loss: bool = False,
                 readonly: bool = False) -> None:
        self.db_path = db_path
        self.description = f"SQLite {db_path}"
        self.readonly = readonly
        self._conn = (connect_readonly(db_path) if readonly
                      else connect(db_path, durable_on_power_loss=durable_on_power_loss))
        self._lock = threading.Lock()
        self._last_received = datetime.min.replace(tzinfo=UTC)

    def _received_at(self) -> str:
        """Now, strictly after the previous vote, so "latest comments" have a definite order."""
        now = max(datetime.now(UTC), self._last_received + timedelta(microseconds=1))
        self._last_received = now
        return iso(now)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def record(self, vote: Vote) -> Outcome:
        """Store a vote: a higher revision of a vote id replaces it, a stale one is ignored."""
        try:
            with self._lock:
                return self._record(vote)
        except sqlite3.OperationalError as exc:  # locked for longer than busy_timeout, disk full
            raise StoreUnavailable(f"{self.description}: {exc}") from exc

    def _record(self, vote: Vote) -> Outcome:
        conn = self._conn
        # IMMEDIATE: the look-up and the upsert see the same row, so the outcome is exact.
        conn.execute("BEGIN IMMEDIATE")
        try:
            before = conn.execute("SELECT article, language, revision FROM votes"
                                  " WHERE vote_id = ?", (vote.vote_id,)).fetchone()
            conn.execute(UPSERT, (vote.vote_id, vote.article, vote.language, vote.vote,
                                  vote.reason, vote.comment, vote.page_version, vote.revision,
                                  self._received_at()))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if before is None:
            return Outcome.CREATED
        if (before[0], before[1]) != (vote.article, vote.language):
            return Outcome.CONFLICT
        return Outcome.UPDATED if vote.revision > before[2] else Outcome.UNCHANGED

    def get(self, vote_id: str) -> StoredVote | None:
        with self._lock:
            row = self._conn.execute(f"SELECT {COLUMNS} FROM votes WHERE vote_id = ?",
                                     (vote_id,)).fetchone()
        return StoredVote(*row) if row else None

    def count(self) -> int:
        with self._lock:
            (n,) = self._conn.execute("SELECT count(*) FROM votes").fetchone()
        return int(n)

    def report(self, latest_comments: int) -> list[PageReport]:
        # Its own read-only connection: a report never waits behind the writers' lock.
        conn = connect_readonly(self.db_path)

        def query(sql: str) -> list[Any]:
            return conn.execute(sql).fetchall()

        try:
            conn.execute("BEGIN")  # one snapshot of the WAL for all three statements
            return build_report(query, latest_comments)
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(f"{self.description}: {exc}") from exc
        finally:
            conn.close()
