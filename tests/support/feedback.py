"""Helpers for the feedback tests: a site with the real article slugs, votes, a server process."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import uuid
import warnings
from pathlib import Path
from typing import Any

from helpcenter import limits
from helpcenter_server.db.engine import open_database
from helpcenter_server.db.location import is_postgres
from helpcenter_server.manifest import MANIFEST_NAME, Manifest
from helpcenter_server.votes.store import VoteStore
from tools.local_site import free_port, start_service, stop_service

with warnings.catch_warnings():
    # Starlette suggests the httpx2 fork for its TestClient; httpx still works.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient as TestClient  # for the tests, quietly

SLUGS = ("users-vs-licences", "licence-changes", "invoice-quantity", "service-plan",
         "cancel-subscription", "paid-twice", "payment-extension", "payment-reminder")
LANGUAGES = ("sv", "en", "fi")
REPORT_TOKEN = "report-token-for-tests"


def manifest(articles: dict[str, dict[str, str]]) -> Manifest:
    """A manifest of these articles (language -> slug -> version) with the build's limits."""
    shared = limits.as_json()
    return Manifest(articles, reasons=tuple(shared.pop("reasons")), **shared)


def make_site(root: Path) -> Path:
    """What the service needs of a build: the article manifest and the 404 pages."""
    root.mkdir(parents=True, exist_ok=True)
    articles = {lang: {slug: {"version": "v1", "title": slug,
                              "path": f"/{slug}/" if lang == "sv" else f"/{lang}/{slug}/"}
                       for slug in SLUGS}
                for lang in LANGUAGES}
    (root / MANIFEST_NAME).write_text(json.dumps({"articles": articles,
                                                  "limits": limits.as_json()}))
    (root / "404.html").write_text("<title>Sidan hittades inte</title>")
    for lang in ("en", "fi"):
        (root / lang).mkdir(exist_ok=True)
        (root / lang / "404.html").write_text(f"<title>404 {lang}</title>")
    return root


def vote_store(db: str | Path, *, readonly: bool = False) -> VoteStore:
    """The votes of the database `db` names, opened as the service opens it (`.db.close()`)."""
    return VoteStore(open_database(db, readonly=readonly))


def a_vote(**fields: Any) -> dict[str, Any]:
    vote: dict[str, Any] = {
        "id": str(uuid.uuid4()), "revision": 1, "article": "paid-twice", "language": "sv",
        "vote": "yes", "page_version": "v1",
    }
    vote.update(fields)
    return vote


def rows(db: str | Path, query: str = "SELECT * FROM votes", *args: Any) -> list[dict[str, Any]]:
    """Rows straight from either store, as plain values (ids as text); `?` marks parameters.

    A missing database or table is an error, never "no rows": a test asserting that nothing
    was stored must not pass because nothing could be read."""
    if is_postgres(db):
        import psycopg
        from psycopg.rows import dict_row

        with psycopg.connect(str(db), row_factory=dict_row) as conn:
            found = conn.execute(query.replace("?", "%s"), args).fetchall()  # type: ignore[arg-type]
        return [{k: str(v) if isinstance(v, uuid.UUID) else v for k, v in row.items()}
                for row in found]
    path = Path(db)
    if not path.is_file():
        raise AssertionError(f"no database at {path}: the service never created it")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(query, args).fetchall()]
    finally:
        conn.close()


def stored_revisions(db: str | Path) -> dict[str, int]:
    found = rows(db, "SELECT vote_id, revision FROM votes")
    return {row["vote_id"]: row["revision"] for row in found}


def dump(db: str | Path) -> str:
    """Everything the store keeps, in every table, as text."""
    if is_postgres(db):
        tables = rows(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return "\n".join(str(rows(db, f'SELECT * FROM "{t["tablename"]}"')) for t in tables)
    conn = sqlite3.connect(db)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


class ServiceProcess:
    """`python -m helpcenter_server serve` in its own process, for load and crash tests."""

    def __init__(self, site_dir: Path, db: str | Path, *extra: str) -> None:
        self.site_dir, self.db, self.extra = site_dir, db, extra
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.port = free_port()
        self.proc = start_service(self.site_dir, self.db, self.port, self.extra)

    def kill(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None:
            stop_service(self.proc)
