"""The dashboard's CSV and JSON exports: exactly the rows its pages show, for staff only."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import (
    JSONResponse,
    Response,
)

from helpcenter_server.dashboard.auth import staff_data
from helpcenter_server.dashboard.feedback_views import feedback_rows
from helpcenter_server.dashboard.search_views import search_lists
from helpcenter_server.dashboard.sessions import Session
from helpcenter_server.insights.reports import QueryStats
from helpcenter_server.spreadsheet import csv_text
from helpcenter_server.votes.validation import REASONS


def csv_response(header: list[str], rows: list[list[object]], filename: str) -> Response:
    return Response(csv_text(header, rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


@staff_data
async def feedback_csv(request: Request, session: Session) -> Response:
    filters, rows = await feedback_rows(request)
    return csv_response(
        ["article", "language", "title", "yes", "no", "helpful_percent",
         *(f"reason_{r}" for r in REASONS), "comments", "last_vote"],
        [[r.article, r.language, r.title, r.yes, r.no, percent(r.helpful_percent),
          *(r.reasons[k] for k in REASONS), r.comments, r.last_vote] for r in rows],
        f"feedback-{filters.language or 'all'}-{filters.period}.csv")


@staff_data
async def feedback_json(request: Request, session: Session) -> Response:
    filters, rows = await feedback_rows(request)
    return JSONResponse({
        "filters": {"language": filters.language, "period": filters.period,
                    "sort": filters.sort, "since": filters.first_day and str(filters.first_day)},
        "articles": [{"article": r.article, "language": r.language, "title": r.title,
                      "yes": r.yes, "no": r.no, "helpful_percent": r.helpful_percent,
                      "reasons": r.reasons, "comments": r.comments, "last_vote": r.last_vote}
                     for r in rows]})



def query_row(s: QueryStats) -> list[object]:
    return [s.language, s.query, s.searches, s.no_results, s.opened, s.not_opened,
            "; ".join(f"{t} ({n})" for t, n in s.opened_targets)]


@staff_data
async def search_csv(request: Request, session: Session) -> Response:
    filters, insights = await search_lists(request)
    rows = ([["top", *query_row(s)] for s in insights.top]
            + [["no_results", *query_row(s)] for s in insights.without_results]
            + [["not_opened", *query_row(s)] for s in insights.not_opened])
    return csv_response(["list", "language", "query", "searches", "no_results", "opened",
                         "not_opened", "opened_pages"], rows,
                        f"search-{filters.language or 'all'}-{filters.period}.csv")


@staff_data
async def search_json(request: Request, session: Session) -> Response:
    filters, insights = await search_lists(request)

    def entries(items: list[QueryStats]) -> list[dict[str, object]]:
        return [{"language": s.language, "query": s.query, "searches": s.searches,
                 "no_results": s.no_results, "opened": s.opened, "not_opened": s.not_opened,
                 "opened_pages": [{"path": t, "opens": n} for t, n in s.opened_targets]}
                for s in items]

    return JSONResponse({"filters": {"language": filters.language, "period": filters.period},
                         "searches": insights.searches, "no_results": insights.no_results,
                         "opened": insights.opened, "top": entries(insights.top),
                         "without_results": entries(insights.without_results),
                         "not_opened": entries(insights.not_opened)})
