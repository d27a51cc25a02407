"""A staff session is worth no more than the account behind it: removing someone or changing
their password ends their sessions on every instance; the sign-in form's token comes from the
server; after signing in, staff land only on a dashboard page."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

from helpcenter_server.app import create_app
from tests.support.dashboard import CSRF_FIELD, browser, service_instance, sign_in, write_accounts

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ANNA, BOB = "anna's long password", "bob's long password"


def signed_in(app: Any, username: str, password: str) -> str:
    """The session cookie of a browser that signed in as `username`."""
    c = browser(app)
    assert sign_in(c, username=username, password=password).status_code == 303
    token = c.cookies.get("hc_admin_session")
    assert token
    return token


def can_read(app: Any, token: str) -> bool:
    """Whether a browser with this session cookie sees the dashboard and its exports."""
    c = browser(app)
    c.cookies.set("hc_admin_session", token, path="/admin")
    page = c.get("/admin/", follow_redirects=False).status_code
    export = c.get("/admin/search.csv").status_code
    assert (page == 200) == (export == 200), (page, export)
    return page == 200


@pytest.mark.parametrize("change", ["removed", "new password"])
def test_removing_an_account_or_changing_its_password_ends_its_sessions_everywhere(
        site_dir: Path, db: str, tmp_path: Path, change: str) -> None:
    accounts = write_accounts(tmp_path / "staff", {"anna": ANNA, "bob": BOB})
    with service_instance(site_dir, db, accounts) as first:
        bobs = signed_in(first, "bob", BOB)
        annas = signed_in(first, "anna", ANNA)
        assert can_read(first, bobs)
    # The operator edits bob's line and restarts; the session was made on another instance.
    annas_line, _ = accounts.read_text().splitlines()
    bobs_new_line = write_accounts(tmp_path / "new", {"bob": "bob's new password"}).read_text()
    accounts.write_text(annas_line + "\n" + (bobs_new_line if change == "new password" else ""))
    with service_instance(site_dir, db, accounts) as second:
        assert not can_read(second, bobs)
        assert can_read(second, annas)  # untouched accounts keep their sessions


def test_a_session_is_refused_by_an_instance_whose_accounts_no_longer_match(
        site_dir: Path, db: str, tmp_path: Path) -> None:
    old = write_accounts(tmp_path / "old", {"anna": ANNA, "bob": BOB})
    new = write_accounts(tmp_path / "new", {"anna": ANNA})
    with service_instance(site_dir, db, old) as first, \
            service_instance(site_dir, db, new) as second:
        bobs = signed_in(first, "bob", BOB)
        assert not can_read(second, bobs)


# The sign-in form's token


def test_a_sign_in_token_the_browser_made_up_is_refused(client: Any) -> None:
    for made_up in ("x" * 40, "0123456789abcdefghijABCDEFGHIJ"):
        client.cookies.clear()
        client.cookies.set("hc_admin_signin", made_up, path="/admin")
        response = client.post("/admin/sign-in", follow_redirects=False, data={
            "csrf": made_up, "username": "anna", "password": "correct horse battery staple"})
        assert response.status_code == 403, made_up
        assert "hc_admin_session" not in response.headers.get("set-cookie", "")


def test_the_sign_in_form_replaces_a_made_up_token_with_its_own(client: Any) -> None:
    client.cookies.set("hc_admin_signin", "x" * 40, path="/admin")
    form = client.get("/admin/sign-in")
    token = CSRF_FIELD.search(form.text)
    assert token and token.group(1) != "x" * 40
    assert form.headers["set-cookie"].startswith(f"hc_admin_signin={token.group(1)};")


def test_a_sign_in_form_from_one_instance_is_accepted_by_another(
        site_dir: Path, db: str, staff: Path) -> None:
    with TestClient(create_app(site_dir, db, admin_users=staff)) as first, \
            TestClient(create_app(site_dir, db, admin_users=staff)) as second:
        form = first.get("/admin/sign-in")
        token = CSRF_FIELD.search(form.text)
        assert token
        second.cookies.set("hc_admin_signin", token.group(1), path="/admin")
        response = second.post("/admin/sign-in", follow_redirects=False, data={
            "csrf": token.group(1), "username": "anna",
            "password": "correct horse battery staple"})
        assert response.status_code == 303


# Where staff land after signing in


@pytest.mark.parametrize("target", [
    "/admin/..//evil.example", "/admin/../..//evil.example/", "/admin/%2e%2e//evil.example",
    "/admin/%2E%2E/%2e%2e//evil.example", "/admin/./../sign-in/../../x", "/admin/..",
    "/admin/.%2e/api/feedback/report",
])
def test_dot_segments_never_lead_out_of_the_dashboard(client: Any, target: str) -> None:
    location = sign_in(client, next_path=target).headers["location"]
    assert location.startswith("/admin/") and "//" not in location, location
    assert ".." not in location and "%2e" not in location.lower(), location


def test_a_dashboard_path_with_harmless_dot_segments_still_lands_there(client: Any) -> None:
    assert sign_in(client, next_path="/admin/articles/../search?period=7"
                   ).headers["location"] == "/admin/search?period=7"
