"""What the dashboard shows of search: top queries, queries without results, queries whose
results nobody opened, per language, each with what an author can do about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from helpcenter_server.db.database import Database
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


def _where(first_day: date | None, language: str | None) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if first_day is not None:
        clauses.append("day >= ?")
        params.append(first_day.isoformat())
    if language:
        clauses.append("language = ?")
        params.append(language)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def search_insights(db: Database, first_day: date | None, language: str | None,
                    limit: int = TOP) -> SearchInsights:
    where, params = _where(first_day, language)
    counts = db.read("SELECT language, query, sum(searches), sum(no_results), sum(opened)"
                     f" FROM search_daily{where} GROUP BY language, query", params)
    # Queries stored before hidden characters were removed on arrival read as they look.
    stats = [QueryStats(lang, visible(query), int(s), int(n), int(o))
             for lang, query, s, n, o in counts]
    targets: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for lang, query, target, opens in db.read(
        "SELECT language, query, target, sum(opens) FROM search_opened_daily"
        f"{where} GROUP BY language, query, target", params,
    ):
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
