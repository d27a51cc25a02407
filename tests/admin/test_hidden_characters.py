"""Support staff read a comment or a query as it looks: bidi controls and zero-width characters,
which can make text read differently from what it says, are removed everywhere staff read
it (the dashboard, its CSV and JSON, the report API, `helpcenter_server report`), and readers'
new comments and queries are stored without them. Tag characters, which spell ASCII text
invisibly, are shown as the text they spell."""

from __future__ import annotations

import subprocess
import sys
import uuid
import warnings
from pathlib import Path
from typing import Any

from helpcenter_server.app import create_app
from tests.support.dashboard import SeedVote, seed_searches, seed_votes, sign_in
from tests.support.feedback import a_vote, rows

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

# Right-to-left override and its end, left-to-right isolate and its end, zero-width space,
# joiner and non-joiner, right-to-left mark, word joiner, byte order mark, soft hyphen.
HIDDEN = "\u202e\u202c\u2066\u2069\u200b\u200d\u200c\u200f\u2060\ufeff\u00ad"
TRICK = "Refund \u202eeciovni\u202c is \u2066wrong\u2069 pl\u200bease\ufeff"
SHOWN = "Refund eciovni is wrong please"
TAGGED = "see \U000e0068\U000e0069 there"  # "hi" in invisible tag characters
TOKEN = "report-token-for-tests"


def hidden_in(text: str) -> list[str]:
    return sorted({f"U+{ord(ch):04X}" for ch in text if ch in HIDDEN or ord(ch) >= 0xE0000})


def read_everything(site_dir: Path, db: str, staff: Path) -> dict[str, str]:
    """Every place staff read comments and queries, as text."""
    app = create_app(site_dir, db, rate_limit=10_000, admin_users=staff, report_token=TOKEN)
    with TestClient(app) as c:
        assert sign_in(c).status_code == 303
        auth = {"Authorization": f"Bearer {TOKEN}"}
        seen = {
            "article page": c.get("/admin/articles/sv/paid-twice?period=all").text,
            "search page": c.get("/admin/search?period=all").text,
            "search.csv": c.get("/admin/search.csv?period=all").text,
            "search.json": c.get("/admin/search.json?period=all").content.decode(),
            "report API (JSON)": c.get("/api/feedback/report", headers=auth).content.decode(),
            "report API (CSV)": c.get("/api/feedback/report?format=csv", headers=auth).text,
        }
    cli = subprocess.run([sys.executable, "-m", "helpcenter_server", "report", "--db", db],
                         capture_output=True, text=True, timeout=60)
    assert cli.returncode == 0, cli.stderr
    seen["helpcenter_server report"] = cli.stdout
    return seen


def test_comments_and_queries_already_stored_are_shown_without_hidden_characters(
        site_dir: Path, db: str, staff: Path) -> None:
    seed_votes(db, [SeedVote("paid-twice", "sv", "no", 1, "other", TRICK),
                    SeedVote("paid-twice", "sv", "no", 2, "other", TAGGED)])
    seed_searches(db, [(1, "sv", "fak\u202eutra\u200b", 3, 3, 0)])
    seen = read_everything(site_dir, db, staff)
    assert {where: hidden_in(text) for where, text in seen.items() if hidden_in(text)} == {}
    for where in ("article page", "report API (CSV)", "helpcenter_server report"):
        assert SHOWN in seen[where] and "see hi there" in seen[where], where
    for where in ("search page", "search.csv", "search.json"):
        assert "fakutra" in seen[where], where


def test_new_comments_and_queries_are_stored_without_hidden_characters(
        client: Any, db: str) -> None:
    vote = a_vote(vote="no", reason="other", comment=TRICK)
    assert client.post("/api/feedback", json=vote).status_code == 201
    assert client.post("/api/search-insights", json={
        "id": str(uuid.uuid4()), "language": "sv", "query": "dubbel\u200b\u202ebetalning",
        "results": 1}).status_code == 201
    stored = rows(db, "SELECT comment FROM votes")[0]["comment"]
    assert stored == SHOWN
    queries = [r["query"] for r in rows(db, "SELECT query FROM search_daily")]
    assert queries == ["dubbelbetalning"]
