"""What support staff read: counts, helpful %, reasons and latest comments, safely shown, the
same from SQLite and from PostgreSQL."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from helpcenter_server.__main__ import main
from helpcenter_server.votes.report import read_report, render_csv, render_text
from helpcenter_server.votes.store import VoteStore
from helpcenter_server.votes.tally import PageTally
from helpcenter_server.votes.validation import Vote, parse_vote
from tests.support.feedback import a_vote, manifest, vote_store

MANIFEST = manifest({"sv": {"paid-twice": "v1"}, "en": {"paid-twice": "v1", "service-plan": "v1"}})
# What a terminal would run rather than show: ESC (C0), CSI and NEL (C1), and a line separator.
ESC, CSI, NEL, LS = "\x1b", "\x9b", "\x85", "\u2028"


def record(store: VoteStore, **fields: object) -> None:
    vote = parse_vote(a_vote(**fields), MANIFEST)
    assert isinstance(vote, Vote), vote
    store.record(vote)


@pytest.fixture
def filled(db: str) -> str:
    store = vote_store(db)
    for _ in range(3):
        record(store, language="sv", vote="yes")
    record(store, language="sv", vote="no", reason="outdated", comment="Första")
    record(store, language="sv", vote="no", reason="outdated")
    record(store, language="sv", vote="no", reason="unclear", comment="=SUM(A1:A9)")
    # Stored as an older service or another writer may have left it: straight into the store,
    # past validation, so the report's own escaping is what is tested.
    hostile = parse_vote(a_vote(language="en", article="service-plan", vote="no"), MANIFEST)
    assert isinstance(hostile, Vote)
    store.record(Vote(hostile.vote_id, 1, "service-plan", "en", "no", None,
                      f"line one\nline two {ESC}[2J{CSI}31m{NEL}end{LS}x", "v1"))
    store.db.close()
    return db


def report(db: str, latest_comments: int = 5) -> list[PageTally]:
    store = vote_store(db, readonly=True)
    try:
        return read_report(store.db, latest_comments)
    finally:
        store.db.close()


def test_counts_percentages_and_reasons_per_article_and_language(filled: str) -> None:
    by_page = {(p.article, p.language): p for p in report(filled)}
    assert set(by_page) == {("paid-twice", "sv"), ("service-plan", "en")}
    sv = by_page["paid-twice", "sv"]
    assert (sv.yes, sv.no, sv.helpful_percent) == (3, 3, 50.0)
    assert sv.reasons == {"unclear": 1, "outdated": 2, "not_answered": 0, "other": 0}
    en = by_page["service-plan", "en"]
    assert (en.yes, en.no, en.helpful_percent) == (0, 1, 0.0)


def test_latest_comments_come_newest_first_and_are_limited(filled: str) -> None:
    sv = next(p for p in report(filled, latest_comments=1) if p.language == "sv")
    assert [c.text for c in sv.latest_comments] == ["=SUM(A1:A9)"]
    all_sv = next(p for p in report(filled) if p.language == "sv")
    assert [c.text for c in all_sv.latest_comments] == ["=SUM(A1:A9)", "Första"]
    assert all_sv.latest_comments[0].received_at.endswith("Z")


def test_the_text_report_shows_control_characters_instead_of_running_them(filled: str) -> None:
    text = render_text(report(filled))
    assert "paid-twice [sv]  yes 3  no 3  helpful 50.0 %" in text
    assert "reasons: unclear 1, outdated 2, not_answered 0, other 0" in text
    assert "line one ⏎ line two \\x1b[2J\\x9b31m\\x85end\\u2028x" in text
    for raw in (ESC, CSI, NEL, LS):
        assert raw not in text


def test_csv_cannot_smuggle_a_formula_or_a_control_character(filled: str) -> None:
    table = list(csv.DictReader(io.StringIO(render_csv(report(filled)))))
    sv = next(row for row in table if row["language"] == "sv")
    assert sv["helpful_percent"] == "50.0" and sv["reason_outdated"] == "2"
    assert sv["latest_comments"].splitlines() == ["'=SUM(A1:A9)", "Första"]
    en = next(row for row in table if row["language"] == "en")
    assert "\\x9b31m" in en["latest_comments"] and CSI not in en["latest_comments"]


def test_the_cli_prints_the_report_and_writes_csv(filled: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "report.csv"
    assert main(["report", "--db", filled, "--csv", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "service-plan [en]  yes 0  no 1  helpful 0.0 %" in printed
    assert out.read_text(encoding="utf-8").startswith("article,language,yes,no,helpful_percent")


def test_the_cli_says_clearly_when_there_is_no_database(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--db", str(tmp_path / "missing.sqlite3")]) == 1
    assert "no feedback database" in capsys.readouterr().err
