"""Fixtures for the dashboard and search-insights tests: both stores, a staff account, a client."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpcenter_server.app import create_app

# The votes' database once per store (SQLite, then the run's real PostgreSQL), as the
# feedback tests have it.
from tests.feedback.conftest import db  # noqa: F401
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


@pytest.fixture
def client(site_dir: Path, db: str, staff: Path) -> Iterator[TestClient]:  # noqa: F811
    app = create_app(site_dir, db, rate_limit=10_000, admin_users=staff)
    with TestClient(app) as c:
        yield c
