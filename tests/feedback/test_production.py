"""The production shape: nginx in front of two service instances sharing a real PostgreSQL.

What an operator relies on: nginx sends exactly the service's headers and cache rules (both
from headers.py), the built site's precompressed files and 404 pages, votes from every language
land in PostgreSQL once, an instance killed mid-load costs no acknowledged vote, and a database
that is away for a few seconds means 503 + Retry-After, never a 500, then recovery on its own.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from helpcenter_server.__main__ import main
from helpcenter_server.web.nginx import EXAMPLE_ARGS, EXAMPLE_DIR, MAIN_FILE, SERVER_FILE
from tests.support.feedback import a_vote, rows, stored_revisions
from tests.support.feedback_widget import ui, widget
from tests.support.production import remove_stack, request, start_stack
from tests.support.vote_load import CONCURRENCY, finish, in_thread, missing, planned_votes
from tools.production import NGINX, ProductionStack

NO_LIMIT = ("--rate-limit", "1000000")


@pytest.fixture(scope="module")
def stack(built_site: Path, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[ProductionStack]:
    started = start_stack(built_site, tmp_path_factory.mktemp("production"), *NO_LIMIT)
    yield started
    remove_stack(started)


@pytest.fixture
def own_stack(built_site: Path, tmp_path: Path) -> Iterator[ProductionStack]:
    """A stack of its own, for tests that kill or stop a part of it."""
    started = start_stack(built_site, tmp_path / "production", *NO_LIMIT)
    yield started
    remove_stack(started)


def first(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, pattern
    return "/" + found[0].relative_to(site).as_posix()


def test_deploy_nginx_is_exactly_what_the_generator_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FEEDBACK_ENDPOINT", raising=False)
    assert main(["nginx-config", *EXAMPLE_ARGS, "--out", str(tmp_path)]) == 0
    committed = sorted(p.name for p in EXAMPLE_DIR.glob("*.conf"))
    assert committed == sorted(p.name for p in tmp_path.glob("*.conf"))
    for name in committed:
        assert (EXAMPLE_DIR / name).read_text() == (tmp_path / name).read_text(), (
            f"deploy/nginx/{name} is stale: run `make nginx-config`")


def test_nginx_accepts_the_generated_configuration(stack: ProductionStack) -> None:
    checked = subprocess.run([NGINX, "-t", "-p", str(stack.nginx_dir),
                              "-c", str(stack.nginx_dir / MAIN_FILE)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "brotli_static on;" in (stack.nginx_dir / SERVER_FILE).read_text()


SAME_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy",
                "cache-control")


def test_nginx_sends_the_same_security_headers_and_cache_rules_as_the_service(
        stack: ProductionStack, built_site: Path) -> None:
    instance = f"http://127.0.0.1:{stack.instances[0][0]}"
    paths = ["/", "/en/paid-twice/", "/fi/",
             first(built_site, "assets/javascripts/bundle.*.min.js"),
             first(built_site, "assets/pyodide/*/pyodide.asm.wasm"),
             first(built_site, "assets/stylesheets/*.css"), "/en/no-such-page/",
             "/api/feedback", "/api/nothing"]
    for path in paths:
        status, through_nginx, _ = request(stack.url, path)
        direct_status, direct, _ = request(instance, path)
        assert status == direct_status, path
        for name in SAME_HEADERS:
            assert through_nginx.get(name) == direct.get(name), (path, name)
        assert through_nginx["content-security-policy"].startswith("default-src 'self'")


@pytest.mark.parametrize(("path", "language_page"), [
    ("/en/no-such-page/", "en/404.html"),
    ("/fi/ei-ole-olemassa", "fi/404.html"),
    ("/ingen-sida/", "404.html"),
    ("/assets/pyodide/", "404.html"),  # a folder without an index is not listed
])
def test_a_missing_page_gets_the_404_page_of_its_language_through_nginx(
        stack: ProductionStack, built_site: Path, path: str, language_page: str) -> None:
    status, headers, body = request(stack.url, path)
    assert status == 404
    assert body == (built_site / language_page).read_bytes()
    assert "content-security-policy" in headers


@pytest.mark.parametrize("page", ["404.html", "en/404.html", "fi/404.html"])
def test_a_404_page_asked_for_by_its_file_name_answers_404_through_nginx(
        stack: ProductionStack, built_site: Path, page: str) -> None:
    status, headers, body = request(stack.url, "/" + page)
    assert status == 404
    assert body == (built_site / page).read_bytes()
    assert headers["cache-control"] == "no-cache"
    assert "content-security-policy" in headers


def test_pyodide_and_pages_come_precompressed_from_nginx(
        stack: ProductionStack, built_site: Path) -> None:
    wasm = first(built_site, "assets/pyodide/*/pyodide.asm.wasm")
    size = (built_site / wasm.lstrip("/")).stat().st_size
    for encoding in ("br", "gzip"):
        status, headers, body = request(stack.url, wasm, **{"Accept-Encoding": encoding})
        assert (status, headers.get("content-encoding")) == (200, encoding)
        assert headers["content-type"] == "application/wasm"
        assert "immutable" in headers["cache-control"]
        assert len(body) < size * 0.6
    _, plain, body = request(stack.url, wasm)
    assert "content-encoding" not in plain and len(body) == size
    _, page, _ = request(stack.url, "/en/paid-twice/", **{"Accept-Encoding": "br, gzip"})
    assert page["content-encoding"] == "br" and "Accept-Encoding" in page["vary"]


def test_votes_in_swedish_english_and_finnish_reach_postgresql_through_nginx(
        stack: ProductionStack) -> None:
    votes = [a_vote(language=lang, vote="no", reason="unclear", comment=f"kommentar {lang}")
             for lang in ("sv", "en", "fi")]
    for vote in votes:
        status, headers, body = request(stack.url, "/api/feedback", "POST", vote)
        assert (status, json.loads(body)["stored"]) == (201, "created")
        assert headers["cache-control"] == "no-store"
    stored = {r["vote_id"]: r for r in rows(stack.db)}
    for vote in votes:
        assert (stored[vote["id"]]["language"], stored[vote["id"]]["comment"]) == (
            vote["language"], vote["comment"])


def test_both_instances_take_votes(stack: ProductionStack) -> None:
    for port, _ in stack.instances:
        status, _, _ = request(f"http://127.0.0.1:{port}", "/api/feedback", "POST", a_vote())
        assert status == 201


@pytest.mark.slow
def test_ten_thousand_votes_through_nginx_to_two_instances_are_each_stored_once(
        stack: ProductionStack) -> None:
    votes = planned_votes(10_000, seed=11)
    before = len(stored_revisions(stack.db))
    started = time.monotonic()
    sender, outcome = in_thread(votes, stack.url)
    finish(sender, 180)
    elapsed = time.monotonic() - started
    acked, statuses = outcome["acked"], outcome["statuses"]
    print(f"\nnginx + 2 instances + PostgreSQL: 10000 votes at concurrency {CONCURRENCY} in "
          f"{elapsed:.1f} s ({10_000 / elapsed:.0f} votes/s), statuses {statuses}")
    assert sum(n for code, n in statuses.items() if code in ("200", "201")) == 10_000
    stored = stored_revisions(stack.db)
    assert missing(acked, stored) == []
    assert len(stored) - before == len(acked) == len({v["id"] for v in votes})
    # Exactly once: no id twice (the primary key), and none stored that was never sent.
    duplicates = rows(stack.db, "SELECT vote_id FROM votes GROUP BY vote_id HAVING count(*) > 1")
    assert duplicates == []


@pytest.mark.slow
def test_killing_one_instance_mid_load_loses_no_acknowledged_vote_and_the_other_answers(
        own_stack: ProductionStack) -> None:
    votes = planned_votes(6_000, seed=12)
    halfway = threading.Event()

    def on_ack(count: int) -> None:
        if count >= 1_500:
            halfway.set()

    # Like the widget: a vote whose answer the kill cut off midway goes out again.
    sender, outcome = in_thread(votes, own_stack.url, on_ack=on_ack, redeliver=True)
    assert halfway.wait(timeout=60), "the load never got going"
    (_, victim), (survivor_port, _) = own_stack.instances
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=10)
    acked_at_kill = len(outcome.get("acked", {})) or 1_500
    finish(sender, 120)
    acked, statuses = outcome["acked"], outcome["statuses"]
    print(f"\nkill -9 of one instance after ~{acked_at_kill} acknowledged votes: {statuses}")
    assert len(acked) > acked_at_kill, "nothing was acknowledged after the kill"
    assert missing(acked, stored_revisions(own_stack.db)) == []
    # nginx sent the votes caught in the dead instance to the live one; a vote whose answer was
    # already on its way when the instance died reached the client cut off, and was sent again.
    # In the end every vote is acknowledged.
    assert sum(n for code, n in statuses.items() if code in ("200", "201")) == len(votes)
    status, _, _ = request(f"http://127.0.0.1:{survivor_port}", "/api/feedback", "POST",
                           a_vote())
    assert status == 201


@pytest.mark.slow
def test_postgresql_away_for_five_seconds_means_503_with_retry_after_then_recovery(
        own_stack: ProductionStack) -> None:
    votes = planned_votes(6_000, seed=13)
    started = threading.Event()

    def on_ack(count: int) -> None:
        if count >= 1_000:
            started.set()

    # Like the widget: a vote answered 503 stays queued and goes out again later.
    sender, outcome = in_thread(votes, own_stack.url, on_ack=on_ack, redeliver=True)
    assert started.wait(timeout=60), "the load never got going"
    own_stack.postgres.stop("fast")
    time.sleep(5)
    own_stack.postgres.start()
    finish(sender, 180)
    acked, statuses = outcome["acked"], outcome["statuses"]
    print(f"\nPostgreSQL stopped for 5 s mid-load: {statuses}")
    assert statuses.get("503", 0) > 0, "the outage came after the load"
    assert "503 without Retry-After" not in statuses
    assert not any(code.startswith("5") and code != "503" for code in statuses), statuses
    assert "transport error" not in statuses
    # Every vote was acknowledged in the end and is stored: nothing lost, no restart needed.
    assert sum(n for code, n in statuses.items() if code in ("200", "201")) == len(votes)
    assert missing(acked, stored_revisions(own_stack.db)) == []
    for port, proc in own_stack.instances:
        assert proc.poll() is None
        status, _, _ = request(f"http://127.0.0.1:{port}", "/api/feedback", "POST", a_vote())
        assert status == 201


@pytest.mark.browser
def test_a_vote_given_while_postgresql_is_away_waits_in_the_outbox_and_arrives_later(
        page: Page, own_stack: ProductionStack) -> None:
    page.goto(f"{own_stack.url}/fi/paid-twice/")
    own_stack.postgres.stop("fast")
    try:
        feedback = widget(page, "fi")
        feedback.get_by_role("button", name="Kyllä", exact=True).click()
        # The reader is thanked as usual; nothing alarming, the vote is kept.
        expect(feedback.get_by_role("status")).to_have_text(ui("fi")["feedback.thanks_yes"])
        page.wait_for_timeout(4000)
        outbox = page.evaluate("JSON.parse(localStorage.getItem('hc-feedback.outbox'))")
        [queued] = outbox.values()
        assert rows_or_none(own_stack) is None
    finally:
        own_stack.postgres.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = rows(own_stack.db, "SELECT vote, language FROM votes WHERE vote_id = ?",
                     queued["vote"]["id"])
        if found:
            break
        time.sleep(0.5)
    assert found == [{"vote": "yes", "language": "fi"}]
    page.wait_for_function("localStorage.getItem('hc-feedback.outbox') === '{}'")


def rows_or_none(stack: ProductionStack) -> list[dict[str, Any]] | None:
    """The votes, or None while the database does not answer."""
    import psycopg

    try:
        return rows(stack.db)
    except psycopg.OperationalError:
        return None
