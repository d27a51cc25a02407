"""Votes in SQLite.

Durability choice: WAL journal with `synchronous=NORMAL`. A commit is written to the WAL file
before `commit()` returns, so an acknowledged vote survives the service being killed (even
`kill -9`); only a power loss or OS crash can drop the last few commits, because the WAL is not
fsynced on every commit. That trade keeps writes fast enough for a burst of votes on one core.
Use `synchronous=FULL` (`durable_on_power_loss=True`) where the host can lose power unexpectedly.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path

from feedback_service.validation import Vote

SCHEMA_VERSION = 1

SCHEMA = """
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
"""


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
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")


def connect(db_path: Path, *, durable_on_power_loss: bool = False) -> sqlite3.Connection:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False, timeout=10)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={'FULL' if durable_on_power_loss else 'NORMAL'}")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.executescript(SCHEMA)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    return conn


def connect_readonly(db_path: Path) -> sqlite3.Connection:
    if not db_path.exists():
        raise FileNotFoundError(f"no feedback database at {db_path}")
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    conn.execute("PRAGMA busy_timeout=10000")
    return conn


class VoteStore:
    """One connection shared by the service's worker threads; writes are serialised by a lock."""

    def __init__(self, db_path: Path, *, durable_on_power_loss: bool = False) -> None:
        self.db_path = db_path
        self._conn = connect(db_path, durable_on_power_loss=durable_on_power_loss)
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
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                row = conn.execute(
                    "SELECT article, language, revision FROM votes WHERE vote_id = ?",
                    (vote.vote_id,),
                ).fetchone()
                if row is None:
                    outcome = Outcome.CREATED
                    conn.execute(
                        "INSERT INTO votes (vote_id, article, language, vote, reason, comment,"
                        " page_version, revision, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (vote.vote_id, vote.article, vote.language, vote.vote, vote.reason,
                         vote.comment, vote.page_version, vote.revision, self._received_at()),
                    )
                elif (row[0], row[1]) != (vote.article, vote.language):
                    outcome = Outcome.CONFLICT
                elif vote.revision > row[2]:
                    outcome = Outcome.UPDATED
                    conn.execute(
                        "UPDATE votes SET vote = ?, reason = ?, comment = ?, page_version = ?,"
                        " revision = ?, received_at = ? WHERE vote_id = ?",
                        (vote.vote, vote.reason, vote.comment, vote.page_version, vote.revision,
                         self._received_at(), vote.vote_id),
                    )
                else:
                    outcome = Outcome.UNCHANGED
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            return outcome

    def get(self, vote_id: str) -> StoredVote | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT vote_id, article, language, vote, reason, comment, page_version,"
                " revision, received_at FROM votes WHERE vote_id = ?",
                (vote_id,),
            ).fetchone()
        return StoredVote(*row) if row else None

    def count(self) -> int:
        with self._lock:
            (n,) = self._conn.execute("SELECT count(*) FROM votes").fetchone()
        return int(n)
