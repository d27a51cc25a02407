"""The dashboard's filters, read from the query string: language, period and sort order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from starlette.datastructures import QueryParams

PERIODS = {"7": "Last 7 days", "30": "Last 30 days", "90": "Last 90 days",
           "365": "Last 12 months", "all": "All time"}
DEFAULT_PERIOD = "90"
SORTS = {"least-helpful": "Least helpful first", "most-votes": "Most votes first",
         "article": "Article A to Z"}
DEFAULT_SORT = "least-helpful"


class BadFilter(ValueError):
    pass


@dataclass(frozen=True)
class Filters:
    language: str | None
    period: str
    sort: str
    today: date

    @property
    def first_day(self) -> date | None:
        if self.period == "all":
            return None
        return self.today - timedelta(days=int(self.period) - 1)

    @property
    def since(self) -> datetime | None:
        day = self.first_day
        return None if day is None else datetime.combine(day, time(), tzinfo=UTC)

    def query(self, **changes: str) -> str:
        """This filter as a query string, with some values changed (for links and exports)."""
        values = {"language": self.language or "", "period": self.period, "sort": self.sort}
        values.update(changes)
        return "&".join(f"{k}={v}" for k, v in values.items() if v)


def read_filters(params: QueryParams, languages: list[str], today: date) -> Filters:
    language = params.get("language") or None
    if language is not None and language not in languages:
        raise BadFilter(f"unknown language {language[:20]!r}: choose one of "
                        f"{', '.join(languages)} or all languages")
    period = params.get("period") or DEFAULT_PERIOD
    if period not in PERIODS:
        raise BadFilter(f"unknown period {period[:20]!r}: choose one of {', '.join(PERIODS)}")
    sort = params.get("sort") or DEFAULT_SORT
    if sort not in SORTS:
        raise BadFilter(f"unknown sort {sort[:20]!r}: choose one of {', '.join(SORTS)}")
    return Filters(language, period, sort, today)
