"""Shared fixtures: the strictly built site, a live server over it, and Debian's Chromium.

The site and the server are made once per run, however many pytest-xdist workers share them."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpcenter_server.app import DEFAULT_RATE_LIMIT
from tests.support.session import once, record_process, shared_dir, stop_recorded_processes
from tools.local_site import (
    CHROMIUM_ARGS,
    CHROMIUM_HEADLESS_SHELL,
    build_site,
    free_port,
    start_service,
)


@pytest.fixture(scope="session")
def shared(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The run's folder that every xdist worker sees (tests/support/session.py)."""
    folder = shared_dir(tmp_path_factory, os.environ.get("PYTEST_XDIST_WORKER", "master"))
    request.config.stash[SHARED_DIR] = folder
    return folder


@pytest.fixture(scope="session")
def site_build(shared: Path) -> dict[str, Any]:
    """The site built once per test run with `mkdocs build --strict`, for a port chosen before the
    build: site_url must be the origin the site is served from, or Material's instant navigation
    treats every link as external. Every worker reads the same build."""

    def build() -> dict[str, Any]:
        port, out = free_port(), shared / "site"
        proc = build_site(out, port)
        if proc.returncode != 0:
            return {"error": proc.stderr}
        return {"site": str(out), "port": port}

    made = once(shared, "site", build)
    assert "error" not in made, f"strict build failed:\n{made.get('error')}"
    return made


@pytest.fixture(scope="session")
def server_port(site_build: dict[str, Any]) -> int:
    return int(site_build["port"])


@pytest.fixture(scope="session")
def built_site(site_build: dict[str, Any]) -> Path:
    return Path(site_build["site"])


class LiveServer:
    def __init__(self, url: str, db_path: Path, pid: int) -> None:
        self.url = url
        self.db_path = db_path
        self.pid = pid


@pytest.fixture(scope="session")
def live_server(built_site: Path, server_port: int, shared: Path) -> LiveServer:
    """The feedback service serving the built site, on loopback, with its own database: one
    process for the whole run, which every worker's browsers use at once. Its rate limit is the
    default's hundredfold, as many readers behind one address would need: every test's browser
    comes from 127.0.0.1 (the limit itself is tested on apps of its own)."""

    def start() -> dict[str, Any]:
        folder = shared / "live-server"
        folder.mkdir(exist_ok=True)
        db = folder / "feedback.sqlite3"
        proc = start_service(built_site, db, server_port,
                             extra=("--rate-limit", str(100 * DEFAULT_RATE_LIMIT)),
                             log=folder / "service.log")
        record_process(shared, "live-server", proc.pid)
        return {"db": str(db), "pid": proc.pid}

    made = once(shared, "live-server", start)
    return LiveServer(f"http://127.0.0.1:{server_port}", Path(made["db"]), int(made["pid"]))


SHARED_DIR = pytest.StashKey[Path]()
SHARED_DIRS = pytest.StashKey[set[Path]]()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Shared processes outlive the worker that started them: the controller stops them once every
    worker is done (without xdist, this process is both)."""
    config = session.config
    folder = config.stash.get(SHARED_DIR, None)
    workeroutput = getattr(config, "workeroutput", None)
    if workeroutput is not None:
        if folder is not None:
            workeroutput["shared_dir"] = str(folder)
        return
    folders = config.stash.get(SHARED_DIRS, set()) | ({folder} if folder else set())
    for each in folders:
        stop_recorded_processes(each)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """xdist's controller: a worker is done, and tells where the run's shared folder is."""
    folder = getattr(node, "workeroutput", {}).get("shared_dir")
    if folder:
        node.config.stash.setdefault(SHARED_DIRS, set()).add(Path(folder))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM_HEADLESS_SHELL,
            "args": CHROMIUM_ARGS}


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


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where the votes go, once per store: a SQLite file, then a fresh database in the
    session's real PostgreSQL server (the fixture above)."""
    if request.param == "sqlite":
        yield str(tmp_path / "feedback.sqlite3")
        return
    server = request.getfixturevalue("postgres")
    name = f"feedback_{uuid.uuid4().hex[:12]}"
    url: str = server.create_database(name)
    try:
        yield url
    finally:
        server.drop_database(name)


# The files that take longest (pytest --durations), started first so that a parallel run does
# not end waiting for one of them; the others follow in collection order. A file missing here only
# starts later.
LONGEST_FIRST = (
    "tests/calculator_pages/test_calculator_truth_while_arriving.py",
    "tests/calculator_pages/test_calculator_truth_once_started.py",
    # Needs no built site: its worker has work while the first build runs (45 s in a fresh clone).
    "tests/feedback/test_load.py",
    "tests/search/test_search_at_scale.py",
    "tests/calculator_pages/test_calculators_in_articles.py",
    "tests/calculator_pages/test_calculator_truth_repeated.py",
    "tests/quality/test_browser_sweep.py",
    "tests/calculator_pages/test_typed_inputs_in_the_page.py",
    "tests/search/test_search_in_browser.py",
    "tests/feedback/test_production.py",
    "tests/admin/test_search_insights_browser.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Chromium, directly or through a fixture, is marked `browser`, so
    `-m "not browser"` (make test-fast) selects the rest without anyone remembering the mark.
    Then the longest files go first (with xdist's --no-loadscope-reorder, they are handed out in
    this order); a file's own tests keep their order."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)

    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)
