"""Shared fixtures: the strictly built site, a live server over it, and Debian's Chromium."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tools.local_site import (
    CHROMIUM,
    CHROMIUM_ARGS,
    build_site,
    free_port,
    start_service,
    stop_service,
)


@pytest.fixture(scope="session")
def server_port() -> int:
    """Chosen before the build: site_url must be the origin the site is served from, or
    Material's instant navigation treats every link as external."""
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, server_port: int) -> Path:
    """The site built once per test run with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site")
    proc = build_site(out, server_port)
    assert proc.returncode == 0, f"strict build failed:\n{proc.stderr}"
    return out


class LiveServer:
    def __init__(self, url: str, db_path: Path, proc: subprocess.Popen[bytes]) -> None:
        self.url = url
        self.db_path = db_path
        self.proc = proc


@pytest.fixture(scope="session")
def live_server(
    built_site: Path, server_port: int, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """The feedback service serving the built site, on loopback, with its own database."""
    db = tmp_path_factory.mktemp("db") / "feedback.sqlite3"
    proc = start_service(built_site, db, server_port)
    try:
        yield LiveServer(f"http://127.0.0.1:{server_port}", db, proc)
    finally:
        stop_service(proc)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def postgres() -> Iterator[Any]:
    """A real PostgreSQL (Debian's), started once per run in a temporary folder on a free
    loopback port and removed at the end. Tests create their own database in it."""
    from tools.postgres import TemporaryPostgres

    server = TemporaryPostgres()
    server.start()
    try:
        yield server
    finally:
        server.remove()
