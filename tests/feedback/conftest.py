"""Fixtures for the feedback service tests."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from feedback_service.app import create_app

with warnings.catch_warnings():
    # Starlette suggests the httpx2 fork for its TestClient; httpx still works.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from .helpers import REPORT_TOKEN, ServiceProcess, make_site


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "feedback.sqlite3"


@pytest.fixture
def client(site_dir: Path, db_path: Path) -> Iterator[TestClient]:
    app = create_app(site_dir, db_path, rate_limit=10_000, report_token=REPORT_TOKEN)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def service(site_dir: Path, db_path: Path) -> Iterator[Callable[..., ServiceProcess]]:
    started: list[ServiceProcess] = []

    def start(*extra: str) -> ServiceProcess:
        server = ServiceProcess(site_dir, db_path, *extra)
        started.append(server)
        server.start()
        return server

    yield start
    for server in started:
        server.stop()
