"""Who may see the dashboard: the session gate every page and export passes, sign-in with its
form token (CSRF), the brake on guessing, the known-browser cookie, and sign-out.

Every page and export except the sign-in page and the stylesheet needs a staff session: a page
without one redirects to the sign-in page, an export (CSV, JSON) answers 401. Nothing is read
from the database before the session is checked.
"""

from __future__ import annotations

import hmac
import math
import secrets
import time
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qsl, quote, urlsplit

import anyio
from starlette.requests import ClientDisconnect, Request
from starlette.responses import (
    JSONResponse,
    RedirectResponse,
    Response,
)

from helpcenter_server.dashboard.accounts import normalise_username
from helpcenter_server.dashboard.brake import Braked
from helpcenter_server.dashboard.filters import BadFilter
from helpcenter_server.dashboard.pages import AdminSettings, admin_of, disabled, render, unavailable
from helpcenter_server.dashboard.sessions import Session
from helpcenter_server.db.errors import StoreUnavailable
from helpcenter_server.web.intake import read_limited
from helpcenter_server.web.ratelimit import retry_after_header

SESSION_COOKIE = "hc_admin_session"
SIGN_IN_COOKIE = "hc_admin_signin"
KNOWN_BROWSER_COOKIE = "hc_admin_browser"
SIGN_IN_FORM_SECONDS = 12 * 3600
KNOWN_BROWSER_SECONDS = 90 * 24 * 3600
COOKIE_PATH = "/admin"
MAX_FORM_BYTES = 4096


def is_https(request: Request) -> bool:
    return request.url.scheme == "https" or admin_of(request).secure_cookies


def set_cookie(request: Request, response: Response, name: str, value: str,
               max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age, path=COOKIE_PATH, secure=is_https(request),
                        httponly=True, samesite="strict")


