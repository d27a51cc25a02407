"""The brake on guessing staff passwords holds against a determined visitor: one spelling of a
username everywhere, every attempt counted before its password is checked (however many arrive
at once, on however many instances), and a stranger's failures never lock the owner out."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from helpcenter_server.app import create_app
from helpcenter_server.dashboard.brake import FREE_ATTEMPTS
from tests.support.dashboard import (
    CSRF_FIELD,
    browser,
    freeze_clock,
    service_instance,
    sign_in,
    write_accounts,
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

PASSWORD = "correct horse battery staple"
OWNER_ADDRESS = "203.0.113.5"
STRANGER_ADDRESS = "198.51.100.7"
# The same account, spelled the ways a visitor might try to dodge a per-name count.
RESTYLED = ["ANNA", " anna", "anna\t", "Anna\u00a0", "\uff41\uff4e\uff4e\uff41",
            "anna" + " \t" * 30 + "x", "anna" + "\t " * 31 + "y", "anna" + " " * 60 + "z"]


@pytest.fixture
def app(site_dir: Path, db: str, tmp_path: Path) -> Iterator[Any]:
    accounts = write_accounts(tmp_path / "staff", {"anna": PASSWORD, "bob": "bob's own password"})
    with service_instance(site_dir, db, accounts) as application:
        yield application


def statuses(client: Any, username: str, password: str, times: int) -> list[int]:
    return [sign_in(client, username=username, password=password).status_code
            for _ in range(times)]


def test_one_spelling_of_a_username_is_used_everywhere() -> None:
    from helpcenter_server.dashboard.accounts import normalise_username

    for name in ("anna", "ANNA", " Anna\t", "\uff41\uff4e\uff4e\uff41", "Anna\u00a0"):
        assert normalise_username(name) == "anna", name
    assert normalise_username("a" * 64) == "a" * 64
    for not_a_name in ("a" * 65, "anna" + " \t" * 30 + "x", "anna x", "", "   ", "an/na"):
        assert normalise_username(not_a_name) is None, not_a_name


def test_a_restyled_or_padded_username_cannot_sign_in_while_the_account_is_braked(
        app: Any) -> None:
    freeze_clock(app)
    owner = browser(app, OWNER_ADDRESS)
    assert statuses(owner, "anna", "guess", FREE_ATTEMPTS) == [401] * FREE_ATTEMPTS
    for name in RESTYLED:
        response = sign_in(owner, username=name, password=PASSWORD)
        assert response.status_code in (401, 429), name
        assert "hc_admin_session" not in response.headers.get("set-cookie", ""), name


def test_wrong_passwords_under_ever_new_paddings_are_braked_like_any_others(app: Any) -> None:
    freeze_clock(app)
    stranger = browser(app, STRANGER_ADDRESS)
    found = [sign_in(stranger, username=name, password="guess").status_code
             for name in RESTYLED[-3:] + ["anna" + " " * (50 + n) + "q" for n in range(4)]]
    assert found == [401] * FREE_ATTEMPTS + [429] * (len(found) - FREE_ATTEMPTS)


def test_restyled_names_all_count_against_the_one_account(app: Any) -> None:
    freeze_clock(app)
    stranger = browser(app, STRANGER_ADDRESS)
    found = [sign_in(stranger, username=name, password="guess").status_code
             for name in RESTYLED[:5]]
    assert found == [401] * FREE_ATTEMPTS + [429] * (5 - FREE_ATTEMPTS)
    assert sign_in(stranger, username="anna", password=PASSWORD).status_code == 429


def test_hash_password_writes_the_name_sign_in_will_look_up(tmp_path: Path, site_dir: Path,
                                                            db: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "helpcenter_server", "hash-password",
                           "\uff22ertil "], input="a long enough password\n",
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("bertil:$argon2id$")
    (tmp_path / "staff").write_text(proc.stdout)
    with TestClient(create_app(site_dir, db, admin_users=tmp_path / "staff")) as c:
        assert sign_in(c, username="Bertil", password="a long enough password"
                       ).status_code == 303
    too_long = subprocess.run([sys.executable, "-m", "helpcenter_server", "hash-password",
                               "b" * 65], input="a long enough password\n",
                              capture_output=True, text=True, timeout=60)
    assert too_long.returncode == 2
    assert "1-64" in too_long.stderr


# Simultaneous attempts: every password checked was counted first.


async def burst(apps: list[Any], address: str, password: str, per_app: int) -> list[int]:
    """`per_app` sign-ins sent at once to each instance, from one address."""
    clients = [httpx.AsyncClient(transport=httpx.ASGITransport(app, client=(address, 50000)),
                                 base_url="http://testserver") for app in apps]
    try:
        forms = []
        for c in clients:
            form = await c.get("/admin/sign-in")
            token = CSRF_FIELD.search(form.text)
            assert token, form.text
            forms.append(token.group(1))

        async def attempt(c: httpx.AsyncClient, csrf: str) -> int:
            response = await c.post("/admin/sign-in", data={
                "csrf": csrf, "username": "anna", "password": password, "next": "/admin/"})
            return response.status_code

        return list(await asyncio.gather(*(attempt(c, csrf) for _ in range(per_app)
                                           for c, csrf in zip(clients, forms, strict=True))))
    finally:
        for c in clients:
            await c.aclose()


def at_once(apps: list[Any], address: str, password: str, per_app: int) -> list[int]:
    """`burst` in an event loop of its own (a browser test may have left one running here)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, burst(apps, address, password, per_app)).result()


