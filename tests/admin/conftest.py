"""Fixtures for the dashboard and search-insights tests: both stores, a staff account, a client."""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from feedback_service.app import create_app
from tests.feedback.helpers import make_site

from .support import staff_file

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette suggests the httpx2 fork; httpx still works
    from starlette.testclient import TestClient


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


@pytest.fixture
def staff(tmp_path: Path) -> Path:
    return staff_file(tmp_path)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The votes' database, once per store: a SQLite file, then a fresh database in the run's
    real PostgreSQL (the `postgres` fixture of tests/conftest.py)."""
    if request.param == "sqlite":
        yield str(tmp_path / "feedback.sqlite3")
        return
    server = request.getfixturevalue("postgres")
    name = f"admin_{uuid.uuid4().hex[:12]}"
    url: str = server.create_database(name)
    try:
        yield url
    finally:
        server.drop_database(name)


@pytest.fixture
def client(site_dir: Path, db: str, staff: Path) -> Iterator[TestClient]:
    app = create_app(site_dir, db, rate_limit=10_000, admin_users=staff)
    with TestClient(app) as c:
        yield c
