"""Staff sessions and the sign-in brake, kept in the database so every instance agrees.

A session is a random token in an HttpOnly, SameSite=Strict cookie; the database keeps only its
SHA-256, so a copy of the database signs nobody in. Signing out deletes the row.

Failed sign-ins are counted per username: after FREE_ATTEMPTS failures each further attempt
must wait twice as long as the one before (1 s, 2 s, 4 s … up to 15 minutes), across every
instance, until a right password resets the count.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from feedback_service.insights.database import Database

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS admin_sessions (
        token_hash TEXT PRIMARY KEY,
        username   TEXT NOT NULL,
        csrf       TEXT NOT NULL,
        expires_at BIGINT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS admin_sign_in_failures (
        account      TEXT PRIMARY KEY,
        failures     INTEGER NOT NULL,
        last_failure BIGINT NOT NULL)""",
)
SESSION_SECONDS = 8 * 3600
FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 15 * 60
FORGET_FAILURES_AFTER = 24 * 3600


@dataclass(frozen=True)
class Session:
    username: str
    csrf: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Sessions:
    def __init__(self, db: Database, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.clock = clock

    def create(self, username: str) -> tuple[str, Session]:
        token = secrets.token_urlsafe(32)
        session = Session(username, secrets.token_urlsafe(32))
        now = int(self.clock())
        with self.db.transaction() as tx:
            tx.execute("DELETE FROM admin_sessions WHERE expires_at < ?", (now,))
            tx.execute("INSERT INTO admin_sessions (token_hash, username, csrf, expires_at)"
                       " VALUES (?, ?, ?, ?)",
                       (_digest(token), username, session.csrf, now + SESSION_SECONDS))
        return token, session

    def find(self, token: str | None) -> Session | None:
        if not token or len(token) > 100:
            return None
        rows = self.db.read("SELECT username, csrf FROM admin_sessions"
                            " WHERE token_hash = ? AND expires_at >= ?",
                            (_digest(token), int(self.clock())))
        return Session(rows[0][0], rows[0][1]) if rows else None

    def delete(self, token: str) -> None:
        with self.db.transaction() as tx:
            tx.execute("DELETE FROM admin_sessions WHERE token_hash = ?", (_digest(token),))

    def wait_before_attempt(self, account: str) -> int:
        """Seconds this account must still wait before a password is even checked."""
        rows = self.db.read("SELECT failures, last_failure FROM admin_sign_in_failures"
                            " WHERE account = ?", (account,))
        if not rows or rows[0][0] < FREE_ATTEMPTS:
            return 0
        failures, last = int(rows[0][0]), int(rows[0][1])
        delay = min(MAX_WAIT_SECONDS, int(2 ** (failures - FREE_ATTEMPTS)))
        return max(0, last + delay - int(self.clock()))

    def failed(self, account: str) -> None:
        now = int(self.clock())
        with self.db.transaction() as tx:
            tx.execute("DELETE FROM admin_sign_in_failures WHERE last_failure < ?",
                       (now - FORGET_FAILURES_AFTER,))
            tx.execute("INSERT INTO admin_sign_in_failures (account, failures, last_failure)"
                       " VALUES (?, 1, ?) ON CONFLICT (account) DO UPDATE SET"
                       " failures = admin_sign_in_failures.failures + 1,"
                       " last_failure = excluded.last_failure", (account, now))

    def succeeded(self, account: str) -> None:
        with self.db.transaction() as tx:
            tx.execute("DELETE FROM admin_sign_in_failures WHERE account = ?", (account,))
