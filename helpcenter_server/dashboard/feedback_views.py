"""The feedback pages: every article's votes over a period, and one article's own page."""

from __future__ import annotations

from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import (
    Response,
)

from helpcenter_server.dashboard.auth import staff_page
from helpcenter_server.dashboard.charts import reasons_chart, trend_chart
from helpcenter_server.dashboard.filters import Filters
from helpcenter_server.dashboard.pages import REASON_LABELS, admin_of, filters_of, render
from helpcenter_server.dashboard.queries import article_rows, latest_comments, weekly_trend
from helpcenter_server.dashboard.sessions import Session
from helpcenter_server.votes.tally import PageTally, helpful_percent

# Feedback


async def feedback_rows(request: Request) -> tuple[Filters, list[PageTally]]:
    admin = admin_of(request)
    filters = filters_of(request)
    rows = await anyio.to_thread.run_sync(article_rows, admin.db, filters, admin.titles())
    return filters, rows


def totals(rows: list[PageTally]) -> dict[str, Any]:
    yes, no = sum(r.yes for r in rows), sum(r.no for r in rows)
    return {"votes": yes + no, "yes": yes, "no": no, "comments": sum(r.comments for r in rows),
            "helpful_percent": helpful_percent(yes, no)}


@staff_page
async def feedback_page(request: Request, session: Session) -> Response:
    admin = admin_of(request)
    filters, rows = await feedback_rows(request)
    weeks = await anyio.to_thread.run_sync(weekly_trend, admin.db, filters)
    return render(request, "feedback.html", session=session, title="Reader feedback",
                  filters=filters, rows=rows, totals=totals(rows), weeks=weeks,
                  chart=trend_chart(weeks))


@staff_page
async def article_page(request: Request, session: Session) -> Response:
    admin = admin_of(request)
    language, article = request.path_params["language"], request.path_params["article"]
    title = admin.titles().get((article, language))
    if title is None:
        return render(request, "message.html", 404, session=session, title="No such article",
                      message=f"There is no article {article!r} in language {language!r}.")
    filters = filters_of(request)
    rows = await anyio.to_thread.run_sync(
        article_rows, admin.db, Filters(language, filters.period, filters.sort, filters.today),
        admin.titles())
    row = next((r for r in rows if r.article == article),
               PageTally(article, language, title))
    weeks = await anyio.to_thread.run_sync(weekly_trend, admin.db, filters, language, article)
    comments = await anyio.to_thread.run_sync(latest_comments, admin.db, filters, language,
                                              article)
    return render(request, "article.html", session=session, title=title, filters=filters,
                  row=row, weeks=weeks, chart=trend_chart(weeks), comments=comments,
                  reasons=reasons_chart(row.reasons, REASON_LABELS))
