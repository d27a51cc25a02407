"""Fixtures for the feedback service tests."""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpcenter_server.app import create_app

with warnings.catch_warnings():
    # Starlette suggests the httpx2 fork for its TestClient; httpx still works.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from .helpers import REPORT_TOKEN, ServiceProcess, make_site


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where the votes go, once per store: a SQLite file, then a fresh database in the
    session's real PostgreSQL server (tests/conftest.py)."""
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


@pytest.fixture
def client(site_dir: Path, db: str) -> Iterator[TestClient]:
    app = create_app(site_dir, db, rate_limit=10_000, report_token=REPORT_TOKEN)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def service(site_dir: Path, db: str) -> Iterator[Callable[..., ServiceProcess]]:
    started: list[ServiceProcess] = []

    def start(*extra: str) -> ServiceProcess:
        server = ServiceProcess(site_dir, db, *extra)
        started.append(server)
        server.start()
        return server

    yield start
    for server in started:
        server.stop()
