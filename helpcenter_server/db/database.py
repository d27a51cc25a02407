"""One small SQL interface over SQLite and PostgreSQL for the search insights and the dashboard.

Statements are written once, in SQL both engines speak (`INSERT ... ON CONFLICT`, `substr`,
ISO-8601 text compared as text), with `?` placeholders; the PostgreSQL side turns them into
psycopg's `%s`. Every call opens a short transaction, so any number of service threads (and
instances, on PostgreSQL) can share the database; the engine's own locking keeps counters right.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

Row = tuple[Any, ...]
POSTGRES_SCHEMES = ("postgresql", "postgres")


def iso_utc(moment: datetime) -> str:
    """The votes' time format in SQLite: UTC, microseconds, a Z; sorts as text."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def as_text_time(value: object) -> str:
    """A time read from either engine (text in SQLite, timestamptz in PostgreSQL) as ISO text."""
    return iso_utc(value) if isinstance(value, datetime) else str(value)


class DatabaseUnavailable(Exception):
    """The database could not be reached or answered with an operational error: retry later."""


class Transaction(Protocol):
    def execute(self, sql: str, params: Sequence[object] = ()) -> int:
        """Run a statement; the number of rows it changed."""

    def fetch(self, sql: str, params: Sequence[object] = ()) -> list[Row]: ...


class Database(Protocol):
    dialect: str

    def utc_day(self, column: str) -> str:
        """An SQL expression for the UTC date (YYYY-MM-DD text) of a vote time column."""

    def transaction(self) -> Any:
        """A context manager yielding a `Transaction`, committed on success."""

    def read(self, sql: str, params: Sequence[object] = ()) -> list[Row]: ...

    def ensure_schema(self, statements: Sequence[str]) -> None: ...

    def close(self) -> None: ...


class _SqliteTransaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[object] = ()) -> int:
        return self._conn.execute(sql, sqlite_params(params)).rowcount

    def fetch(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return list(self._conn.execute(sql, sqlite_params(params)).fetchall())


def sqlite_params(params: Sequence[object]) -> tuple[object, ...]:
    # Votes keep their time as ISO text in SQLite; compare like with like.
    return tuple(iso_utc(p) if isinstance(p, datetime) else p for p in params)


class SqliteDatabase:
    """The votes' SQLite file (WAL), one connection per transaction."""

    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path

    def utc_day(self, column: str) -> str:
        return f"substr({column}, 1, 10)"

    def close(self) -> None:
        pass

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=10)
        conn.execute("PRAGMA busy_timeout=10000")
        return conn

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        try:
            conn = self._connect()
        except sqlite3.Error as exc:
            raise DatabaseUnavailable(str(exc)) from exc
        try:
            # IMMEDIATE takes the write lock up front: read-then-write never deadlocks.
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield _SqliteTransaction(conn)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as exc:
            raise DatabaseUnavailable(str(exc)) from exc
        finally:
            conn.close()

    def read(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        try:
            conn = self._connect()
        except sqlite3.Error as exc:
            raise DatabaseUnavailable(str(exc)) from exc
        try:
            return list(conn.execute(sql, sqlite_params(params)).fetchall())
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return []
            raise DatabaseUnavailable(str(exc)) from exc
        finally:
            conn.close()

    def ensure_schema(self, statements: Sequence[str]) -> None:
        conn = self._connect()
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            for statement in statements:
                conn.execute(statement)
        finally:
            conn.close()


def postgres_sql(sql: str) -> str:
    """`?` placeholders as psycopg's `%s` (our statements hold no literal `?` or `%`)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresDatabase:
    """PostgreSQL through a psycopg 3 connection pool of its own."""

    dialect = "postgresql"

    def __init__(self, url: str, max_connections: int = 4) -> None:
        from psycopg_pool import ConnectionPool

        self.pool: Any = ConnectionPool(
            url, min_size=1, max_size=max_connections, open=True,
            kwargs={"connect_timeout": 3, "autocommit": True,
                    "application_name": "helpcenter_server insights"},
            check=ConnectionPool.check_connection, timeout=3.0, name="insights",
        )

    def utc_day(self, column: str) -> str:
        return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')"

    def close(self) -> None:
        self.pool.close()

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        import psycopg
        from psycopg_pool import PoolTimeout

        try:
            with self.pool.connection() as conn, conn.transaction():
                yield _PostgresTransaction(conn)
        except (PoolTimeout, psycopg.OperationalError, psycopg.InterfaceError) as exc:
            raise DatabaseUnavailable(str(exc)) from exc

    def read(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        with self.transaction() as tx:
            return tx.fetch(sql, params)

    def ensure_schema(self, statements: Sequence[str]) -> None:
        with self.transaction() as tx:
            # Several instances may start at once: one creates, the others wait for it.
            tx.execute("SELECT pg_advisory_xact_lock(?)", (0x68635F61,))
            for statement in statements:
                tx.execute(statement)


class _PostgresTransaction:
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[object] = ()) -> int:
        cur = self._conn.execute(postgres_sql(sql), tuple(params))
        return int(cur.rowcount)

    def fetch(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return list(self._conn.execute(postgres_sql(sql), tuple(params)).fetchall())


def open_database(db: str | Path) -> SqliteDatabase | PostgresDatabase:
    """The database `--db` names: a postgresql:// URL, or else a SQLite file path."""
    text = str(db)
    if "://" in text and urlsplit(text).scheme in POSTGRES_SCHEMES:
        return PostgresDatabase(text)
    if text.startswith(("sqlite://", "file://")):
        text = urlsplit(text).path
    return SqliteDatabase(Path(text))
