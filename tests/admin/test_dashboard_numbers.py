"""What support staff read on the dashboard matches the votes and searches, on both stores."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from typing import Any

from tests.support.dashboard import SeedVote, monday, seed_searches, seed_votes, sign_in, today

VOTES = [
    # paid-twice (sv): 1 yes, 3 no -> 25 % helpful; this week and three weeks ago
    SeedVote("paid-twice", "sv", "yes", 0),
    SeedVote("paid-twice", "sv", "no", 0, "unclear", "Vilket konto?"),
    SeedVote("paid-twice", "sv", "no", 21, "unclear"),
    SeedVote("paid-twice", "sv", "no", 21, "outdated", "<img src=x onerror=alert(1)>"),
    # service-plan (en): 3 yes, 1 no -> 75 %
    *[SeedVote("service-plan", "en", "yes", d) for d in (1, 8, 15)],
    SeedVote("service-plan", "en", "no", 8, "not_answered"),
    # payment-reminder (fi): 2 yes -> 100 %, but 200 days ago
    SeedVote("payment-reminder", "fi", "yes", 200),
    SeedVote("payment-reminder", "fi", "yes", 200),
]


def signed_in(client: Any, db: str) -> Any:
    seed_votes(db, VOTES)
    assert sign_in(client).status_code == 303
    return client


def test_counts_and_helpful_percent_per_article_and_language_least_helpful_first(
        client: Any, db: str) -> None:
    data = signed_in(client, db).get("/admin/feedback.json").json()
    assert data["filters"] == {"language": None, "period": "90", "sort": "least-helpful",
                               "since": str(today() - timedelta(days=89))}
    rows = [(a["article"], a["language"], a["yes"], a["no"], a["helpful_percent"],
             a["comments"]) for a in data["articles"]]
    assert rows == [("paid-twice", "sv", 1, 3, 25.0, 2), ("service-plan", "en", 3, 1, 75.0, 0)]
    assert data["articles"][0]["reasons"] == {"unclear": 2, "outdated": 1, "not_answered": 0,
                                              "other": 0}


def test_filters_by_language_and_period_and_other_sorts(client: Any, db: str) -> None:
    c = signed_in(client, db)

    def rows(query: str) -> list[tuple[str, str]]:
        return [(a["article"], a["language"])
                for a in c.get(f"/admin/feedback.json?{query}").json()["articles"]]

    assert rows("language=en") == [("service-plan", "en")]
    assert rows("period=7") == [("paid-twice", "sv"), ("service-plan", "en")]
    assert c.get("/admin/feedback.json?period=7").json()["articles"][0]["no"] == 1
    assert rows("period=all&sort=most-votes") == [
        ("paid-twice", "sv"), ("service-plan", "en"), ("payment-reminder", "fi")]
    assert rows("period=all&sort=article") == [
        ("paid-twice", "sv"), ("payment-reminder", "fi"), ("service-plan", "en")]
    assert rows("period=all&language=fi") == [("payment-reminder", "fi")]


def test_bad_filters_get_a_clear_400(client: Any, db: str) -> None:
    c = signed_in(client, db)
    response = c.get("/admin/feedback.json?language=de")
    assert response.status_code == 400
    assert "unknown language 'de'" in response.json()["error"]
    page = c.get("/admin/?period=forever")
    assert page.status_code == 400
    assert "unknown period" in page.text


def test_csv_export_is_what_the_page_shows(client: Any, db: str) -> None:
    c = signed_in(client, db)
    response = c.get("/admin/feedback.csv?language=sv&period=90")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="feedback-sv-90.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["article"], r["yes"], r["no"], r["helpful_percent"], r["reason_unclear"])
            for r in rows] == [("paid-twice", "1", "3", "25.0", "2")]
    page = c.get("/admin/?language=sv&period=90").text
    assert "/admin/feedback.csv?language=sv&amp;period=90&amp;sort=least-helpful" in page


def test_weekly_trend_counts_each_week_including_empty_ones(client: Any, db: str) -> None:
    page = signed_in(client, db).get("/admin/?period=30").text
    weeks = re.findall(r'data-start="([\d-]+)" data-yes="(\d+)" data-no="(\d+)" '
                       r'data-helpful="([\d.]*)"', page)
    this_week = monday(today())
    by_start = {start: (int(y), int(n), h) for start, y, n, h in weeks}
    # Every week from the period's first Monday to this one, one bar each.
    assert len(weeks) == (this_week - monday(today() - timedelta(days=29))).days // 7 + 1

    def week(days_ago: int) -> tuple[int, int, str]:
        return by_start[str(monday(today() - timedelta(days=days_ago)))]

    expected: dict[str, list[int]] = {}
    for v in VOTES:
        if v.days_ago <= 29:
            start = str(monday(today() - timedelta(days=v.days_ago)))
            expected.setdefault(start, [0, 0])[0 if v.vote == "yes" else 1] += 1
    assert {s: (y, n) for s, (y, n, _) in by_start.items() if y or n} == {
        s: (y, n) for s, (y, n) in expected.items()}
    assert week(21)[:2] == (0, 2) and week(21)[2] == "0.0"


def test_an_article_page_shows_its_reasons_and_latest_comments_escaped(client: Any,
                                                                      db: str) -> None:
    page = signed_in(client, db).get("/admin/articles/sv/paid-twice?period=90").text
    assert '<g class="reason" data-reason="unclear" data-count="2">' in page
    assert '<g class="reason" data-reason="outdated" data-count="1">' in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img src=x" not in page
    assert page.index("Vilket konto?") < page.index("&lt;img src=x")  # newest first
    unknown = client.get("/admin/articles/sv/no-such-article")
    assert unknown.status_code == 404


def test_search_insights_lists_top_no_result_and_unopened_queries_per_language(
        client: Any, db: str) -> None:
    seed_searches(db, [
        (0, "sv", "dubbelbetalning", 5, 0, 4),
        (3, "sv", "dubbelbetalning", 3, 0, 2),
        (1, "sv", "kvitto", 4, 4, 0),
        (2, "en", "refund", 6, 0, 1),
        (1, "en", "<script>alert('q')</script>", 2, 2, 0),
        (120, "fi", "muistutus", 9, 9, 0),
    ], opened=[(0, "sv", "dubbelbetalning", "/paid-twice/", 6),
               (2, "en", "refund", "/en/paid-twice/", 1)])
    c = signed_in(client, db)
    data = c.get("/admin/search.json").json()
    assert (data["searches"], data["no_results"], data["opened"]) == (20, 6, 7)
    assert [(q["language"], q["query"], q["searches"]) for q in data["top"]] == [
        ("sv", "dubbelbetalning", 8), ("en", "refund", 6), ("sv", "kvitto", 4),
        ("en", "<script>alert('q')</script>", 2)]
    assert [(q["query"], q["no_results"]) for q in data["without_results"]] == [
        ("kvitto", 4), ("<script>alert('q')</script>", 2)]
    assert [(q["query"], q["not_opened"]) for q in data["not_opened"]] == [
        ("refund", 5), ("dubbelbetalning", 2)]
    assert data["top"][0]["opened_pages"] == [{"path": "/paid-twice/", "opens": 6}]
    english = c.get("/admin/search.json?language=en&period=all").json()
    assert {q["language"] for q in english["top"]} == {"en"}
    page = c.get("/admin/search").text
    assert "&lt;script&gt;alert(&#39;q&#39;)&lt;/script&gt;" in page
    assert "<script>" not in page
    assert "Add “kvitto” to <code>also_asked:</code>" in page
    rows = list(csv.reader(io.StringIO(c.get("/admin/search.csv").text)))
    assert rows[0][:3] == ["list", "language", "query"]
    assert ["no_results", "sv", "kvitto", "4", "4", "0", "0", ""] in rows
