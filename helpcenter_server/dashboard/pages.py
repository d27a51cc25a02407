"""What every dashboard page shares: its settings in `app.state.admin`, the templates, and
the pages for "try again" and "the dashboard is off"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    Response,
)

from helpcenter_server.dashboard.accounts import Accounts
from helpcenter_server.dashboard.brake import SignInBrake
from helpcenter_server.dashboard.filters import PERIODS, SORTS, Filters, read_filters
from helpcenter_server.dashboard.sessions import Sessions
from helpcenter_server.dashboard.signing import Signer
from helpcenter_server.db.engine import Database
from helpcenter_server.manifest import Manifest
from helpcenter_server.web.ratelimit import RateLimiter

HERE = Path(__file__).parent
SIGN_IN_ATTEMPTS_PER_MINUTE = 20
REASON_LABELS = {"unclear": "Unclear", "outdated": "Out of date",
                 "not_answered": "Did not answer the question", "other": "Other"}

TEMPLATES = Environment(loader=FileSystemLoader(HERE / "templates"),
                        autoescape=select_autoescape(["html", "svg"], default=True),
                        trim_blocks=True, lstrip_blocks=True)


@dataclass
class AdminSettings:
    accounts: Accounts
    db: Database
    sessions: Sessions
    brake: SignInBrake
    signer: Signer
    manifest: Manifest
    """The build's articles: their titles, languages and paths."""
    secure_cookies: bool = False
    """Mark cookies Secure even when the request looks like plain HTTP (TLS ends at a proxy
    that does not forward X-Forwarded-Proto)."""
    limiter: RateLimiter = field(default_factory=lambda: RateLimiter(SIGN_IN_ATTEMPTS_PER_MINUTE))
    today: Callable[[], date] = lambda: datetime.now(UTC).date()

    def titles(self) -> dict[tuple[str, str], str]:
        """(article, language) -> title, from the build's article manifest."""
        return self.manifest.titles

    def languages(self) -> list[str]:
        return sorted({lang for _, lang in self.titles()})


def admin_of(request: Request) -> AdminSettings:
    admin: AdminSettings = request.app.state.admin
    return admin


def language_name(code: str) -> str:
    try:
        return f"{Locale.parse(code).get_display_name('en')} ({code})"
    except (ValueError, UnknownLocaleError):
        return code


def render(request: Request, template: str, status: int = 200,
           headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
    admin = admin_of(request)
    html = TEMPLATES.get_template(template).render(
        request=request, path=request.url.path, language_name=language_name,
        reason_labels=REASON_LABELS, periods=PERIODS, sorts=SORTS,
        languages=admin.languages(), **context)
    return HTMLResponse(html, status_code=status,
                        headers={"Cache-Control": "no-store", **(headers or {})})




def unavailable(request: Request) -> Response:
    return render(request, "message.html", 503, {"Retry-After": "5"}, session=None,
                  title="Try again shortly",
                  message="The feedback database does not answer right now. Reload in a moment.")



def disabled(request: Request) -> Response:
    return render(request, "message.html", 404, session=None, title="The dashboard is off",
                  message="No staff accounts are configured. Set FEEDBACK_ADMIN_USERS_FILE "
                          "(see README, “Feedback dashboard”) and restart the service.")



def filters_of(request: Request) -> Filters:
    admin = admin_of(request)
    return read_filters(request.query_params, admin.languages(), admin.today())