def test_simultaneous_wrong_passwords_get_no_more_tries_than_one_after_another(
        app: Any) -> None:
    freeze_clock(app)
    found = at_once([app], STRANGER_ADDRESS, "guess", per_app=10)
    assert sorted(found) == [401] * FREE_ATTEMPTS + [429] * (10 - FREE_ATTEMPTS)


def test_simultaneous_wrong_passwords_across_instances_share_one_count(
        app: Any, site_dir: Path, db: str, tmp_path: Path) -> None:
    with service_instance(site_dir, db, tmp_path / "staff") as second:
        freeze_clock(app)
        freeze_clock(second)
        found = at_once([app, second], STRANGER_ADDRESS, "guess", per_app=5)
        assert sorted(found) == [401] * FREE_ATTEMPTS + [429] * (10 - FREE_ATTEMPTS)


# A stranger's failures and the owner.


def test_a_strangers_failures_do_not_lock_the_owner_out(app: Any) -> None:
    now = freeze_clock(app)
    stranger = browser(app, STRANGER_ADDRESS)
    assert statuses(stranger, "anna", "guess", 6) == [401] * FREE_ATTEMPTS + [429] * 3
    owner = browser(app, OWNER_ADDRESS)
    assert sign_in(owner, username="anna", password=PASSWORD).status_code == 303
    # One wrong try every 15 minutes keeps the stranger braked, and only the stranger.
    for _ in range(4):
        now[0] += 15 * 60
        sign_in(stranger, username="anna", password="guess")
        fresh = browser(app, OWNER_ADDRESS)
        assert sign_in(fresh, username="anna", password=PASSWORD).status_code == 303


def test_the_stranger_is_braked_even_with_the_right_password(app: Any) -> None:
    freeze_clock(app)
    stranger = browser(app, STRANGER_ADDRESS)
    statuses(stranger, "anna", "guess", FREE_ATTEMPTS)
    assert sign_in(stranger, username="anna", password=PASSWORD).status_code == 429


def test_failures_from_many_addresses_meet_a_cap_but_the_owners_own_browser_gets_in(
        app: Any) -> None:
    from helpcenter_server.dashboard.brake import ACCOUNT_CAP

    freeze_clock(app)
    owner = browser(app, OWNER_ADDRESS)
    assert sign_in(owner, username="anna", password=PASSWORD).status_code == 303
    # A botnet: every address stays under its own brake, together they reach the cap.
    for n in range(ACCOUNT_CAP):
        bot = browser(app, f"192.0.2.{n + 1}")
        assert sign_in(bot, username="anna", password="guess").status_code == 401
    late_bot = browser(app, "192.0.2.250")
    capped = sign_in(late_bot, username="anna", password=PASSWORD)
    assert capped.status_code == 429
    assert int(capped.headers["retry-after"]) > 60
    # The owner's browser, known from the earlier sign-in, is not one of the strangers.
    owner.cookies.delete("hc_admin_session")
    assert sign_in(owner, username="anna", password=PASSWORD).status_code == 303
    # Other accounts are untouched.
    assert sign_in(browser(app, "192.0.2.251"), username="bob",
                   password="bob's own password").status_code == 303
