"""How votes are kept: once per client id, the latest revision wins, durable across restarts."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

from feedback_service.manifest import Manifest
from feedback_service.store import Outcome, VoteStore
from feedback_service.validation import Vote, parse_vote

from .helpers import a_vote

MANIFEST = Manifest({"sv": {"paid-twice": "v1", "service-plan": "v1"}})


def vote(**fields: object) -> Vote:
    result = parse_vote(a_vote(**fields), MANIFEST)
    assert isinstance(result, Vote), result
    return result


def test_a_retried_send_is_stored_once(tmp_path: Path) -> None:
    store = VoteStore(tmp_path / "db.sqlite3")
    v = vote()
    assert store.record(v) is Outcome.CREATED
    assert store.record(v) is Outcome.UNCHANGED
    assert store.count() == 1


def test_a_changed_vote_replaces_the_earlier_one(tmp_path: Path) -> None:
    store = VoteStore(tmp_path / "db.sqlite3")
    first = vote(revision=10)
    store.record(first)
    changed = dataclasses.replace(first, revision=11, vote="no", reason="unclear", comment="Oklart")
    assert store.record(changed) is Outcome.UPDATED
    stored = store.get(first.vote_id)
    assert stored is not None
    assert (stored.vote, stored.reason, stored.comment, stored.revision) == (
        "no", "unclear", "Oklart", 11)
    assert store.count() == 1


def test_a_late_retry_of_an_older_revision_does_not_undo_a_newer_vote(tmp_path: Path) -> None:
    store = VoteStore(tmp_path / "db.sqlite3")
    newer = vote(revision=20, vote="no")
    older = dataclasses.replace(newer, revision=19, vote="yes")
    store.record(newer)
    assert store.record(older) is Outcome.UNCHANGED
    stored = store.get(newer.vote_id)
    assert stored is not None and stored.vote == "no"


def test_a_vote_id_cannot_move_to_another_article(tmp_path: Path) -> None:
    store = VoteStore(tmp_path / "db.sqlite3")
    v = vote()
    store.record(v)
    moved = dataclasses.replace(v, article="service-plan", revision=2)
    assert store.record(moved) is Outcome.CONFLICT
    stored = store.get(v.vote_id)
    assert stored is not None and stored.article == "paid-twice"


def test_votes_are_in_a_wal_database_that_survives_reopening(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    store = VoteStore(db)
    v = vote(vote="no", comment="<b>fet</b> & 'citat'")
    store.record(v)
    store.close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("SELECT comment FROM votes").fetchone() == ("<b>fet</b> & 'citat'",)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(votes)")}
    assert columns == {"vote_id", "article", "language", "vote", "reason", "comment",
                       "page_version", "revision", "received_at"}
    conn.close()
