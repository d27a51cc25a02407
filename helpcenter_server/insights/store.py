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

from sqlalchemy import Connection, delete, update

from helpcenter_server.db.engine import Database
from helpcenter_server.db.schema import search_daily, search_opened_daily, search_reports
from helpcenter_server.insights.privacy import personal_data_kind
from helpcenter_server.insights.validation import SearchEvent

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


def _bump_daily(db: Database, conn: Connection, day: str, language: str, query: str,
                searches: int, no_results: int, opened: int) -> None:
    row = db.insert(search_daily).values(day=day, language=language, query=query,
                                         searches=searches, no_results=no_results, opened=opened)
    c = search_daily.c
    conn.execute(row.on_conflict_do_update(
        index_elements=[c.day, c.language, c.query],
        set_={"searches": c.searches + row.excluded.searches,
              "no_results": c.no_results + row.excluded.no_results,
              "opened": c.opened + row.excluded.opened}))


def _bump_opened(db: Database, conn: Connection, day: str, language: str, query: str,
                 target: str) -> None:
    row = db.insert(search_opened_daily).values(day=day, language=language, query=query,
                                                target=target, opens=1)
    c = search_opened_daily.c
    conn.execute(row.on_conflict_do_update(
        index_elements=[c.day, c.language, c.query, c.target], set_={"opens": c.opens + 1}))


def record(db: Database, event: SearchEvent, today: date) -> Outcome:
    """Count a search once, and its opened result once, however often the browser retries."""
    kind = personal_data_kind(event.query)
    if kind is not None:
        return Outcome(Recorded.DROPPED, f"looks like personal data ({kind})")
    day = today.isoformat()
    opened = 1 if event.opened else 0
    r = search_reports.c
    with db.transaction() as conn:
        conn.execute(delete(search_reports).where(
            r.day < (today - timedelta(days=REPORT_ID_DAYS)).isoformat()))
        new = conn.execute(
            db.insert(search_reports)
            .values(report_id=event.event_id, day=day, language=event.language,
                    query=event.query, opened=opened)
            .on_conflict_do_nothing(index_elements=[r.report_id])
            .returning(r.report_id)).first()
        if new is not None:
            _bump_daily(db, conn, day, event.language, event.query, 1,
                        int(event.results == 0), opened)
            if event.opened:
                _bump_opened(db, conn, day, event.language, event.query, event.opened)
            return Outcome(Recorded.COUNTED)
        if not event.opened:
            return Outcome(Recorded.DUPLICATE)
        # The search was counted earlier; now its reader opened a result. Only the first
        # report of an opening counts, and it counts for the search's own day and query.
        first = conn.execute(
            update(search_reports).where(r.report_id == event.event_id, r.opened == 0)
            .values(opened=1).returning(r.day, r.language, r.query)).first()
        if first is None:
            return Outcome(Recorded.DUPLICATE)
        first_day, language, query = first
        _bump_daily(db, conn, first_day, language, query, 0, 0, 1)
        _bump_opened(db, conn, first_day, language, query, event.opened)
        return Outcome(Recorded.OPENED)