def same_origin(request: Request) -> bool:
    """A form post from this dashboard, not from another site (checked besides the token)."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True  # an older client: the form's token still has to match
    return origin == f"{request.url.scheme}://{request.url.netloc}"


async def session_of(request: Request) -> Session | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    return await anyio.to_thread.run_sync(admin_of(request).sessions.find, token)



Handler = Callable[[Request, Session], Awaitable[Response]]


def staff_page(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    async def page(request: Request) -> Response:
        if not admin_of(request).accounts.enabled:
            return disabled(request)
        try:
            session = await session_of(request)
            if session is None:
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse(f"/admin/sign-in?next={quote(target, safe='')}", 303,
                                        headers={"Cache-Control": "no-store"})
            return await handler(request, session)
        except StoreUnavailable:
            return unavailable(request)
        except BadFilter as exc:
            return render(request, "message.html", 400, session=await session_of(request),
                          title="That filter does not exist", message=str(exc))
    return page


def staff_data(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    async def data(request: Request) -> Response:
        if not admin_of(request).accounts.enabled:
            return JSONResponse({"error": "the dashboard is off: no staff accounts configured"},
                                404, headers={"Cache-Control": "no-store"})
        try:
            session = await session_of(request)
            if session is None:
                return JSONResponse({"error": "sign in at /admin/sign-in first"}, 401, headers={
                    "WWW-Authenticate": 'Cookie realm="staff dashboard"',
                    "Cache-Control": "no-store"})
            response = await handler(request, session)
        except StoreUnavailable:
            return JSONResponse({"error": "the database does not answer; retry later"}, 503,
                                headers={"Retry-After": "5", "Cache-Control": "no-store"})
        except BadFilter as exc:
            return JSONResponse({"error": str(exc)}, 400, headers={"Cache-Control": "no-store"})
        response.headers["Cache-Control"] = "no-store"
        return response
    return data



# Sign-in and sign-out


def safe_next(target: str | None) -> str:
    """Only a dashboard page, never another site (no open redirect): the path, its dot segments
    resolved as a browser would resolve them (`%2e` too), must stay under /admin/."""
    if (not target or "\\" in target or not target.startswith("/")
            or any(ch < " " or ch == "\x7f" for ch in target)):
        return "/admin/"
    parts = urlsplit(target)
    path = without_dot_segments(parts.path)
    if parts.scheme or parts.netloc or not path.startswith("/admin/"):
        return "/admin/"
    return path + (f"?{parts.query}" if parts.query else "")


def without_dot_segments(path: str) -> str:
    """`path` with "." and ".." resolved (RFC 3986, section 5.2.4) and empty segments dropped."""
    kept: list[str] = []
    segments = path.split("/")
    for segment in segments:
        dots = segment.lower().replace("%2e", ".")
        if dots == "..":
            if kept:
                kept.pop()
        elif dots not in (".", ""):
            kept.append(segment)
    folder = segments[-1].lower().replace("%2e", ".") in ("", ".", "..")
    return "/" + "/".join(kept) + ("/" if folder and kept else "")


def sign_in_token(admin: AdminSettings) -> str:
    """A sign-in form token only this server can make: when it was issued, a nonce, the MAC."""
    return admin.signer.token("sign-in form", (str(int(time.time())), secrets.token_urlsafe(16)))


def valid_sign_in_token(admin: AdminSettings, token: str) -> bool:
    fields = admin.signer.fields("sign-in form", token, 2)
    if fields is None or not fields[0].isdigit():
        return False
    return 0 <= time.time() - int(fields[0]) <= SIGN_IN_FORM_SECONDS


def known_browser(admin: AdminSettings, request: Request, account: str) -> str | None:
    """The id of this browser if `account` signed in from it before (its signed cookie)."""
    fields = admin.signer.fields("known browser", request.cookies.get(KNOWN_BROWSER_COOKIE, ""),
                                 1, bound=(account,))
    return fields[0] if fields else None


async def sign_in_form(request: Request, *, status: int = 200, error: str | None = None,
                       username: str = "", headers: dict[str, str] | None = None,
                       next_path: str | None = None) -> Response:
    admin = admin_of(request)
    if not admin.accounts.enabled:
        return disabled(request)
    token = request.cookies.get(SIGN_IN_COOKIE) or ""
    if not valid_sign_in_token(admin, token):
        token = sign_in_token(admin)
    notice = "You are signed out." if request.query_params.get("signed-out") else None
    response = render(request, "sign_in.html", status, headers, session=None, title="Sign in",
                      csrf=token, error=error, notice=notice, username=username,
                      next=safe_next(next_path or request.query_params.get("next")))
    set_cookie(request, response, SIGN_IN_COOKIE, token)
    return response


async def get_sign_in(request: Request) -> Response:
    try:
        if await session_of(request):
            return RedirectResponse(safe_next(request.query_params.get("next")), 303)
    except StoreUnavailable:
        return unavailable(request)
    return await sign_in_form(request)


async def read_form(request: Request) -> dict[str, str] | None:
    """The fields of a small url-encoded form (the dashboard's forms send nothing else), or
    None when the body is too large or not a form."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return None
    try:
        body = await read_limited(request, MAX_FORM_BYTES)
        if body is None:
            return None
        return dict(parse_qsl(body.decode("utf-8"), max_num_fields=10))
    except (ClientDisconnect, UnicodeDecodeError, ValueError):
        return None


def braked_message(braked: Braked) -> str:
    if braked.capped:
        minutes = math.ceil(braked.seconds / 60)
        return ("Too many failed sign-ins for this account from browsers it has not signed in "
                "from before. Sign in from a browser you have used for the dashboard, or wait "
                f"{minutes} minutes.")
    return f"Too many failed sign-ins. Wait {retry_after_header(braked.seconds)} seconds, then " \
        "try again."


async def post_sign_in(request: Request) -> Response:
    admin = admin_of(request)
    if not admin.accounts.enabled:
        return disabled(request)
    if not same_origin(request):
        return render(request, "message.html", 403, session=None, title="Refused",
                      message="This sign-in did not come from the dashboard's own page.")
    form = await read_form(request)
    if form is None:
        return await sign_in_form(request, status=400, error="That was not the sign-in form.")
    cookie = request.cookies.get(SIGN_IN_COOKIE, "")
    if not valid_sign_in_token(admin, cookie) or not hmac.compare_digest(
            form.get("csrf", "").encode(), cookie.encode()):
        return await sign_in_form(request, status=403, error="The sign-in form had expired. "
                                  "Please enter your username and password again.")
    next_path = safe_next(form.get("next"))
    typed = form.get("username", "")

    def again(status: int, error: str, wait: float | None = None) -> Awaitable[Response]:
        """The form once more, with what was typed (but the password) and why."""
        return sign_in_form(request, status=status, error=error, username=typed[:64],
                            next_path=next_path,
                            headers={"Retry-After": retry_after_header(wait)} if wait else None)

    # Every name no account can have shares one count ("").
    account = normalise_username(typed) or ""
    address = request.client.host if request.client else "unknown"
    if wait := admin.limiter.check(address):
        return await again(429, braked_message(Braked(wait)), wait)
    browser = known_browser(admin, request, account)
    client = f"browser:{browser}" if browser else f"address:{admin.signer.digest('ip', address)}"
    try:
        attempt = await anyio.to_thread.run_sync(admin.brake.reserve, account, client,
                                                 browser is None)
        if isinstance(attempt, Braked):
            return await again(429, braked_message(attempt), attempt.seconds)
        name = await anyio.to_thread.run_sync(admin.accounts.verify, account,
                                              form.get("password", ""))
        if name is None:
            return await again(401, "Wrong username or password.")
        await anyio.to_thread.run_sync(admin.brake.succeeded, attempt)
        token, _ = await anyio.to_thread.run_sync(admin.sessions.create, name)
    except StoreUnavailable:
        return unavailable(request)
    response = RedirectResponse(next_path, 303,
                                headers={"Cache-Control": "no-store"})
    set_cookie(request, response, SESSION_COOKIE, token)
    set_cookie(request, response, KNOWN_BROWSER_COOKIE,
               admin.signer.token("known browser", (browser or secrets.token_urlsafe(16),),
                                  bound=(name,)), max_age=KNOWN_BROWSER_SECONDS)
    response.delete_cookie(SIGN_IN_COOKIE, path=COOKIE_PATH, secure=is_https(request),
                           httponly=True, samesite="strict")
    return response


async def post_sign_out(request: Request) -> Response:
    admin = admin_of(request)
    if not same_origin(request):
        return render(request, "message.html", 403, session=None, title="Refused",
                      message="This sign-out did not come from the dashboard's own page.")
    form = await read_form(request) or {}
    token = request.cookies.get(SESSION_COOKIE, "")
    try:
        session = await session_of(request)
        if session is not None:
            if not hmac.compare_digest(form.get("csrf", "").encode(), session.csrf.encode()):
                return render(request, "message.html", 403, session=session, title="Refused",
                              message="The sign-out form had expired; reload and try again.")
            await anyio.to_thread.run_sync(admin.sessions.delete, token)
    except StoreUnavailable:
        return unavailable(request)
    response = RedirectResponse("/admin/sign-in?signed-out=1", 303,
                                headers={"Cache-Control": "no-store"})
    response.delete_cookie(SESSION_COOKIE, path=COOKIE_PATH, secure=is_https(request),
                           httponly=True, samesite="strict")
    return response
