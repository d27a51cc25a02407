"""Where votes are kept: the `votes` table of the server's one database (SQLite or PostgreSQL).

The rules are the database's own, one statement each, however many instances race on one id:
a vote id is stored once (`INSERT … ON CONFLICT DO NOTHING`), only a higher revision replaces
it and an id never moves to another article or language (the `UPDATE`'s condition). On
PostgreSQL times come from the database's clock, so instances on different hosts agree on
"latest"; on SQLite, from this process's, strictly after the previous vote.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any

from sqlalchemy import func, select, update

from helpcenter_server.db.engine import Database
from helpcenter_server.db.schema import votes
from helpcenter_server.db.times import iso
from helpcenter_server.votes.validation import Vote


class Outcome(Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class StoredVote(Vote):
    """A vote as the store keeps it: what the reader sent, and when it arrived."""

    received_at: str


class VoteStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.description = db.description
        self._lock = threading.Lock()
        self._last_received = datetime.min.replace(tzinfo=UTC)

    def _received_at(self) -> Any:
        if self.db.dialect == "postgresql":
            return func.clock_timestamp()
        # Strictly after the previous vote, so "latest comments" have a definite order.
        with self._lock:
            now = max(datetime.now(UTC), self._last_received + timedelta(microseconds=1))
            self._last_received = now
        return now

    def record(self, vote: Vote) -> Outcome:
        """Store a vote: a higher revision of a vote id replaces it, a stale one is ignored."""
        c = votes.c
        content = {"vote": vote.vote, "reason": vote.reason, "comment": vote.comment,
                   "page_version": vote.page_version, "revision": vote.revision}
        with self.db.transaction() as conn:
            received_at = self._received_at()
            created = conn.execute(
                self.db.insert(votes)
                .values(vote_id=vote.vote_id, article=vote.article, language=vote.language,
                        received_at=received_at, **content)
                .on_conflict_do_nothing(index_elements=[c.vote_id])
                .returning(c.vote_id)).first()
            if created is not None:
                return Outcome.CREATED
            updated = conn.execute(
                update(votes)
                .where(c.vote_id == vote.vote_id, c.revision < vote.revision,
                       c.article == vote.article, c.language == vote.language)
                .values(received_at=received_at, **content)
                .returning(c.vote_id)).first()
            if updated is not None:
                return Outcome.UPDATED
            # Not written: article and language of an id never change, so this look-up is exact.
            page = conn.execute(select(c.article, c.language)
                                .where(c.vote_id == vote.vote_id)).first()
        if page is not None and tuple(page) != (vote.article, vote.language):
            return Outcome.CONFLICT
        return Outcome.UNCHANGED

    def get(self, vote_id: str) -> StoredVote | None:
        c = votes.c
        with self.db.snapshot() as conn:
            row = conn.execute(select(
                c.vote_id, c.article, c.language, c.vote, c.reason, c.comment, c.page_version,
                c.revision, c.received_at).where(c.vote_id == vote_id)).first()
        if row is None:
            return None
        vote_id, article, language, vote, reason, comment, page_version, revision, at = row
        return StoredVote(str(vote_id), int(revision), article, language, vote, reason, comment,
                          page_version, iso(at))

    def count(self) -> int:
        with self.db.snapshot() as conn:
            return int(conn.scalar(select(func.count()).select_from(votes)) or 0)
