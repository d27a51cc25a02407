"""Search insights in the database: counters per day, language and query, nothing per reader.

A report carries a random id made for that one search, so a retried request is counted once and
"the reader opened a result" can be added to the search it belongs to. Those ids are kept only
until the day after the search (`search_reports`) and never leave the service; the counters
(`search_daily`, `search_opened_daily`) hold no id, address or time finer than a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from helpcenter_server.db.database import Database, Transaction
from helpcenter_server.insights.privacy import personal_data_kind
from helpcenter_server.insights.validation import SearchEvent

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS search_daily (
        day        TEXT NOT NULL,
        language   TEXT NOT NULL,
        query      TEXT NOT NULL,
        searches   INTEGER NOT NULL DEFAULT 0,
        no_results INTEGER NOT NULL DEFAULT 0,
        opened     INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, language, query))""",
    """CREATE TABLE IF NOT EXISTS search_opened_daily (
        day      TEXT NOT NULL,
        language TEXT NOT NULL,
        query    TEXT NOT NULL,
        target   TEXT NOT NULL,
        opens    INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, language, query, target))""",
    """CREATE TABLE IF NOT EXISTS search_reports (
        report_id TEXT PRIMARY KEY,
        day       TEXT NOT NULL,
        language  TEXT NOT NULL,
        query     TEXT NOT NULL,
        opened    INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX IF NOT EXISTS search_reports_by_day ON search_reports (day)",
)
REPORT_ID_DAYS = 1
"""Report ids older than this many days are deleted: a browser retries within minutes or hours."""


class Recorded(Enum):
    COUNTED = "counted"
    OPENED = "opened"
    DUPLICATE = "duplicate"
    DROPPED = "dropped"


@dataclass(frozen=True)
class Outcome:
    recorded: Recorded
    reason: str | None = None


def _bump_daily(tx: Transaction, day: str, language: str, query: str, searches: int,
                no_results: int, opened: int) -> None:
    tx.execute(
        "INSERT INTO search_daily (day, language, query, searches, no_results, opened)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (day, language, query) DO UPDATE SET"
        " searches = search_daily.searches + excluded.searches,"
        " no_results = search_daily.no_results + excluded.no_results,"
        " opened = search_daily.opened + excluded.opened",
        (day, language, query, searches, no_results, opened),
    )


def _bump_opened(tx: Transaction, day: str, language: str, query: str, target: str) -> None:
    tx.execute(
        "INSERT INTO search_opened_daily (day, language, query, target, opens)"
        " VALUES (?, ?, ?, ?, 1) ON CONFLICT (day, language, query, target) DO UPDATE SET"
        " opens = search_opened_daily.opens + 1",
        (day, language, query, target),
    )


def record(db: Database, event: SearchEvent, today: date) -> Outcome:
    """Count a search once, and its opened result once, however often the browser retries."""
    kind = personal_data_kind(event.query)
    if kind is not None:
        return Outcome(Recorded.DROPPED, f"looks like personal data ({kind})")
    day = today.isoformat()
    opened = 1 if event.opened else 0
    with db.transaction() as tx:
        tx.execute("DELETE FROM search_reports WHERE day < ?",
                   ((today - timedelta(days=REPORT_ID_DAYS)).isoformat(),))
        new = tx.execute(
            "INSERT INTO search_reports (report_id, day, language, query, opened)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (report_id) DO NOTHING",
            (event.event_id, day, event.language, event.query, opened),
        )
        if new:
            _bump_daily(tx, day, event.language, event.query, 1, int(event.results == 0), opened)
            if event.opened:
                _bump_opened(tx, day, event.language, event.query, event.opened)
            return Outcome(Recorded.COUNTED)
        if not event.opened:
            return Outcome(Recorded.DUPLICATE)
        # The search was counted earlier; now its reader opened a result. Only the first
        # report of an opening counts, and it counts for the search's own day and query.
        if not tx.execute("UPDATE search_reports SET opened = 1 WHERE report_id = ? AND opened = 0",
                          (event.event_id,)):
            return Outcome(Recorded.DUPLICATE)
        rows = tx.fetch("SELECT day, language, query FROM search_reports WHERE report_id = ?",
                        (event.event_id,))
        first_day, language, query = rows[0]
        _bump_daily(tx, first_day, language, query, 0, 0, 1)
        _bump_opened(tx, first_day, language, query, event.opened)
        return Outcome(Recorded.OPENED)
