"""The one aggregation of votes, per article and language: yes and no, the helpful percentage,
the reasons given with a "No", comments, votes per week and the latest comments.

The CLI report, the report API and the dashboard all read votes through here, inside one
`Database.snapshot()`, so they count alike on SQLite and PostgreSQL. Weeks are counted in Python
from per-day counts (`utc_day`), so both engines agree on them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, func, select, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Text

from helpcenter_server.db.schema import votes
from helpcenter_server.db.times import iso
from helpcenter_server.invisible import visible
from helpcenter_server.votes.validation import REASONS

MAX_WEEKS = 106


def helpful_percent(yes: int, no: int) -> float | None:
    return round(100 * yes / (yes + no), 1) if yes + no else None


class Tally:
    """Yes and no votes, of a page or a week, and what they add up to."""

    yes: int
    no: int

    @property
    def votes(self) -> int:
        return self.yes + self.no

    @property
    def helpful_percent(self) -> float | None:
        return helpful_percent(self.yes, self.no)


@dataclass(frozen=True)
class Comment:
    received_at: str
    reason: str | None
    text: str


@dataclass
class PageTally(Tally):
    article: str
    language: str
    title: str = ""
    yes: int = 0
    no: int = 0
    comments: int = 0
    last_vote: str = ""
    reasons: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REASONS, 0))
    latest_comments: list[Comment] = field(default_factory=list)


@dataclass(frozen=True)
class Week(Tally):
    start: date
    yes: int
    no: int

    @property
    def label(self) -> str:
        year, week, _ = self.start.isocalendar()
        return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class VoteFilter:
    """Which votes count: since a moment, in one language, for one article (None: all)."""

    since: datetime | None = None
    language: str | None = None
    article: str | None = None

    def clause(self) -> ColumnElement[bool]:
        clauses: list[ColumnElement[bool]] = []
        if self.since is not None:
            clauses.append(votes.c.received_at >= self.since)
        if self.language:
            clauses.append(votes.c.language == self.language)
        if self.article:
            clauses.append(votes.c.article == self.article)
        return and_(true(), *clauses)


class utc_day(FunctionElement[str]):
    """The UTC day (YYYY-MM-DD text) of a vote's time, in each engine's own words."""

    type = Text()
    inherit_cache = True


@compiles(utc_day, "sqlite")
def _utc_day_sqlite(element: utc_day, compiler: SQLCompiler, **kw: Any) -> str:
    # The time is ISO text in UTC: its first ten characters are the day.
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 10)"


@compiles(utc_day, "postgresql")
def _utc_day_postgresql(element: utc_day, compiler: SQLCompiler, **kw: Any) -> str:
    return (f"to_char(({compiler.process(element.clauses, **kw)}) AT TIME ZONE 'UTC',"
            " 'YYYY-MM-DD')")


def _count(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def page_tallies(conn: Connection, where: VoteFilter = VoteFilter(), *,
                 latest_comments: int = 0,
                 titles: Mapping[tuple[str, str], str] | None = None) -> list[PageTally]:
    """Every page with votes that `where` lets count, by article and language, with up to
    `latest_comments` comments each, newest first."""
    pages: dict[tuple[str, str], PageTally] = {}

    def page(article: str, language: str) -> PageTally:
        key = (article, language)
        if key not in pages:
            title = (titles or {}).get(key, article)
            pages[key] = PageTally(article, language, title)
        return pages[key]

    counts = select(
        votes.c.article, votes.c.language, _count(votes.c.vote == "yes"),
        _count(votes.c.vote == "no"), _count(votes.c.comment.is_not(None)),
        func.max(votes.c.received_at),
    ).where(where.clause()).group_by(votes.c.article, votes.c.language)
    for article, language, yes, no, comments, last in conn.execute(counts):
        p = page(article, language)
        p.yes, p.no, p.comments, p.last_vote = int(yes), int(no), int(comments), iso(last)
    reasons = select(votes.c.article, votes.c.language, votes.c.reason, func.count()).where(
        where.clause(), votes.c.vote == "no", votes.c.reason.is_not(None),
    ).group_by(votes.c.article, votes.c.language, votes.c.reason)
    for article, language, reason, n in conn.execute(reasons):
        if reason in REASONS:
            page(article, language).reasons[reason] = int(n)
    if latest_comments > 0:
        for key, found in comments_by_page(conn, where, latest_comments).items():
            page(*key).latest_comments = found
    return sorted(pages.values(), key=lambda p: (p.article, p.language))


def comments_by_page(conn: Connection, where: VoteFilter,
                     limit: int) -> dict[tuple[str, str], list[Comment]]:
    """Up to `limit` comments given with a "No" per page, newest first, as staff read them."""
    nth = func.row_number().over(partition_by=(votes.c.article, votes.c.language),
                                 order_by=(votes.c.received_at.desc(), votes.c.vote_id))
    ranked = select(votes.c.article, votes.c.language, votes.c.received_at, votes.c.reason,
                    votes.c.comment, votes.c.vote_id, nth.label("nth")).where(
        where.clause(), votes.c.vote == "no", votes.c.comment.is_not(None)).subquery()
    rows = conn.execute(
        select(ranked.c.article, ranked.c.language, ranked.c.received_at, ranked.c.reason,
               ranked.c.comment)
        .where(ranked.c.nth <= limit)
        .order_by(ranked.c.received_at.desc(), ranked.c.vote_id))
    found: dict[tuple[str, str], list[Comment]] = {}
    for article, language, received_at, reason, text in rows:
        found.setdefault((article, language), []).append(
            Comment(iso(received_at), reason, visible(text)))
    return found


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly(conn: Connection, where: VoteFilter, first_day: date | None,
           last_day: date) -> list[Week]:
    """Votes per ISO week (Monday to Sunday, UTC) from `first_day` (None: the first vote's) to
    `last_day`, empty weeks included, at most MAX_WEEKS."""
    day = utc_day(votes.c.received_at)
    counts: dict[date, dict[str, int]] = {}
    for day_text, vote, n in conn.execute(
        select(day, votes.c.vote, func.count()).where(where.clause()).group_by(day, votes.c.vote),
    ):
        week = counts.setdefault(monday(date.fromisoformat(day_text)), {"yes": 0, "no": 0})
        week[vote] = week.get(vote, 0) + int(n)
    last = monday(last_day)
    first = monday(first_day) if first_day else min(counts, default=last)
    first = max(first, last - timedelta(weeks=MAX_WEEKS - 1))
    weeks = []
    start = first
    while start <= last:
        c = counts.get(start, {})
        weeks.append(Week(start, c.get("yes", 0), c.get("no", 0)))
        start += timedelta(weeks=1)
    return weeks
