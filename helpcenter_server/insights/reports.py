"""What the dashboard shows of search: top queries, queries without results, queries whose
results nobody opened, per language, each with what an author can do about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, Table, and_, func, select, true

from helpcenter_server.db.engine import Database
from helpcenter_server.db.schema import search_daily, search_opened_daily
from helpcenter_server.invisible import visible

TOP = 25


@dataclass
class QueryStats:
    language: str
    query: str
    searches: int
    no_results: int
    opened: int
    opened_targets: list[tuple[str, int]] = field(default_factory=list)

    @property
    def with_results(self) -> int:
        return self.searches - self.no_results

    @property
    def not_opened(self) -> int:
        return max(0, self.with_results - self.opened)

    @property
    def open_percent(self) -> float | None:
        return round(100 * self.opened / self.with_results, 1) if self.with_results else None


@dataclass
class SearchInsights:
    searches: int
    no_results: int
    opened: int
    top: list[QueryStats]
    without_results: list[QueryStats]
    not_opened: list[QueryStats]


def _where(table: Table, first_day: date | None, language: str | None) -> ColumnElement[bool]:
    clauses: list[ColumnElement[bool]] = []
    if first_day is not None:
        clauses.append(table.c.day >= first_day.isoformat())
    if language:
        clauses.append(table.c.language == language)
    return and_(true(), *clauses)


def search_insights(db: Database, first_day: date | None, language: str | None,
                    limit: int = TOP) -> SearchInsights:
    d, o = search_daily.c, search_opened_daily.c
    with db.snapshot() as conn:
        counts = conn.execute(
            select(d.language, d.query, func.sum(d.searches), func.sum(d.no_results),
                   func.sum(d.opened))
            .where(_where(search_daily, first_day, language)).group_by(d.language, d.query)
        ).all()
        opened = conn.execute(
            select(o.language, o.query, o.target, func.sum(o.opens))
            .where(_where(search_opened_daily, first_day, language))
            .group_by(o.language, o.query, o.target)
        ).all()
    # Queries stored before hidden characters were removed on arrival read as they look.
    stats = [QueryStats(lang, visible(query), int(s), int(n), int(op))
             for lang, query, s, n, op in counts]
    targets: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for lang, query, target, opens in opened:
        targets.setdefault((lang, visible(query)), []).append((target, int(opens)))
    for s in stats:
        s.opened_targets = sorted(targets.get((s.language, s.query), []),
                                  key=lambda t: (-t[1], t[0]))
    by_name = sorted(stats, key=lambda s: (s.language, s.query))
    top = sorted(by_name, key=lambda s: -s.searches)[:limit]
    without = sorted((s for s in by_name if s.no_results),
                     key=lambda s: -s.no_results)[:limit]
    unopened = sorted((s for s in by_name if s.not_opened),
                      key=lambda s: (-s.not_opened, s.open_percent or 0.0))[:limit]
    return SearchInsights(sum(s.searches for s in stats), sum(s.no_results for s in stats),
                          sum(s.opened for s in stats), top, without, unopened)
