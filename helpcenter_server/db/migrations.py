"""One versioned sequence of schema steps for every table, on SQLite and PostgreSQL alike.

`schema_version` records each step applied. Any number of instances may start at once: the
steps run inside one write transaction that SQLite serialises (BEGIN IMMEDIATE) and PostgreSQL
behind one advisory lock, so one instance migrates and the others then find nothing to do.
A database from a newer service is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Table, func, insert, select, text

from helpcenter_server.db import schema
from helpcenter_server.db.errors import StoreError

# Taken for the migration's transaction; released when it ends.
MIGRATION_LOCK = 0x68635F7376  # "hc_sv"


def create(*tables: Table) -> Callable[[Connection], None]:
    """A step creating `tables`; tables an older service made without a version are kept."""
    def step(conn: Connection) -> None:
        for table in tables:
            table.create(conn, checkfirst=True)
    return step


def drop_former(*names: str) -> Callable[[Connection], None]:
    def step(conn: Connection) -> None:
        for name in names:
            conn.execute(text(f"DROP TABLE IF EXISTS {name}"))
    return step


def steps(*parts: Callable[[Connection], None]) -> Callable[[Connection], None]:
    def step(conn: Connection) -> None:
        for part in parts:
            part(conn)
    return step


MIGRATIONS: list[Callable[[Connection], None]] = [
    # 1: the votes, as every service since the first has kept them.
    create(schema.votes),
    # 2: the dashboard's and search insights' tables, made until now outside any version;
    # sessions from before they were bound to their account, and the per-username count the
    # sign-in brake replaced (one stranger could lock anyone out with it), are dropped.
    steps(create(schema.staff_sessions, schema.staff_secrets, schema.sign_in_attempts,
                 schema.sign_in_strangers, schema.search_daily, schema.search_opened_daily,
                 schema.search_reports),
          drop_former("admin_sessions", "admin_sign_in_failures")),
]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: Connection) -> None:
    """Bring the database up to SCHEMA_VERSION, inside the caller's write transaction."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    schema.schema_version.create(conn, checkfirst=True)
    version = schema.schema_version.c.version
    current = int(conn.scalar(select(func.coalesce(func.max(version), 0))) or 0)
    if current > SCHEMA_VERSION:
        raise StoreError(f"the database's schema version {current} is newer than this "
                         f"service's {SCHEMA_VERSION}: upgrade the service")
    for number in range(current + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[number - 1](conn)
        conn.execute(insert(schema.schema_version).values(version=number,
                                                          applied_at=datetime.now(UTC)))
