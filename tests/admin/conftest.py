"""Fixtures for the dashboard and search-insights tests: both stores, a staff account, a client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from helpcenter_server.app import create_app
from tests.support.dashboard import staff_file
from tests.support.feedback import TestClient, make_site


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


@pytest.fixture
def staff(tmp_path: Path) -> Path:
    return staff_file(tmp_path)


@pytest.fixture
def client(site_dir: Path, db: str, staff: Path) -> Iterator[TestClient]:
    app = create_app(site_dir, db, rate_limit=10_000, admin_users=staff)
    with TestClient(app) as c:
        yield c
