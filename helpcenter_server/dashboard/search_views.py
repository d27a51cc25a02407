"""The search page: what readers searched for, found nothing for, or did not open."""

from __future__ import annotations

import anyio
from starlette.requests import Request
from starlette.responses import (
    Response,
)

from helpcenter_server.dashboard.auth import staff_page
from helpcenter_server.dashboard.filters import Filters
from helpcenter_server.dashboard.pages import AdminSettings, admin_of, filters_of, render
from helpcenter_server.dashboard.sessions import Session
from helpcenter_server.insights.reports import SearchInsights, search_insights

# Search


def article_title(admin: AdminSettings, path: str) -> str | None:
    """The title of the article at `path`, None for a path that is no article of this build
    (shown as text, never as a link)."""
    article = admin.manifest.paths.get(path)
    return admin.titles().get(article) if article else None


async def search_lists(request: Request) -> tuple[Filters, SearchInsights]:
    admin = admin_of(request)
    filters = filters_of(request)
    insights = await anyio.to_thread.run_sync(search_insights, admin.db, filters.first_day,
                                              filters.language)
    return filters, insights


@staff_page
async def search_page(request: Request, session: Session) -> Response:
    admin = admin_of(request)
    filters, insights = await search_lists(request)
    return render(request, "search.html", session=session, title="What readers search for",
                  filters=filters, insights=insights,
                  article_title=lambda path: article_title(admin, path))
