"""Fixtures for the feedback service tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpcenter_server.app import create_app
from tests.support.feedback import REPORT_TOKEN, ServiceProcess, TestClient, make_site


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


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
