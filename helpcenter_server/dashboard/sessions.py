"""Staff sessions, kept in the database so every instance agrees.

A session is a random token in an HttpOnly, SameSite=Strict cookie; the database keeps only its
SHA-256, so a copy of the database signs nobody in. Signing out deletes the row.

A session is bound to its account as it was at sign-in: the row keeps a fingerprint of the
account's password hash, and every instance checks it against the accounts it has loaded. Remove
someone's line, or give them a new password, and every instance started with the new accounts
refuses their sessions, wherever those were made.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, insert, select

from helpcenter_server.dashboard.accounts import Accounts
from helpcenter_server.db.engine import Database
from helpcenter_server.db.schema import staff_sessions

SESSION_SECONDS = 8 * 3600


@dataclass(frozen=True)
class Session:
    username: str
    csrf: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Sessions:
    def __init__(self, db: Database, accounts: Accounts,
                 clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.accounts = accounts
        self.clock = clock

    def create(self, username: str) -> tuple[str, Session]:
        fingerprint = self.accounts.fingerprint(username)
        if fingerprint is None:
            raise ValueError(f"no account {username!r} to make a session for")
        token = secrets.token_urlsafe(32)
        session = Session(username, secrets.token_urlsafe(32))
        now = int(self.clock())
        c = staff_sessions.c
        with self.db.transaction() as conn:
            conn.execute(delete(staff_sessions).where(c.expires_at < now))
            conn.execute(insert(staff_sessions).values(
                token_hash=_digest(token), username=username, fingerprint=fingerprint,
                csrf=session.csrf, expires_at=now + SESSION_SECONDS))
        return token, session

    def find(self, token: str | None) -> Session | None:
        """The session of this cookie, if it has not expired and its account is still the one
        that signed in (same name, same password)."""
        if not token or len(token) > 100:
            return None
        c = staff_sessions.c
        with self.db.snapshot() as conn:
            row = conn.execute(select(c.username, c.fingerprint, c.csrf).where(
                c.token_hash == _digest(token), c.expires_at >= int(self.clock()))).first()
        if row is None:
            return None
        username, fingerprint, csrf = row
        if self.accounts.fingerprint(username) != fingerprint:
            return None
        return Session(username, csrf)

    def delete(self, token: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(delete(staff_sessions).where(
                staff_sessions.c.token_hash == _digest(token)))
