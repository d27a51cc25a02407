"""What support staff read: counts, helpful %, reasons and latest comments, safely shown."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from feedback_service.__main__ import main
from feedback_service.manifest import Manifest
from feedback_service.report import build_report, render_csv, render_text
from feedback_service.store import VoteStore
from feedback_service.validation import Vote, parse_vote

from .helpers import a_vote

MANIFEST = Manifest({"sv": {"paid-twice": "v1"}, "en": {"paid-twice": "v1", "service-plan": "v1"}})


def record(store: VoteStore, **fields: object) -> None:
    vote = parse_vote(a_vote(**fields), MANIFEST)
    assert isinstance(vote, Vote), vote
    store.record(vote)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "feedback.sqlite3"
    store = VoteStore(path)
    for _ in range(3):
        record(store, language="sv", vote="yes")
    record(store, language="sv", vote="no", reason="outdated", comment="Första")
    record(store, language="sv", vote="no", reason="outdated")
    record(store, language="sv", vote="no", reason="unclear", comment="=SUM(A1:A9)")
    record(store, language="en", article="service-plan", vote="no",
           comment="line one\nline two \x1b")
    store.close()
    return path


def test_counts_percentages_and_reasons_per_article_and_language(db: Path) -> None:
    pages = build_report(sqlite3.connect(db))
    by_page = {(p.article, p.language): p for p in pages}
    assert set(by_page) == {("paid-twice", "sv"), ("service-plan", "en")}
    sv = by_page["paid-twice", "sv"]
    assert (sv.yes, sv.no, sv.helpful_percent) == (3, 3, 50.0)
    assert sv.reasons == {"unclear": 1, "outdated": 2, "not_answered": 0, "other": 0}
    en = by_page["service-plan", "en"]
    assert (en.yes, en.no, en.helpful_percent) == (0, 1, 0.0)


def test_latest_comments_come_newest_first_and_are_limited(db: Path) -> None:
    pages = build_report(sqlite3.connect(db), latest_comments=1)
    sv = next(p for p in pages if p.language == "sv")
    assert [c.text for c in sv.latest_comments] == ["=SUM(A1:A9)"]
    all_sv = next(p for p in build_report(sqlite3.connect(db)) if p.language == "sv")
    assert [c.text for c in all_sv.latest_comments] == ["=SUM(A1:A9)", "Första"]


def test_the_text_report_shows_control_characters_instead_of_running_them(db: Path) -> None:
    text = render_text(build_report(sqlite3.connect(db)))
    assert "paid-twice [sv]  yes 3  no 3  helpful 50.0 %" in text
    assert "reasons: unclear 1, outdated 2, not_answered 0, other 0" in text
    assert "line one ⏎ line two \\x1b" not in text  # the service already strips ESC
    assert "line one ⏎ line two" in text
    assert "\x1b" not in text


def test_csv_cannot_smuggle_a_formula_into_a_spreadsheet(db: Path) -> None:
    table = list(csv.DictReader(io.StringIO(render_csv(build_report(sqlite3.connect(db))))))
    sv = next(row for row in table if row["language"] == "sv")
    assert sv["helpful_percent"] == "50.0" and sv["reason_outdated"] == "2"
    assert sv["latest_comments"].splitlines() == ["'=SUM(A1:A9)", "Första"]


def test_the_cli_prints_the_report_and_writes_csv(db: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "report.csv"
    assert main(["report", "--db", str(db), "--csv", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "service-plan [en]  yes 0  no 1  helpful 0.0 %" in printed
    assert out.read_text(encoding="utf-8").startswith("article,language,yes,no,helpful_percent")


def test_the_cli_says_clearly_when_there_is_no_database(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--db", str(tmp_path / "missing.sqlite3")]) == 1
    assert "no feedback database" in capsys.readouterr().err
