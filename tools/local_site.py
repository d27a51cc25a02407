"""Build the help center and serve it on a free loopback port, for tests and benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# The same Chromium build without the browser's own UI (Debian's chromium-headless-shell, what
# Playwright itself runs headless by default): the test suite's browser. It renders and runs pages
# as Chromium does and uses about a quarter less CPU; the benchmarks and Lighthouse measure the
# full browser a reader has.
CHROMIUM_HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
# Without the background-networking flags Chromium keeps trying to reach Google's hosts.
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


def wait_for_port(port: int, timeout: float = 120.0,
                  proc: subprocess.Popen[bytes] | None = None) -> None:
    """Until something listens on the port. The timeout only ends a hang: a busy machine may take
    many seconds to start Python; a `proc` that exits first fails at once."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server for port {port} exited with {proc.returncode}")
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


def build_site(out: Path, port: int) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` for http://127.0.0.1:<port>/: site_url must be the serving origin,
    or Material's instant navigation treats every link as external."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )


def start_service(site_dir: Path, db_path: Path | str, port: int,
                  extra: Sequence[str] = (), log: Path | None = None) -> subprocess.Popen[bytes]:
    """`python -m helpcenter_server serve` in its own process, listening when this returns.

    Without the access log: thousands of lines from a load test or a page sweep help nobody.
    With `log`, its output goes to that file rather than to this process's."""
    out = open(log, "ab") if log else None  # noqa: SIM115 (the child keeps its own copy)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "helpcenter_server", "serve", "--site-dir", str(site_dir),
             "--db", str(db_path), "--host", "127.0.0.1", "--port", str(port),
             "--no-access-log", *extra],
            cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
            stdout=out, stderr=subprocess.STDOUT if out else None,
        )
    finally:
        if out:
            out.close()
    try:
        wait_for_port(port, proc=proc)
    except RuntimeError:
        proc.kill()
        raise
    return proc


def stop_service(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def serving(site_dir: Path, db_path: Path, port: int | None = None) -> Iterator[str]:
    """The site served by the feedback service; yields its origin."""
    port = port or free_port()
    proc = start_service(site_dir, db_path, port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_service(proc)
