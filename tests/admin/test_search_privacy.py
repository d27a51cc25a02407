"""Readers' personal data never gets into the search insights: every case of the table beside
the filter (helpcenter_server/insights/personal_data.yml) is dropped or kept as it says, by the
filter itself and by the endpoint, and nothing dropped shows on the dashboard or its exports.

The browser does not filter: search-insights.js sends the query as typed and the service alone
decides, so there is one rule to keep right (and this table to keep it honest)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpcenter_server.insights import privacy
from tests.support.dashboard import sign_in, table_rows

TABLE = yaml.safe_load(Path(privacy.__file__).with_name("personal_data.yml")
                       .read_text(encoding="utf-8"))
DROPPED: list[dict[str, str]] = TABLE["dropped"]
KEPT: list[dict[str, str]] = TABLE["kept"]


def case_id(case: dict[str, str]) -> str:
    return case["query"].encode("unicode_escape").decode("ascii")


def test_the_table_holds_enough_cases_of_both_kinds() -> None:
    assert len(DROPPED) >= 20 and len(KEPT) >= 20 and len(DROPPED) + len(KEPT) >= 40
    queries = [c["query"] for c in DROPPED + KEPT]
    assert len(set(queries)) == len(queries), "a query is listed twice"
    assert all(c.get("why") for c in DROPPED + KEPT), "every case says why"


@pytest.mark.parametrize("case", DROPPED, ids=case_id)
def test_a_query_holding_personal_data_is_dropped(case: dict[str, str]) -> None:
    assert privacy.personal_data_kind(privacy.normalise(case["query"])) is not None, case["why"]


@pytest.mark.parametrize("case", KEPT, ids=case_id)
def test_an_everyday_query_is_kept(case: dict[str, str]) -> None:
    assert privacy.personal_data_kind(privacy.normalise(case["query"])) is None, case["why"]


def test_the_endpoint_stores_exactly_the_kept_queries(client: Any, db: str) -> None:
    answers = {}
    for case in DROPPED + KEPT:
        response = client.post("/api/search-insights", json={
            "id": str(uuid.uuid4()), "language": "sv", "query": case["query"], "results": 2,
            "opened": None})
        answers[case["query"]] = (response.status_code, response.json().get("stored"))
    wrong = {q: a for q, a in answers.items()
             if a != ((200, "dropped") if q in {c["query"] for c in DROPPED} else (201, "counted"))}
    assert not wrong, wrong
    stored = {query for (query,) in table_rows(db, "SELECT query FROM search_daily")}
    assert stored == {privacy.normalise(c["query"]) for c in KEPT}
    assert sign_in(client).status_code == 303
    shown = client.get("/admin/search?period=all").text + client.get(
        "/admin/search.csv?period=all").text
    for case in DROPPED:
        assert privacy.normalise(case["query"]) not in shown, case["why"]
