"""Feedback as the dashboard shows it: per article and language, per week, reasons, comments.

Only portable SQL; the one engine difference (the UTC day of a vote time) comes from
`Database.utc_day`. Weeks are counted in Python from per-day counts, so both engines agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from helpcenter_server.dashboard.filters import Filters
from helpcenter_server.db.database import Database, as_text_time
from helpcenter_server.invisible import visible
from helpcenter_server.votes.validation import REASONS

MAX_WEEKS = 106


def helpful_percent(yes: int, no: int) -> float | None:
    return round(100 * yes / (yes + no), 1) if yes + no else None


class Tally:
    """Yes and no votes, of an article or a week, and what they add up to."""

    yes: int
    no: int

    @property
    def votes(self) -> int:
        return self.yes + self.no

    @property
    def helpful_percent(self) -> float | None:
        return helpful_percent(self.yes, self.no)


@dataclass
class ArticleRow(Tally):
    article: str
    language: str
    title: str
    yes: int = 0
    no: int = 0
    comments: int = 0
    last_vote: str = ""
    reasons: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REASONS, 0))


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
class Comment:
    received_at: str
    reason: str | None
    text: str


def _where(filters: Filters, language: str | None = None,
           article: str | None = None) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if filters.since is not None:
        clauses.append("received_at >= ?")
        params.append(filters.since)
    language = language or filters.language
    if language:
        clauses.append("language = ?")
        params.append(language)
    if article:
        clauses.append("article = ?")
        params.append(article)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def sort_rows(rows: list[ArticleRow], sort: str) -> list[ArticleRow]:
    by_name = sorted(rows, key=lambda r: (r.article, r.language))
    if sort == "most-votes":
        return sorted(by_name, key=lambda r: -r.votes)
    if sort == "least-helpful":
        # Pages without votes have no percentage and go last; among equals, more "no" first.
        return sorted(by_name, key=lambda r: (r.helpful_percent is None,
                                              r.helpful_percent or 0.0, -r.no))
    return by_name


def article_rows(db: Database, filters: Filters,
                 titles: dict[tuple[str, str], str]) -> list[ArticleRow]:
    where, params = _where(filters)
    rows: dict[tuple[str, str], ArticleRow] = {}

    def row(article: str, language: str) -> ArticleRow:
        key = (article, language)
        if key not in rows:
            rows[key] = ArticleRow(article, language, titles.get(key, article))
        return rows[key]

    for article, language, yes, no, comments, last in db.read(
        "SELECT article, language,"
        " sum(CASE WHEN vote = 'yes' THEN 1 ELSE 0 END),"
        " sum(CASE WHEN vote = 'no' THEN 1 ELSE 0 END),"
        " sum(CASE WHEN comment IS NOT NULL THEN 1 ELSE 0 END), max(received_at)"
        f" FROM votes{where} GROUP BY article, language", params,
    ):
        r = row(article, language)
        r.yes, r.no, r.comments, r.last_vote = int(yes), int(no), int(comments), as_text_time(last)
    reason_where = where + (" AND" if where else " WHERE") + " vote = 'no' AND reason IS NOT NULL"
    for article, language, reason, n in db.read(
        f"SELECT article, language, reason, count(*) FROM votes{reason_where}"
        " GROUP BY article, language, reason", params,
    ):
        if reason in REASONS:
            row(article, language).reasons[reason] = int(n)
    return sort_rows(list(rows.values()), filters.sort)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_trend(db: Database, filters: Filters, language: str | None = None,
                 article: str | None = None) -> list[Week]:
    """Votes per ISO week (Monday to Sunday, UTC) over the period, empty weeks included."""
    where, params = _where(filters, language, article)
    day = db.utc_day("received_at")
    counts: dict[date, dict[str, int]] = {}
    for day_text, vote, n in db.read(
        f"SELECT {day}, vote, count(*) FROM votes{where} GROUP BY {day}, vote", params,
    ):
        week = counts.setdefault(monday(date.fromisoformat(day_text)), {"yes": 0, "no": 0})
        week[vote] = week.get(vote, 0) + int(n)
    last = monday(filters.today)
    first = monday(filters.first_day) if filters.first_day else min(counts, default=last)
    first = max(first, last - timedelta(weeks=MAX_WEEKS - 1))
    weeks = []
    start = first
    while start <= last:
        c = counts.get(start, {})
        weeks.append(Week(start, c.get("yes", 0), c.get("no", 0)))
        start += timedelta(weeks=1)
    return weeks


def latest_comments(db: Database, filters: Filters, language: str, article: str,
                    limit: int = 20) -> list[Comment]:
    where, params = _where(filters, language, article)
    return [Comment(as_text_time(at), reason, visible(text)) for at, reason, text in db.read(
        f"SELECT received_at, reason, comment FROM votes{where}"
        " AND vote = 'no' AND comment IS NOT NULL ORDER BY received_at DESC LIMIT ?",
        [*params, limit],
    )]
