"""Every table the server keeps, in one SQLAlchemy MetaData: the DDL for SQLite and PostgreSQL
comes from here, and the statements elsewhere name these columns (with their types, so a time
is bound as `UtcTime` in either engine).

A table changes only through a new step in `migrations.py`, never by editing it here alone.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import UUID

from helpcenter_server.db.times import UtcTime

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", UtcTime, nullable=False, server_default=func.now()),
)

# Votes: a vote id is stored once; the store lets only a higher revision replace it.
votes = Table(
    "votes", metadata,
    # PostgreSQL's own uuid type; text with the dashes in SQLite, as the browser sends it.
    Column("vote_id", Text().with_variant(UUID(as_uuid=False), "postgresql"), primary_key=True),
    Column("article", Text, nullable=False),
    Column("language", Text, nullable=False),
    Column("vote", Text, CheckConstraint("vote IN ('yes', 'no')"), nullable=False),
    Column("reason", Text),
    Column("comment", Text),
    Column("page_version", Text, nullable=False),
    Column("revision", BigInteger, nullable=False),
    Column("received_at", UtcTime, nullable=False),
    Index("votes_by_page", "article", "language"),
    sqlite_with_rowid=False,
)

# Staff sessions: only a hash of the token, and the account's password fingerprint.
staff_sessions = Table(
    "staff_sessions", metadata,
    Column("token_hash", Text, primary_key=True),
    Column("username", Text, nullable=False),
    Column("fingerprint", Text, nullable=False),
    Column("csrf", Text, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
)

# The dashboard's signing key, shared by every instance.
staff_secrets = Table(
    "staff_secrets", metadata,
    Column("name", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

# The sign-in brake: per account and client, and per account for all strangers together.
sign_in_attempts = Table(
    "sign_in_attempts", metadata,
    Column("account", Text, primary_key=True),
    Column("client", Text, primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("wait_seconds", BigInteger, nullable=False),
    Column("last_attempt", BigInteger, nullable=False),
)
sign_in_strangers = Table(
    "sign_in_strangers", metadata,
    Column("account", Text, primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("window_start", BigInteger, nullable=False),
)

# Search insights: counters per day (YYYY-MM-DD text), language and query; report ids for a day.
search_daily = Table(
    "search_daily", metadata,
    Column("day", Text, primary_key=True),
    Column("language", Text, primary_key=True),
    Column("query", Text, primary_key=True),
    Column("searches", Integer, nullable=False, server_default="0"),
    Column("no_results", Integer, nullable=False, server_default="0"),
    Column("opened", Integer, nullable=False, server_default="0"),
)
search_opened_daily = Table(
    "search_opened_daily", metadata,
    Column("day", Text, primary_key=True),
    Column("language", Text, primary_key=True),
    Column("query", Text, primary_key=True),
    Column("target", Text, primary_key=True),
    Column("opens", Integer, nullable=False, server_default="0"),
)
search_reports = Table(
    "search_reports", metadata,
    Column("report_id", Text, primary_key=True),
    Column("day", Text, nullable=False),
    Column("language", Text, nullable=False),
    Column("query", Text, nullable=False),
    Column("opened", Integer, nullable=False, server_default="0"),
    Index("search_reports_by_day", "day"),
)

