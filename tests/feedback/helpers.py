"""Helpers for the feedback tests: a site with the real article slugs, votes, a server process."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import uuid
from pathlib import Path
from typing import Any

from tools.local_site import free_port, start_service, stop_service

SLUGS = ("users-vs-licences", "licence-changes", "invoice-quantity", "service-plan",
         "cancel-subscription", "paid-twice", "payment-extension", "payment-reminder")
LANGUAGES = ("sv", "en", "fi")
REPORT_TOKEN = "report-token-for-tests"


def make_site(root: Path) -> Path:
    """What the service needs of a build: the article manifest and the 404 pages."""
    root.mkdir(parents=True, exist_ok=True)
    articles = {lang: {slug: {"version": "v1", "title": slug} for slug in SLUGS}
                for lang in LANGUAGES}
    (root / "feedback-articles.json").write_text(json.dumps({"articles": articles}))
    (root / "404.html").write_text("<title>Sidan hittades inte</title>")
    for lang in ("en", "fi"):
        (root / lang).mkdir(exist_ok=True)
        (root / lang / "404.html").write_text(f"<title>404 {lang}</title>")
    return root


def a_vote(**fields: Any) -> dict[str, Any]:
    vote: dict[str, Any] = {
        "id": str(uuid.uuid4()), "revision": 1, "article": "paid-twice", "language": "sv",
        "vote": "yes", "page_version": "v1",
    }
    vote.update(fields)
    return vote


def rows(db_path: Path, query: str = "SELECT * FROM votes", *args: Any) -> list[sqlite3.Row]:
    if not db_path.exists():
        return []
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(query, args).fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()


class ServiceProcess:
    """`python -m feedback_service serve` in its own process, for load and crash tests."""

    def __init__(self, site_dir: Path, db_path: Path, *extra: str) -> None:
        self.site_dir, self.db_path, self.extra = site_dir, db_path, extra
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.port = free_port()
        self.proc = start_service(self.site_dir, self.db_path, self.port, self.extra)

    def kill(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None:
            stop_service(self.proc)
