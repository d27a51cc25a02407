"""One SQLAlchemy Core engine over SQLite or PostgreSQL (psycopg 3), for every table.

Callers get a `Connection` inside a transaction and write their statements once: SQLAlchemy
binds parameters in each driver's own style and types columns (a time is `UtcTime` in both), and
its errors are the same classes whichever engine answers, so "the database is away" is one
exception here (`StoreUnavailable`, which the endpoints answer with 503 + Retry-After).

SQLite: WAL journal with `synchronous=NORMAL`. A commit is in the WAL file before it returns, so
an acknowledged vote survives the service being killed (even `kill -9`); only a power loss or OS
crash can drop the last few commits. `durable_on_power_loss` makes it `synchronous=FULL`. Write
transactions begin IMMEDIATE, taking the write lock up front, so read-then-write never
deadlocks; reads begin deferred and never wait behind writers. sqlite3's own implicit BEGIN is
switched off (SQLAlchemy's documented recipe), so every transaction is the one asked for.

PostgreSQL: one pool per instance (`pool_pre_ping` replaces a connection broken while the
server was away); a request waits at most WAIT_FOR_CONNECTION_S for a connection.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.pool import ConnectionPoolEntry

from helpcenter_server.db.errors import StoreError, StoreUnavailable
from helpcenter_server.db.location import Location, locate
from helpcenter_server.db.migrations import migrate

CONNECT_TIMEOUT_S = 3
WAIT_FOR_CONNECTION_S = 3.0
"""How long a request waits for a pooled PostgreSQL connection before it answers 503."""
SQLITE_BUSY_MS = 10_000
BEGIN_OPTION = "helpcenter_sqlite_begin"

# The database is away or busy past its timeout: a retry later may succeed.
UNAVAILABLE = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError)


def first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class Database:
    def __init__(self, engine: Engine, location: Location) -> None:
        self.engine = engine
        self.location = location
        self.description = location.description
        """Where the data is, without any password: for logs and messages."""
        self._writer = threading.Lock()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def _connection(self, **options: Any) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                conn.execution_options(**options)
                with conn.begin():
                    yield conn
        except UNAVAILABLE as exc:
            raise StoreUnavailable(f"{self.description}: {first_line(exc)}") from exc

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction, committed on success."""
        if self.dialect != "sqlite":
            with self._connection() as conn:
                yield conn
            return
        # One writer of this process at a time, in turn: SQLite's own busy wait polls and is
        # not fair, so under a burst some writers would wait past its timeout. Other
        # processes' writers still wait for the file's lock (BEGIN IMMEDIATE, busy_timeout).
        with self._writer, self._connection(**{BEGIN_OPTION: "BEGIN IMMEDIATE"}) as conn:
            yield conn

    def snapshot(self) -> AbstractContextManager[Connection]:
        """A read-only transaction that sees one state of the database throughout."""
        if self.dialect == "postgresql":
            return self._connection(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        return self._connection(**{BEGIN_OPTION: "BEGIN"})

    def insert(self, table: Table) -> postgresql.Insert | sqlite.Insert:
        """INSERT for this engine's dialect, which speaks `ON CONFLICT` (the same API in both)."""
        return (postgresql.insert if self.dialect == "postgresql" else sqlite.insert)(table)

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_engine(path: Path, *, durable_on_power_loss: bool, readonly: bool) -> Engine:
    url = f"sqlite:///file:{path}?mode=ro&uri=true" if readonly else f"sqlite:///{path}"
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000,
                                              "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: sqlite3.Connection, record: ConnectionPoolEntry) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself, below
        if not readonly:
            dbapi_conn.execute("PRAGMA journal_mode=WAL")
            dbapi_conn.execute(
                f"PRAGMA synchronous={'FULL' if durable_on_power_loss else 'NORMAL'}")
        dbapi_conn.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")

    @event.listens_for(engine, "begin")
    def on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get(BEGIN_OPTION, "BEGIN"))

    return engine


def _postgres_engine(location: Location, max_connections: int) -> Engine:
    assert location.postgres_url is not None
    return create_engine(
        location.postgres_url, pool_size=max_connections, max_overflow=0,
        pool_timeout=WAIT_FOR_CONNECTION_S, pool_pre_ping=True,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S,
                      "application_name": "helpcenter_server"})


def open_database(db: str | Path, *, durable_on_power_loss: bool = False,
                  readonly: bool = False, max_connections: int = 10) -> Database:
    """The database `db` names (see `location`), with every table created or migrated (unless
    `readonly`). Raises StoreError with one line for an unknown scheme, a missing read-only
    file, a server that cannot be reached, or a schema newer than this service."""
    location = locate(db)
    if location.sqlite_path is not None:
        path = location.sqlite_path
        if readonly and not path.is_file():
            raise StoreError(f"no feedback database at {path}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot open the SQLite database {path}: {exc}") from None
        engine = _sqlite_engine(path, durable_on_power_loss=durable_on_power_loss,
                                readonly=readonly)
        failure = f"cannot open the SQLite database {path}"
    else:
        engine = _postgres_engine(location, max_connections)
        failure = f"cannot use {location.description}"
    database = Database(engine, location)
    try:
        # The first connection straight away: a wrong URL or a server that is down is an
        # error at start, not at the first vote.
        if readonly:
            with database.snapshot():
                pass
        else:
            with database.transaction() as conn:
                migrate(conn)
    except (StoreUnavailable, sa_exc.DBAPIError) as exc:
        engine.dispose()
        cause = exc.__cause__ if isinstance(exc, StoreUnavailable) else exc
        raise StoreError(f"{failure}: {first_line(cause or exc)}") from None
    except BaseException:
        engine.dispose()
        raise
    return database
