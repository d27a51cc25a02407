"""A database kept by the service before its one data layer (votes at schema version 1, the
dashboard's and search tables made outside any version) is taken over as it is: its votes and
counters stay, the tables it lacks are made, and the sessions from before they were bound to
their account are dropped. On SQLite and PostgreSQL alike."""

from __future__ import annotations

import sqlite3
import uuid

from helpcenter_server.db.engine import open_database
from helpcenter_server.db.location import is_postgres
from helpcenter_server.db.migrations import SCHEMA_VERSION
from tests.support.feedback import rows

# What the former service created, in its own words (its sqlite_store, postgres_store and
# insights tables), abridged to the tables that matter here.
FORMER_SQLITE = """
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
INSERT INTO schema_version VALUES (1, '2026-01-01T00:00:00.000000Z');
CREATE TABLE votes (vote_id TEXT PRIMARY KEY, article TEXT NOT NULL, language TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('yes', 'no')), reason TEXT, comment TEXT,
    page_version TEXT NOT NULL, revision INTEGER NOT NULL, received_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE search_daily (day TEXT NOT NULL, language TEXT NOT NULL, query TEXT NOT NULL,
    searches INTEGER NOT NULL DEFAULT 0, no_results INTEGER NOT NULL DEFAULT 0,
    opened INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (day, language, query));
CREATE TABLE admin_sessions (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL);
"""
FORMER_POSTGRES = [
    "CREATE TABLE schema_version (version integer PRIMARY KEY,"
    " applied_at timestamptz NOT NULL DEFAULT now())",
    "INSERT INTO schema_version (version) VALUES (1)",
    "CREATE TABLE votes (vote_id uuid PRIMARY KEY, article text NOT NULL, language text NOT NULL,"
    " vote text NOT NULL CHECK (vote IN ('yes', 'no')), reason text, comment text,"
    " page_version text NOT NULL, revision bigint NOT NULL,"
    " received_at timestamptz NOT NULL DEFAULT clock_timestamp())",
    "CREATE TABLE search_daily (day TEXT NOT NULL, language TEXT NOT NULL, query TEXT NOT NULL,"
    " searches INTEGER NOT NULL DEFAULT 0, no_results INTEGER NOT NULL DEFAULT 0,"
    " opened INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (day, language, query))",
    "CREATE TABLE admin_sessions (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL)",
]
VOTE_ID = str(uuid.uuid4())


def make_former(db: str) -> None:
    vote = ("INSERT INTO votes (vote_id, article, language, vote, page_version, revision,"
            f" received_at) VALUES ('{VOTE_ID}', 'paid-twice', 'sv', 'yes', 'v1', 3,"
            " '2026-01-02T10:00:00.000000Z')")
    search = ("INSERT INTO search_daily (day, language, query, searches)"
              " VALUES ('2026-01-02', 'sv', 'moms', 4)")
    if is_postgres(db):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            for statement in [*FORMER_POSTGRES, vote, search]:
                conn.execute(statement)  # type: ignore[arg-type]
        return
    conn = sqlite3.connect(db)
    try:
        conn.executescript(FORMER_SQLITE + vote + ";" + search + ";")
    finally:
        conn.close()


def tables(db: str) -> set[str]:
    if is_postgres(db):
        return {r["tablename"] for r in
                rows(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    return {r["name"] for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_former_database_keeps_its_data_and_gains_the_missing_tables(db: str) -> None:
    make_former(db)
    open_database(db).close()
    assert [r["version"] for r in rows(db, "SELECT version FROM schema_version"
                                           " ORDER BY version")] == list(
        range(1, SCHEMA_VERSION + 1))
    assert [(r["vote_id"], r["revision"]) for r in rows(db, "SELECT * FROM votes")] == [
        (VOTE_ID, 3)]
    assert [r["searches"] for r in rows(db, "SELECT searches FROM search_daily")] == [4]
    found = tables(db)
    assert {"staff_sessions", "staff_secrets", "sign_in_attempts", "sign_in_strangers",
            "search_opened_daily", "search_reports"} <= found
    assert "admin_sessions" not in found


def test_a_second_start_finds_nothing_to_migrate(db: str) -> None:
    make_former(db)
    first, second = open_database(db), open_database(db)
    first.close()
    second.close()
    assert len(rows(db, "SELECT version FROM schema_version")) == SCHEMA_VERSION
