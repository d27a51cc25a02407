"""Shared fixtures: the strictly built site, a live server over it, and Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


@pytest.fixture(scope="session")
def server_port() -> int:
    """Chosen before the build: site_url must be the origin the site is served from, or
    Material's instant navigation treats every link as external."""
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, server_port: int) -> Path:
    """The site built once per test run with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site")
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": f"http://127.0.0.1:{server_port}/",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
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
    port = server_port
    db = tmp_path_factory.mktemp("db") / "feedback.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-m", "feedback_service", "serve", "--site-dir", str(built_site),
         "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
    )
    try:
        wait_for_port(port)
        yield LiveServer(f"http://127.0.0.1:{port}", db, proc)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
