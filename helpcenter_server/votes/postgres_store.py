"""Votes in PostgreSQL, shared by any number of service instances (psycopg 3 with a pool).

Every rule is one statement the database enforces: the upsert below stores a vote id once,
lets only a higher revision replace it and never moves an id to another page, however many
instances race on the same id. Times come from the database's clock, so instances on
different hosts agree on "latest".
"""

from __future__ import annotations

import logging
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

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

log = logging.getLogger("helpcenter_server")

MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE IF NOT EXISTS votes (
            vote_id      uuid PRIMARY KEY,
            article      text NOT NULL,
            language     text NOT NULL,
            vote         text NOT NULL CHECK (vote IN ('yes', 'no')),
            reason       text,
            comment      text,
            page_version text NOT NULL,
            revision     bigint NOT NULL,
            received_at  timestamptz NOT NULL DEFAULT clock_timestamp()
        )""",
        "CREATE INDEX IF NOT EXISTS votes_by_page ON votes (article, language)",
    ],
}

# Any number of instances may start at once; one of them migrates, the others wait for it.
MIGRATION_LOCK = 0x766F746573  # "votes"

# `xmax = 0` tells a freshly inserted row from an updated one. No row back means the id exists
# with an equal or higher revision, or on another page: the look-up after tells which.
UPSERT = """
INSERT INTO votes (vote_id, article, language, vote, reason, comment, page_version, revision)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
ON CONFLICT (vote_id) DO UPDATE SET
    vote = excluded.vote, reason = excluded.reason, comment = excluded.comment,
    page_version = excluded.page_version, revision = excluded.revision,
    received_at = clock_timestamp()
WHERE votes.revision < excluded.revision
  AND votes.article = excluded.article AND votes.language = excluded.language
RETURNING (xmax = 0) AS created
"""

COLUMNS = ("vote_id::text, article, language, vote, reason, comment, page_version, revision,"
           " received_at")

CONNECT_TIMEOUT_S = 3
WAIT_FOR_CONNECTION_S = 3.0
"""How long a request waits for a pooled connection before it answers 503."""


def safe_description(url: str) -> str:
    """host:port/dbname as user, never the password."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise StoreError(f"--db is not a valid PostgreSQL URL: {exc}") from None
    host = parts.get("host", "localhost")
    return (f"PostgreSQL {parts.get('user', '')}@{host}:{parts.get('port', 5432)}"
            f"/{parts.get('dbname', '')}")


def migrate(conn: psycopg.Connection[Any]) -> None:
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                     " version integer PRIMARY KEY,"
                     " applied_at timestamptz NOT NULL DEFAULT now())")
        row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
        current = int(row[0]) if row else 0
        if current > SCHEMA_VERSION:
            raise StoreError(f"the database's schema version {current} is newer than this "
                             f"service's {SCHEMA_VERSION}: upgrade the service")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))


class PostgresStore:
    def __init__(self, url: str, *, readonly: bool = False, max_connections: int = 10) -> None:
        self.description = safe_description(url)
        self.readonly = readonly
        self._pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            url, min_size=1, max_size=max_connections, open=False,
            kwargs={"connect_timeout": CONNECT_TIMEOUT_S, "autocommit": True,
                    "application_name": "helpcenter_server"},
            # A connection broken while the server was away is replaced, not handed out.
            check=ConnectionPool.check_connection,
            timeout=WAIT_FOR_CONNECTION_S, name="feedback",
        )
        try:
            # The first connection straight away: a wrong URL or a server that is down is an
            # error at start, not at the first vote.
            with psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S) as conn:
                if not readonly:
                    migrate(conn)
        except psycopg.Error as exc:
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"cannot use {self.description}: {message}") from None
        self._pool.open()

    def close(self) -> None:
        self._pool.close()

    def _run(self, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            with self._pool.connection() as conn:
                cur = conn.execute(statement, params)
                return cur.fetchall() if cur.description else []
        except (PoolTimeout, psycopg.OperationalError, psycopg.InterfaceError) as exc:
            raise StoreUnavailable(f"{self.description}: {exc}") from exc

    def record(self, vote: Vote) -> Outcome:
        rows = self._run(UPSERT, (vote.vote_id, vote.article, vote.language, vote.vote,
                                  vote.reason, vote.comment, vote.page_version, vote.revision))
        if rows:
            return Outcome.CREATED if rows[0][0] else Outcome.UPDATED
        # Not written: article and language of an id never change, so this look-up is exact.
        existing = self._run("SELECT article, language FROM votes WHERE vote_id = %s",
                             (vote.vote_id,))
        if existing and tuple(existing[0]) != (vote.article, vote.language):
            return Outcome.CONFLICT
        return Outcome.UNCHANGED

    def get(self, vote_id: str) -> StoredVote | None:
        rows = self._run(f"SELECT {COLUMNS} FROM votes WHERE vote_id = %s", (vote_id,))
        if not rows:
            return None
        vote_id, article, language, vote, reason, comment, page_version, revision, at = rows[0]
        return StoredVote(vote_id, article, language, vote, reason, comment, page_version,
                          revision, iso(at))

    def count(self) -> int:
        return int(self._run("SELECT count(*) FROM votes")[0][0])

    def report(self, latest_comments: int) -> list[PageReport]:
        """Counts, reasons and comments from one snapshot, however many votes arrive meanwhile."""
        try:
            with self._pool.connection() as conn, conn.transaction():
                conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")

                def query(statement: str) -> list[tuple[Any, ...]]:
                    return conn.execute(statement).fetchall()

                return build_report(query, latest_comments)
        except (PoolTimeout, psycopg.OperationalError, psycopg.InterfaceError) as exc:
            raise StoreUnavailable(f"{self.description}: {exc}") from exc
