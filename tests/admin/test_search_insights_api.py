"""The search-insights endpoint: what the service keeps of a search, and what it refuses."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.dashboard import seed_searches, sign_in, table_rows, today

ENDPOINT = "/api/search-insights"


def a_search(**fields: Any) -> dict[str, Any]:
    report: dict[str, Any] = {"id": str(uuid.uuid4()), "language": "sv",
                              "query": "Dubbel betalning", "results": 3, "opened": None}
    report.update(fields)
    return report


def counters(db: str) -> list[tuple[Any, ...]]:
    return table_rows(db, "SELECT day, language, query, searches, no_results, opened"
                          " FROM search_daily ORDER BY language, query")


def opened_pages(db: str) -> list[tuple[Any, ...]]:
    return table_rows(db, "SELECT query, target, opens FROM search_opened_daily")


def test_a_search_is_counted_per_day_language_and_normalised_query(client: Any, db: str) -> None:
    assert client.post(ENDPOINT, json=a_search(query="  Dubbel   BETALNING ")).status_code == 201
    assert client.post(ENDPOINT, json=a_search(query="dubbel betalning")).status_code == 201
    assert client.post(ENDPOINT, json=a_search(query="moms", results=0)).status_code == 201
    assert client.post(ENDPOINT, json=a_search(language="fi", query="moms")).status_code == 201
    day = today().isoformat()
    assert counters(db) == [(day, "fi", "moms", 1, 0, 0), (day, "sv", "dubbel betalning", 2, 0, 0),
                            (day, "sv", "moms", 1, 1, 0)]


def test_nothing_that_identifies_a_reader_is_stored(client: Any, db: str) -> None:
    response = client.post(ENDPOINT, json=a_search(), headers={"X-Forwarded-For": "203.0.113.9",
                                                               "Cookie": "tracking=abc"})
    assert response.status_code == 201
    assert "set-cookie" not in response.headers
    stored = [str(value) for table in ("search_daily", "search_opened_daily")
              for row in table_rows(db, f"SELECT * FROM {table}") for value in row]
    assert not any(value in ("127.0.0.1", "testclient", "203.0.113.9", "abc") for value in stored)
    assert not any(len(value) == 36 and value.count("-") == 4 for value in stored)


def test_a_retried_report_is_counted_once_and_its_opened_result_once(client: Any,
                                                                       db: str) -> None:
    report = a_search()
    assert client.post(ENDPOINT, json=report).json()["stored"] == "counted"
    assert client.post(ENDPOINT, json=report).json()["stored"] == "duplicate"
    opened = {**report, "opened": "/paid-twice/"}
    assert client.post(ENDPOINT, json=opened).json()["stored"] == "opened"
    assert client.post(ENDPOINT, json=opened).json()["stored"] == "duplicate"
    assert client.post(ENDPOINT, json={**report, "opened": "/service-plan/"}).json()["stored"] \
        == "duplicate"
    assert counters(db) == [(today().isoformat(), "sv", "dubbel betalning", 1, 0, 1)]
    assert opened_pages(db) == [("dubbel betalning", "/paid-twice/", 1)]


def test_an_open_whose_search_report_was_lost_counts_both(client: Any, db: str) -> None:
    assert client.post(ENDPOINT, json=a_search(opened="/en/paid-twice/")).status_code == 201
    assert counters(db) == [(today().isoformat(), "sv", "dubbel betalning", 1, 0, 1)]


@pytest.mark.parametrize("opened", ["/paid-twice/", "/en/paid-twice/", "/fi/service-plan/"])
def test_an_opened_article_in_any_language_is_counted(client: Any, db: str, opened: str) -> None:
    assert client.post(ENDPOINT, json=a_search(opened=opened)).status_code == 201
    assert opened_pages(db) == [("dubbel betalning", opened, 1)]


@pytest.mark.parametrize("opened", [
    "/admin/sign-out", "/admin/", "/admin/search.csv", "/api/feedback/report", "/",
    "/en/no-such-article/", "/paid-twice", "/en/paid-twice/../../admin/sign-out",
    "/assets/javascripts/feedback/feedback.js", "/sv/paid-twice/", "/de/paid-twice/",
])
def test_an_opened_page_must_be_an_article_the_build_knows(client: Any, db: str,
                                                           opened: str) -> None:
    response = client.post(ENDPOINT, json=a_search(opened=opened))
    assert response.status_code == 422
    assert [d["field"] for d in response.json()["details"]] == ["opened"]
    assert counters(db) == []


def test_the_dashboard_links_only_to_articles_the_build_knows(client: Any, db: str) -> None:
    # Stored before opened pages were checked against the build's articles.
    seed_searches(db, [(1, "sv", "faktura", 5, 0, 2)],
                  [(1, "sv", "faktura", "/admin/sign-out", 1),
                   (1, "sv", "faktura", "/paid-twice/", 1)])
    assert sign_in(client).status_code == 303
    page = client.get("/admin/search").text
    assert 'href="/paid-twice/"' in page
    assert 'href="/admin/sign-out"' not in page


@pytest.mark.parametrize(("body", "field"), [
    (a_search(id="not-a-uuid"), "id"),
    (a_search(language="de"), "language"),
    (a_search(query="x"), "query"),
    (a_search(query="y" * 101), "query"),
    (a_search(query=["list"]), "query"),
    (a_search(results=-1), "results"),
    (a_search(results=True), "results"),
    (a_search(results=1.5), "results"),
    (a_search(opened="https://evil.example/"), "opened"),
    (a_search(opened="//evil.example/x"), "opened"),
    (a_search(opened="/x?q=1"), "opened"),
    (a_search(results=0, opened="/paid-twice/"), "opened"),
    (a_search(ip="1.2.3.4"), "ip"),
    ({"language": "sv"}, "id"),
])
def test_invalid_reports_get_422_naming_the_field(client: Any, db: str, body: Any,
                                                  field: str) -> None:
    response = client.post(ENDPOINT, json=body)
    assert response.status_code == 422
    assert field in [d["field"] for d in response.json()["details"]]
    assert counters(db) == []


@pytest.mark.parametrize(("kwargs", "status"), [
    ({"content": b"{", "headers": {"Content-Type": "application/json"}}, 400),
    ({"content": b"\xff\xfe", "headers": {"Content-Type": "application/json"}}, 400),
    ({"content": b'{"results": NaN}', "headers": {"Content-Type": "application/json"}}, 400),
    ({"content": b'{"query": "' + b"a" * 3000 + b'"}',
      "headers": {"Content-Type": "application/json"}}, 413),
    ({"content": b"query=moms", "headers": {"Content-Type": "text/plain"}}, 415),
])
def test_malformed_bodies_get_a_clear_4xx(client: Any, kwargs: dict[str, Any],
                                          status: int) -> None:
    response = client.post(ENDPOINT, **kwargs)
    assert response.status_code == status
    assert response.json()["error"]


def test_only_post_is_accepted(client: Any) -> None:
    response = client.get(ENDPOINT)
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


def test_a_client_sending_too_many_reports_is_told_when_to_retry(site_dir: Any, db: str,
                                                                 staff: Any) -> None:
    from helpcenter_server.app import create_app
    from tests.support.feedback import TestClient

    with TestClient(create_app(site_dir, db, search_rate_limit=3, admin_users=staff)) as c:
        statuses = [c.post(ENDPOINT, json=a_search()).status_code for _ in range(4)]
        assert statuses == [201, 201, 201, 429]
        assert int(c.post(ENDPOINT, json=a_search()).headers["retry-after"]) >= 1


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(
    st.dictionaries(st.sampled_from(["id", "language", "query", "results", "opened", "x"]),
                    st.one_of(st.none(), st.booleans(), st.integers(),
                              st.floats(allow_nan=False, allow_infinity=False),
                              st.text(max_size=120), st.lists(st.integers(), max_size=2))),
    st.text(max_size=50), st.integers(),
))
def test_no_report_body_makes_the_service_fail(client: Any, body: Any) -> None:
    assert client.post(ENDPOINT, json=body).status_code < 500


def test_a_query_with_a_lone_surrogate_is_refused_not_stored(client: Any, db: str) -> None:
    body = b'{"id": "%s", "language": "sv", "query": "moms \\ud800", "results": 1}' % (
        str(uuid.uuid4()).encode())
    response = client.post(ENDPOINT, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert counters(db) == []
