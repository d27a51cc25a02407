"""Helpers for the dashboard tests: a staff account, seeded votes and searches, signing in."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from feedback_service.admin.accounts import hash_password
from feedback_service.insights.database import Database, open_database
from feedback_service.insights.store import SCHEMA as INSIGHTS_SCHEMA
from feedback_service.store import open_store

STAFF_USER = "anna"
STAFF_PASSWORD = "correct horse battery staple"
CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')
_HASH: list[str] = []


def staff_file(folder: Path) -> Path:
    """A staff accounts file with one account (hashed once per test run: argon2 is slow)."""
    if not _HASH:
        _HASH.append(hash_password(STAFF_PASSWORD))
    path = folder / "staff-accounts"
    path.write_text(f"# support staff\n{STAFF_USER}:{_HASH[0]}\n", encoding="utf-8")
    return path


def today() -> date:
    return datetime.now(UTC).date()


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class SeedVote:
    article: str
    language: str
    vote: str
    days_ago: int
    reason: str | None = None
    comment: str | None = None


def database(db: str | Path) -> Database:
    """The votes' database with every table the service creates (votes, search counters)."""
    open_store(db).close()
    database = open_database(db)
    database.ensure_schema(INSIGHTS_SCHEMA)
    return database


def seed_votes(db: str | Path, votes: list[SeedVote]) -> None:
    """Votes as if given over past weeks (the API would stamp them all with today)."""
    database_ = database(db)
    now = datetime.now(UTC)
    try:
        with database_.transaction() as tx:
            for i, v in enumerate(votes):
                at = datetime.combine(now.date() - timedelta(days=v.days_ago), time(12),
                                      tzinfo=UTC) + timedelta(seconds=i)
                tx.execute(
                    "INSERT INTO votes (vote_id, article, language, vote, reason, comment,"
                    " page_version, revision, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (str(uuid.uuid4()), v.article, v.language, v.vote, v.reason, v.comment,
                     "v1", 1, at))
    finally:
        database_.close()


def seed_searches(db: str | Path, rows: list[tuple[int, str, str, int, int, int]],
                  opened: list[tuple[int, str, str, str, int]] | None = None) -> None:
    """(days_ago, language, query, searches, no_results, opened) counters, and
    (days_ago, language, query, target, opens) for the pages opened."""
    database_ = database(db)
    try:
        with database_.transaction() as tx:
            for days_ago, language, query, searches, no_results, n_opened in rows:
                tx.execute("INSERT INTO search_daily (day, language, query, searches,"
                           " no_results, opened) VALUES (?, ?, ?, ?, ?, ?)",
                           ((today() - timedelta(days=days_ago)).isoformat(), language, query,
                            searches, no_results, n_opened))
            for days_ago, language, query, target, opens in opened or []:
                tx.execute("INSERT INTO search_opened_daily (day, language, query, target,"
                           " opens) VALUES (?, ?, ?, ?, ?)",
                           ((today() - timedelta(days=days_ago)).isoformat(), language, query,
                            target, opens))
    finally:
        database_.close()


def sign_in(client: Any, username: str = STAFF_USER, password: str = STAFF_PASSWORD,
            next_path: str = "/admin/") -> Any:
    """Signs in through the form, as a browser would; returns the POST's response."""
    form = client.get("/admin/sign-in")
    csrf = CSRF_FIELD.search(form.text)
    assert csrf, form.text
    return client.post("/admin/sign-in", data={"csrf": csrf.group(1), "username": username,
                                               "password": password, "next": next_path},
                       follow_redirects=False)
