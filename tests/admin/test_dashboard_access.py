"""Only signed-in staff see the dashboard: sign-in, cookies, CSRF, the brake on guessing, and
every page and export refusing a request without a session."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

from helpcenter_server.app import create_app
from helpcenter_server.dashboard.brake import FREE_ATTEMPTS
from tests.support.dashboard import (
    CSRF_FIELD,
    STAFF_PASSWORD,
    STAFF_USER,
    SeedVote,
    freeze_clock,
    seed_votes,
    sign_in,
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

PAGES = ["/admin/", "/admin/?language=sv&period=30&sort=most-votes", "/admin/search",
         "/admin/articles/sv/paid-twice"]
DATA = ["/admin/feedback.csv", "/admin/feedback.json", "/admin/search.csv",
        "/admin/search.json", "/admin/feedback.csv?language=fi&period=all"]


def cookie_header(response: Any, name: str) -> str:
    found = [h for h in response.headers.get_list("set-cookie") if h.startswith(name + "=")]
    assert found, response.headers
    return found[0]


@pytest.mark.parametrize("path", PAGES)
def test_a_page_without_a_session_redirects_to_sign_in_and_shows_no_data(
        client: Any, db: str, path: str) -> None:
    seed_votes(db, [SeedVote("paid-twice", "sv", "no", 1, "unclear", "Secret comment")])
    for method in (client.get, client.head):
        response = method(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/admin/sign-in?next=%2Fadmin%2F")
        assert "Secret comment" not in response.text
        assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("path", DATA)
def test_an_export_without_a_session_is_401(client: Any, db: str, path: str) -> None:
    seed_votes(db, [SeedVote("paid-twice", "sv", "no", 1, "unclear", "Secret comment")])
    for cookies in ({}, {"hc_admin_session": "forged-or-expired-token"}):
        client.cookies.clear()
        client.cookies.update(cookies)
        response = client.get(path)
        assert response.status_code == 401
        assert "Secret comment" not in response.text
        assert "paid-twice" not in response.text
        assert response.headers["www-authenticate"]


def test_staff_sign_in_with_the_right_password_and_see_the_dashboard(client: Any) -> None:
    response = sign_in(client)
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/"
    session = cookie_header(response, "hc_admin_session")
    assert "HttpOnly" in session and "SameSite=strict" in session and "Path=/admin" in session
    assert "Secure" not in session  # plain HTTP here: a Secure cookie would never come back
    page = client.get("/admin/")
    assert page.status_code == 200
    assert f"Signed in as <strong>{STAFF_USER}</strong>" in page.text
    for path in DATA:
        assert client.get(path).status_code == 200


def test_over_https_the_session_cookie_is_secure(site_dir: Path, db: str, staff: Path) -> None:
    app = create_app(site_dir, db, admin_users=staff)
    with TestClient(app, base_url="https://help.example") as c:
        response = sign_in(c)
        assert response.status_code == 303
        assert "Secure" in cookie_header(response, "hc_admin_session")
        c.cookies.clear()
        assert "Secure" in cookie_header(c.get("/admin/sign-in"), "hc_admin_signin")


def test_after_sign_in_staff_land_where_they_were_going_but_never_on_another_site(
        client: Any) -> None:
    assert sign_in(client, next_path="/admin/search?period=7").headers["location"] == \
        "/admin/search?period=7"
    client.cookies.clear()
    for evil in ("https://evil.example/", "//evil.example/admin/", "/\\evil.example"):
        assert sign_in(client, next_path=evil).headers["location"] == "/admin/"
        client.cookies.clear()


def test_a_wrong_password_or_unknown_user_is_refused_alike(client: Any) -> None:
    wrong = sign_in(client, password="not the password")
    unknown = sign_in(client, username="mallory", password=STAFF_PASSWORD)
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert "Wrong username or password." in response.text
        assert "hc_admin_session" not in response.headers.get("set-cookie", "")
    assert client.get("/admin/feedback.json").status_code == 401


def test_repeated_failed_sign_ins_are_slowed_down_even_with_the_right_password(
        client: Any) -> None:
    now = freeze_clock(client.app)
    for _ in range(FREE_ATTEMPTS):
        assert sign_in(client, password="guess").status_code == 401
    blocked = sign_in(client)  # the right password, but before the wait is over
    assert blocked.status_code == 429
    assert blocked.headers["retry-after"] == "1"
    assert "Too many failed sign-ins" in blocked.text
    assert "hc_admin_session" not in blocked.headers.get("set-cookie", "")
    now[0] += 1
    assert sign_in(client, password="guess again").status_code == 401
    now[0] += 1
    assert sign_in(client).headers["retry-after"] == "1"  # each failure doubles the wait
    now[0] += 1
    assert sign_in(client).status_code == 303
    # A right password resets the count: the next mistake is free again.
    client.cookies.clear()
    assert sign_in(client, password="typo").status_code == 401


def test_sign_in_without_the_form_token_or_from_another_site_is_refused(client: Any) -> None:
    client.get("/admin/sign-in")
    data = {"username": STAFF_USER, "password": STAFF_PASSWORD, "csrf": "made-up"}
    assert client.post("/admin/sign-in", data=data).status_code == 403
    form = client.get("/admin/sign-in")
    token = CSRF_FIELD.search(form.text)
    assert token
    data["csrf"] = token.group(1)
    cross_site = client.post("/admin/sign-in", data=data, follow_redirects=False,
                             headers={"Origin": "https://evil.example"})
    assert cross_site.status_code == 403
    fetched = client.post("/admin/sign-in", data=data, follow_redirects=False,
                          headers={"Sec-Fetch-Site": "cross-site"})
    assert fetched.status_code == 403
    same_site = client.post("/admin/sign-in", data=data, follow_redirects=False,
                            headers={"Origin": "http://testserver"})
    assert same_site.status_code == 303


def test_sign_out_needs_the_session_token_and_ends_the_session_everywhere(client: Any) -> None:
    sign_in(client)
    stolen = client.cookies.get("hc_admin_session")
    page = client.get("/admin/")
    csrf = CSRF_FIELD.search(page.text)
    assert csrf
    assert client.post("/admin/sign-out", data={"csrf": "wrong"}).status_code == 403
    assert client.get("/admin/").status_code == 200
    response = client.post("/admin/sign-out", data={"csrf": csrf.group(1)},
                           follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/sign-in?signed-out=1"
    assert "You are signed out." in client.get("/admin/sign-in?signed-out=1").text
    # The old cookie, replayed, is worth nothing: the session is gone from the database.
    client.cookies.clear()
    client.cookies.set("hc_admin_session", stolen or "")
    assert client.get("/admin/feedback.csv").status_code == 401


def test_without_staff_accounts_the_dashboard_is_off(site_dir: Path, db: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FEEDBACK_ADMIN_USERS", raising=False)
    monkeypatch.delenv("FEEDBACK_ADMIN_USERS_FILE", raising=False)
    with TestClient(create_app(site_dir, db)) as c:
        assert c.get("/admin/").status_code == 404
        assert c.get("/admin/sign-in").status_code == 404
        assert c.get("/admin/feedback.csv").status_code == 404


def test_accounts_can_come_from_the_environment(site_dir: Path, db: str, staff: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FEEDBACK_ADMIN_USERS", staff.read_text().splitlines()[1])
    with TestClient(create_app(site_dir, db)) as c:
        assert sign_in(c).status_code == 303


def test_a_malformed_accounts_file_stops_the_service_with_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    bad = tmp_path / "staff"
    bad.write_text("anna:plaintext-password\n")
    proc = subprocess.run([sys.executable, "-m", "helpcenter_server", "serve", "--site-dir",
                           str(tmp_path), "--db", str(tmp_path / "db.sqlite3"),
                           "--admin-users", str(bad), "--port", "1"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "line 1: expected username:$argon2id$" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_hash_password_prints_a_line_the_service_accepts(tmp_path: Path) -> None:
    import subprocess
    import sys

    from helpcenter_server.dashboard.accounts import load_accounts

    proc = subprocess.run([sys.executable, "-m", "helpcenter_server", "hash-password", "Bertil"],
                          input="a long enough password\n", capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    line = proc.stdout.strip()
    assert line.startswith("bertil:$argon2id$")
    (tmp_path / "staff").write_text(line + "\n")
    assert load_accounts(tmp_path / "staff").verify("Bertil", "a long enough password") == "bertil"
