"""The HTTP API as a page, a misbehaving client and a support agent see it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpcenter_server.app import create_app
from tests.support.feedback import REPORT_TOKEN, TestClient, a_vote, dump, rows

URL = "/api/feedback"


def post(client: TestClient, body: Any, **headers: str) -> Any:
    return client.post(URL, content=json.dumps(body).encode(),
                       headers={"Content-Type": "application/json", **headers})


def test_a_new_vote_is_created_and_a_retry_is_acknowledged_without_a_second_row(
        client: TestClient, db: str) -> None:
    vote = a_vote(vote="no", reason="not_answered", comment="Svarar inte på frågan")
    first = post(client, vote)
    again = post(client, vote)
    assert (first.status_code, first.json()["stored"]) == (201, "created")
    assert (again.status_code, again.json()["stored"]) == (200, "unchanged")
    [row] = rows(db)
    assert dict(row) | {"received_at": None} == {
        "vote_id": vote["id"], "article": "paid-twice", "language": "sv", "vote": "no",
        "reason": "not_answered", "comment": "Svarar inte på frågan", "page_version": "v1",
        "revision": 1, "received_at": None}


def test_changing_a_vote_keeps_only_the_latest(client: TestClient, db: str) -> None:
    vote = a_vote(language="fi", revision=100)
    post(client, vote)
    changed = post(client, {**vote, "revision": 101, "vote": "no", "reason": "other"})
    assert (changed.status_code, changed.json()["stored"]) == (200, "updated")
    assert [(r["vote"], r["reason"]) for r in rows(db)] == [("no", "other")]


def test_no_address_or_other_personal_data_is_stored(client: TestClient, db: str) -> None:
    post(client, a_vote(), **{"User-Agent": "Secret/1.0", "X-Forwarded-For": "203.0.113.9"})
    text = dump(db)
    assert "paid-twice" in text, "the dump shows nothing"
    assert "testclient" not in text and "203.0.113.9" not in text and "Secret" not in text


BAD_BODIES: list[tuple[str, bytes, int, str]] = [
    ("malformed JSON", b'{"vote": ', 400, "not valid JSON"),
    ("not UTF-8", b"\xc3\x28", 400, "not UTF-8"),
    ("an array", b"[]", 422, "must be a JSON object"),
    ("a wrong type", json.dumps(a_vote(revision="1")).encode(), 422, "revision"),
    ("an unknown article", json.dumps(a_vote(article="refunds")).encode(), 422, "unknown article"),
    ("an unknown language", json.dumps(a_vote(language="de")).encode(), 422, "unknown language"),
    ("an unknown field", json.dumps(a_vote(email="a@b.se")).encode(), 422, "unknown field"),
    ("a too long comment", json.dumps(a_vote(vote="no", comment="x" * 1001)).encode(), 422,
     "at most 1000"),
    ("an oversized body", json.dumps(a_vote(vote="no", comment="x" * 5000)).encode(), 413,
     "larger than 4096 bytes"),
]


@pytest.mark.parametrize(("case", "body", "status", "message"), BAD_BODIES,
                         ids=[case for case, *_ in BAD_BODIES])
def test_bad_input_gets_a_4xx_with_a_clear_message_and_stores_nothing(
        client: TestClient, db: str, case: str, body: bytes, status: int,
        message: str) -> None:
    response = client.post(URL, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == status
    assert message in json.dumps(response.json(), ensure_ascii=False)
    assert rows(db) == []


def test_an_oversized_body_without_content_length_is_cut_off(
        client: TestClient, db: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"comment": "'
        for _ in range(100):
            yield b"x" * 100
        yield b'"}'

    response = client.post(URL, content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert rows(db) == []


def test_a_vote_must_be_sent_as_json(client: TestClient, db: str) -> None:
    response = client.post(URL, data={"vote": "yes"})
    assert response.status_code == 415
    assert "application/json" in response.json()["error"]
    assert rows(db) == []


def test_a_vote_id_reused_for_another_article_is_refused(
        client: TestClient, db: str) -> None:
    vote = a_vote()
    post(client, vote)
    response = post(client, {**vote, "article": "service-plan", "revision": 2})
    assert response.status_code == 409
    assert [r["article"] for r in rows(db)] == ["paid-twice"]


def test_only_post_is_allowed_and_unknown_api_paths_answer_in_json(client: TestClient) -> None:
    response = client.get(URL)
    assert response.status_code == 405 and response.json()["error"]
    assert client.get("/api/votes").json() == {"error": "no API endpoint at /api/votes"}


def test_a_flood_from_one_client_is_rate_limited(site_dir: Path, db: str) -> None:
    with TestClient(create_app(site_dir, db, rate_limit=3)) as client:
        statuses = [post(client, a_vote()).status_code for _ in range(4)]
        refused = post(client, a_vote())
    assert statuses == [201, 201, 201, 429]
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "too many votes" in refused.json()["error"]
    assert len(rows(db)) == 3


def test_behind_a_trusted_proxy_the_rate_limit_counts_each_reader(site_dir: Path,
                                                                 db: str) -> None:
    # TestClient's peer address is "testclient": here it plays the proxy in front.
    app = create_app(site_dir, db, rate_limit=2, trusted_proxies=["testclient"])
    with TestClient(app) as client:
        def from_reader(address: str) -> int:
            return int(post(client, a_vote(), **{"X-Forwarded-For": address}).status_code)

        first = [from_reader("203.0.113.7") for _ in range(3)]
        other = from_reader("198.51.100.4")
    assert first == [201, 201, 429]
    assert other == 201


def test_x_forwarded_for_from_an_untrusted_peer_cannot_dodge_the_limit(site_dir: Path,
                                                                       db: str) -> None:
    app = create_app(site_dir, db, rate_limit=2, trusted_proxies=["192.0.2.1"])
    with TestClient(app) as client:
        statuses = [post(client, a_vote(), **{"X-Forwarded-For": f"203.0.113.{n}"}).status_code
                    for n in range(3)]
    assert statuses == [201, 201, 429]


def test_cors_allows_only_the_configured_origins(site_dir: Path, db: str) -> None:
    app = create_app(site_dir, db, cors_origins=["https://help.example.com"])
    with TestClient(app) as client:
        def preflight(origin: str) -> Any:
            return client.options(URL, headers={
                "Origin": origin, "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type"})

        allowed = preflight("https://help.example.com")
        refused = preflight("https://evil.example.net")
        vote = post(client, a_vote(), Origin="https://help.example.com")
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://help.example.com"
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    assert vote.headers["access-control-allow-origin"] == "https://help.example.com"


def test_without_configured_origins_no_other_site_may_post(client: TestClient) -> None:
    response = post(client, a_vote(), Origin="https://evil.example.net")
    assert "access-control-allow-origin" not in response.headers


def test_the_report_api_needs_the_token(client: TestClient) -> None:
    post(client, a_vote(vote="no", reason="unclear", comment="<script>alert(1)</script>"))
    missing = client.get(f"{URL}/report")
    wrong = client.get(f"{URL}/report", headers={"Authorization": "Bearer nope"})
    right = client.get(f"{URL}/report", headers={"Authorization": f"Bearer {REPORT_TOKEN}"})
    assert missing.status_code == wrong.status_code == 401
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    [page] = right.json()["pages"]
    assert (page["article"], page["language"], page["no"], page["helpful_percent"]) == (
        "paid-twice", "sv", 1, 0.0)
    assert page["latest_comments"][0]["text"] == "<script>alert(1)</script>"
    assert right.headers["content-type"] == "application/json"
    assert right.headers["cache-control"] == "no-store"


def test_the_report_api_serves_csv(client: TestClient) -> None:
    post(client, a_vote(language="en"))
    response = client.get(f"{URL}/report?format=csv",
                          headers={"Authorization": f"Bearer {REPORT_TOKEN}"})
    assert response.headers["content-type"].startswith("text/csv")
    [row] = list(csv.DictReader(io.StringIO(response.text)))
    assert (row["article"], row["language"], row["yes"], row["helpful_percent"]) == (
        "paid-twice", "en", "1", "100.0")


def test_the_report_api_is_off_without_a_token(site_dir: Path, db: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FEEDBACK_REPORT_TOKEN", raising=False)
    with TestClient(create_app(site_dir, db)) as client:
        response = client.get(f"{URL}/report", headers={"Authorization": "Bearer "})
    assert response.status_code == 404
    assert "FEEDBACK_REPORT_TOKEN" in response.json()["error"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
vote_like = st.fixed_dictionaries({}, optional={
    "id": st.uuids().map(str) | json_values, "revision": st.integers() | json_values,
    "article": st.sampled_from(["paid-twice", "nope", ""]) | json_values,
    "language": st.sampled_from(["sv", "en", "fi", "de"]) | json_values,
    "vote": st.sampled_from(["yes", "no"]) | json_values,
    "reason": st.sampled_from(["unclear", "other", "x"]) | json_values,
    "comment": st.text(max_size=50) | json_values,
    "page_version": st.sampled_from(["v1", "<x>"]) | json_values,
    "extra": json_values,
})


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode())
       | vote_like.map(lambda v: json.dumps(v).encode()))
def test_fuzzed_bodies_never_cause_a_server_error(client: TestClient, db: str,
                                                  body: bytes) -> None:
    before = len(rows(db))
    response = client.post(URL, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code < 500
    assert response.json()
    if response.status_code >= 400:
        assert len(rows(db)) == before
