"""Feedback as the dashboard shows it, read through the one aggregation of votes
(`votes.tally`) with the dashboard's filters and sort orders."""

from __future__ import annotations

from helpcenter_server.dashboard.filters import Filters
from helpcenter_server.db.engine import Database
from helpcenter_server.votes.tally import (
    Comment,
    PageTally,
    VoteFilter,
    Week,
    comments_by_page,
    page_tallies,
    weekly,
)

ARTICLE_COMMENTS = 20


def vote_filter(filters: Filters, language: str | None = None,
                article: str | None = None) -> VoteFilter:
    return VoteFilter(filters.since, language or filters.language, article)


def sort_rows(rows: list[PageTally], sort: str) -> list[PageTally]:
    by_name = sorted(rows, key=lambda r: (r.article, r.language))
    if sort == "most-votes":
        return sorted(by_name, key=lambda r: -r.votes)
    if sort == "least-helpful":
        # Pages without votes have no percentage and go last; among equals, more "no" first.
        return sorted(by_name, key=lambda r: (r.helpful_percent is None,
                                              r.helpful_percent or 0.0, -r.no))
    return by_name


def article_rows(db: Database, filters: Filters,
                 titles: dict[tuple[str, str], str]) -> list[PageTally]:
    with db.snapshot() as conn:
        rows = page_tallies(conn, vote_filter(filters), titles=titles)
    return sort_rows(rows, filters.sort)


def weekly_trend(db: Database, filters: Filters, language: str | None = None,
                 article: str | None = None) -> list[Week]:
    """Votes per ISO week (Monday to Sunday, UTC) over the period, empty weeks included."""
    with db.snapshot() as conn:
        return weekly(conn, vote_filter(filters, language, article), filters.first_day,
                      filters.today)


def latest_comments(db: Database, filters: Filters, language: str, article: str,
                    limit: int = ARTICLE_COMMENTS) -> list[Comment]:
    with db.snapshot() as conn:
        found = comments_by_page(conn, vote_filter(filters, language, article), limit)
    return found.get((article, language), [])
