"""The dashboard in the production shape: nginx in front of two instances sharing PostgreSQL.
A staff member signed in on one instance stays signed in on the other, and readers' searches
reach the same counters through either."""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.dashboard import CSRF_FIELD, STAFF_PASSWORD, STAFF_USER, staff_file
from tests.support.production import remove_stack, start_stack
from tools.production import ProductionStack

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import httpx

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def stack(built_site: Path, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[ProductionStack]:
    folder = tmp_path_factory.mktemp("dashboard-production")
    started = start_stack(built_site, folder, "--admin-users", str(staff_file(folder)))
    yield started
    remove_stack(started)


def test_a_session_started_on_one_instance_holds_on_every_instance(
        stack: ProductionStack) -> None:
    with httpx.Client(base_url=stack.url) as client:
        assert client.get("/admin/feedback.json").status_code == 401
        form = client.get("/admin/sign-in")
        assert form.status_code == 200
        csrf = CSRF_FIELD.search(form.text)
        assert csrf
        signed_in = client.post("/admin/sign-in", data={
            "csrf": csrf.group(1), "username": STAFF_USER, "password": STAFF_PASSWORD,
            "next": "/admin/search"})
        assert signed_in.status_code == 303
        assert signed_in.headers["location"] == "/admin/search"
        # nginx spreads requests over both instances; each one knows the session.
        statuses = {client.get("/admin/feedback.json").status_code for _ in range(8)}
        assert statuses == {200}
        page = client.get("/admin/")
        assert "Reader feedback" in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]


def test_searches_through_nginx_land_in_postgresql_and_on_the_dashboard(
        stack: ProductionStack) -> None:
    for _ in range(4):
        response = httpx.post(stack.url + "/api/search-insights", json={
            "id": str(uuid.uuid4()), "language": "fi", "query": "laskun eräpäivä",
            "results": 0, "opened": None})
        assert response.status_code == 201
    with httpx.Client(base_url=stack.url) as client:
        form = client.get("/admin/sign-in")
        csrf = CSRF_FIELD.search(form.text)
        assert csrf
        client.post("/admin/sign-in", data={"csrf": csrf.group(1), "username": STAFF_USER,
                                            "password": STAFF_PASSWORD, "next": "/admin/"})
        data = client.get("/admin/search.json?language=fi").json()
    assert [(q["query"], q["no_results"]) for q in data["without_results"]] == [
        ("laskun eräpäivä", 4)]
