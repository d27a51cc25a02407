"""The brake on guessing staff passwords, kept in the database so every instance agrees.

As OWASP advises, failures are counted per account *and* client, so a stranger's failures
never lock the owner out, with a total cap per account on top:

- Per account and client: after FREE_ATTEMPTS failures, each further attempt must wait twice
  as long as the one before (1 s, 2 s, 4 s … up to 15 minutes). A client is the browser's
  known-browser cookie for that account when it has one (given at each successful sign-in),
  else its address (kept only as a keyed digest). A right password clears the count.
- Per account, from every client without that account's known-browser cookie together: at most
  ACCOUNT_CAP failures an hour. Past it, only browsers the account has signed in from before
  may try; that stops a guesser with many addresses, and the owner's own browser still gets in.

Every attempt is counted *before* its password is checked, by one upsert per count that only
takes the attempt when the brake allows it (`INSERT … ON CONFLICT DO UPDATE … WHERE …
RETURNING`): the database decides, so simultaneous attempts on any number of instances get no
more tries than attempts one after another. A right password then gives the attempt back.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, delete, select, text, update

from helpcenter_server.db.engine import Database
from helpcenter_server.db.schema import sign_in_attempts, sign_in_strangers

FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 15 * 60
FORGET_AFTER_SECONDS = 24 * 3600
ACCOUNT_CAP = 30
CAP_WINDOW_SECONDS = 3600

# Taken only when the last attempt's wait is over; the wait doubles from the FREE_ATTEMPTS-th.
RESERVE_ATTEMPT = text(f"""
INSERT INTO sign_in_attempts (account, client, failures, wait_seconds, last_attempt)
VALUES (:account, :client, 1, {0 if FREE_ATTEMPTS > 1 else 1}, :now)
ON CONFLICT (account, client) DO UPDATE SET
    failures = sign_in_attempts.failures + 1,
    wait_seconds = CASE
        WHEN sign_in_attempts.failures + 1 < {FREE_ATTEMPTS} THEN 0
        WHEN sign_in_attempts.wait_seconds = 0 THEN 1
        WHEN sign_in_attempts.wait_seconds * 2 > {MAX_WAIT_SECONDS} THEN {MAX_WAIT_SECONDS}
        ELSE sign_in_attempts.wait_seconds * 2 END,
    last_attempt = excluded.last_attempt
WHERE sign_in_attempts.last_attempt + sign_in_attempts.wait_seconds <= excluded.last_attempt
RETURNING failures
""")

# Taken while the account's hour has room, or when its hour is over (a new one starts).
RESERVE_STRANGER = text(f"""
INSERT INTO sign_in_strangers (account, failures, window_start) VALUES (:account, 1, :now)
ON CONFLICT (account) DO UPDATE SET
    failures = CASE WHEN sign_in_strangers.window_start <= :hour_over THEN 1
                    ELSE sign_in_strangers.failures + 1 END,
    window_start = CASE WHEN sign_in_strangers.window_start <= :hour_over THEN excluded.window_start
                        ELSE sign_in_strangers.window_start END
WHERE sign_in_strangers.window_start <= :hour_over OR sign_in_strangers.failures < {ACCOUNT_CAP}
RETURNING failures
""")


@dataclass(frozen=True)
class Attempt:
    """An attempt the brake allowed and has already counted as a failure."""

    account: str
    client: str
    stranger: bool


@dataclass(frozen=True)
class Braked:
    """No attempt now: wait `seconds`; `capped` when the account's cap for strangers is why."""

    seconds: float
    capped: bool = False


class _Refused(Exception):
    def __init__(self, braked: Braked) -> None:
        self.braked = braked


class SignInBrake:
    def __init__(self, db: Database, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.clock = clock

    def reserve(self, account: str, client: str, stranger: bool) -> Attempt | Braked:
        """Count an attempt by `client` at `account` before its password is checked, or say how
        long to wait. `stranger`: the client has no known-browser cookie for the account."""
        now = int(self.clock())
        a = sign_in_attempts.c
        try:
            with self.db.transaction() as conn:
                conn.execute(delete(sign_in_attempts).where(
                    a.last_attempt < now - FORGET_AFTER_SECONDS))
                if conn.execute(RESERVE_ATTEMPT, {"account": account, "client": client,
                                                  "now": now}).first() is None:
                    raise _Refused(Braked(self._wait(conn, account, client, now)))
                if stranger and conn.execute(RESERVE_STRANGER, {
                        "account": account, "now": now,
                        "hour_over": now - CAP_WINDOW_SECONDS}).first() is None:
                    # Undoes the per-client count above with the rest of the transaction.
                    raise _Refused(Braked(self._cap_wait(conn, account, now), capped=True))
        except _Refused as refused:
            return refused.braked
        return Attempt(account, client, stranger)

    def succeeded(self, attempt: Attempt) -> None:
        """The password was right: clear the client's count and give the attempt back."""
        a, s = sign_in_attempts.c, sign_in_strangers.c
        with self.db.transaction() as conn:
            conn.execute(delete(sign_in_attempts).where(
                a.account == attempt.account, a.client == attempt.client))
            if attempt.stranger:
                conn.execute(update(sign_in_strangers)
                             .where(s.account == attempt.account, s.failures > 0)
                             .values(failures=s.failures - 1))

    @staticmethod
    def _wait(conn: Connection, account: str, client: str, now: int) -> int:
        a = sign_in_attempts.c
        until = conn.scalar(select(a.last_attempt + a.wait_seconds).where(
            a.account == account, a.client == client))
        return max(1, int(until) - now) if until is not None else 1

    @staticmethod
    def _cap_wait(conn: Connection, account: str, now: int) -> int:
        s = sign_in_strangers.c
        start = conn.scalar(select(s.window_start).where(s.account == account))
        return max(1, int(start) + CAP_WINDOW_SECONDS - now) if start is not None else 1
