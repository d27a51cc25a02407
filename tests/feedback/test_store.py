"""How votes are kept, in SQLite and in PostgreSQL alike: once per client id, the latest
revision wins, durable across restarts, with a schema version to migrate from."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpcenter_server.__main__ import main
from helpcenter_server.db.errors import StoreError
from helpcenter_server.db.location import is_postgres
from helpcenter_server.db.migrations import SCHEMA_VERSION
from helpcenter_server.votes.store import Outcome, VoteStore
from helpcenter_server.votes.validation import Vote, parse_vote
from tests.support.feedback import a_vote, manifest, rows, vote_store

MANIFEST = manifest({"sv": {"paid-twice": "v1", "service-plan": "v1"}})


def vote(**fields: object) -> Vote:
    result = parse_vote(a_vote(**fields), MANIFEST)
    assert isinstance(result, Vote), result
    return result


@pytest.fixture
def store(db: str) -> Iterator[VoteStore]:
    opened = vote_store(db)
    yield opened
    opened.db.close()


def test_a_retried_send_is_stored_once(store: VoteStore) -> None:
    v = vote()
    assert store.record(v) is Outcome.CREATED
    assert store.record(v) is Outcome.UNCHANGED
    assert store.count() == 1


def test_a_changed_vote_replaces_the_earlier_one(store: VoteStore) -> None:
    first = vote(revision=10)
    store.record(first)
    changed = dataclasses.replace(first, revision=11, vote="no", reason="unclear", comment="Oklart")
    assert store.record(changed) is Outcome.UPDATED
    stored = store.get(first.vote_id)
    assert stored is not None
    assert (stored.vote, stored.reason, stored.comment, stored.revision) == (
        "no", "unclear", "Oklart", 11)
    assert store.count() == 1


def test_a_late_retry_of_an_older_revision_does_not_undo_a_newer_vote(store: VoteStore) -> None:
    newer = vote(revision=20, vote="no")
    older = dataclasses.replace(newer, revision=19, vote="yes")
    store.record(newer)
    assert store.record(older) is Outcome.UNCHANGED
    stored = store.get(newer.vote_id)
    assert stored is not None and stored.vote == "no"


def test_a_vote_id_cannot_move_to_another_article(store: VoteStore) -> None:
    v = vote()
    store.record(v)
    moved = dataclasses.replace(v, article="service-plan", revision=2)
    assert store.record(moved) is Outcome.CONFLICT
    stored = store.get(v.vote_id)
    assert stored is not None and stored.article == "paid-twice"


def test_the_largest_revision_a_browser_can_send_is_kept_exactly(store: VoteStore) -> None:
    v = vote(revision=2**53 - 1)
    store.record(v)
    stored = store.get(v.vote_id)
    assert stored is not None and stored.revision == 2**53 - 1


def test_two_instances_on_one_postgresql_database_keep_one_row_per_vote(postgres: Any) -> None:
    db = postgres.create_database("two_instances")
    store, other = vote_store(db), vote_store(db)
    try:
        v = vote(revision=1)
        assert store.record(v) is Outcome.CREATED
        assert other.record(v) is Outcome.UNCHANGED
        assert other.record(dataclasses.replace(v, revision=2, vote="no")) is Outcome.UPDATED
        assert store.record(v) is Outcome.UNCHANGED
        assert [(r["vote"], r["revision"]) for r in rows(db)] == [("no", 2)]
    finally:
        store.db.close()
        other.db.close()
        postgres.drop_database("two_instances")


def test_votes_survive_reopening_the_store(db: str, store: VoteStore) -> None:
    v = vote(vote="no", comment="<b>fet</b> & 'citat'")
    store.record(v)
    store.db.close()
    reopened = vote_store(db)
    try:
        stored = reopened.get(v.vote_id)
        assert stored is not None and stored.comment == "<b>fet</b> & 'citat'"
    finally:
        reopened.db.close()


def test_the_schema_carries_a_version_to_migrate_from(db: str, store: VoteStore) -> None:
    assert [r["version"] for r in rows(db, "SELECT version FROM schema_version")] == list(
        range(1, SCHEMA_VERSION + 1))
    store.db.close()
    vote_store(db).db.close()  # a second start finds the schema and changes nothing
    assert len(rows(db, "SELECT version FROM schema_version")) == SCHEMA_VERSION


def test_a_database_from_a_newer_service_is_refused_in_one_line(db: str, store: VoteStore,
                                                               ) -> None:
    store.db.close()
    if is_postgres(db):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute("INSERT INTO schema_version (version) VALUES (99)")
    else:
        with sqlite3.connect(db) as conn:
            conn.execute("INSERT INTO schema_version VALUES (99, 'later')")
    newer = f"schema version 99 is newer than this service's {SCHEMA_VERSION}"
    with pytest.raises(StoreError, match=newer):
        vote_store(db)


def test_the_sqlite_file_is_a_wal_database(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    vote_store(db).db.close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(votes)")}
    assert columns == {"vote_id", "article", "language", "vote", "reason", "comment",
                       "page_version", "revision", "received_at"}
    conn.close()


@pytest.mark.parametrize(("url", "message"), [
    ("mysql://user@127.0.0.1/votes", "unknown database URL scheme 'mysql'"),
    ("postgresql://postgres@127.0.0.1:1/votes", "cannot use PostgreSQL postgres@127.0.0.1:1/votes"),
])
def test_a_wrong_db_stops_the_service_at_start_with_one_line(
        url: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--db", url, "--site-dir", "nowhere"]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_password_in_the_url_never_shows_in_the_message(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--db", "postgresql://votes:s3cret@127.0.0.1:1/votes"]) == 2
    assert "s3cret" not in capsys.readouterr().err


def test_reading_a_missing_database_or_table_fails_instead_of_finding_nothing(
        tmp_path: Path, db: str) -> None:
    with pytest.raises(AssertionError, match="no database at"):
        rows(tmp_path / "never-created.sqlite3")
    vote_store(db).db.close()
    with pytest.raises(Exception, match="no_such_table"):
        rows(db, "SELECT * FROM no_such_table")
