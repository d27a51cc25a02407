"""Readers find the right article in their language by typing into the site's search box."""

from __future__ import annotations

from typing import Any

import pytest

from tests.search import evaluate as evaluation

CONTACTS = ("severa.invoicing@visma.com", "severa.support@visma.com")


@pytest.mark.browser
def test_customer_queries_find_their_article_in_the_top_three_in_every_language(
    page: Any, live_server: Any
) -> None:
    reports = evaluation.evaluate(page, live_server.url)
    print("\n" + evaluation.format_report(reports))
    assert set(reports) == {"sv", "en", "fi"}
    for report in reports.values():
        assert len(report.outcomes) >= 30
        assert report.rate(3) >= evaluation.TOP3_REQUIRED, evaluation.format_report(reports)


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "query"), [("en", "licence"), ("sv", "licens"),
                                             ("fi", "lisenssi")])
def test_search_shows_only_articles_in_the_pages_language(
    page: Any, live_server: Any, lang: str, query: str
) -> None:
    box = evaluation.open_search(page, live_server.url, lang)
    evaluation.run_query(page, box, query)
    hrefs = page.evaluate(evaluation._HITS)
    assert hrefs, f"no results for {query!r} on {lang}"
    prefix = evaluation.LANGUAGE_ROOTS[lang]
    for href in hrefs:
        path = href.split("//", 1)[1].split("/", 1)[1]
        first = path.split("/", 1)[0]
        if lang == "sv":
            assert first not in ("en", "fi"), href
        else:
            assert ("/" + path).startswith(prefix), href


@pytest.mark.browser
def test_english_search_does_not_find_swedish_words(page: Any, live_server: Any) -> None:
    box = evaluation.open_search(page, live_server.url, "en")
    hits, _ = evaluation.run_query(page, box, "överbetalning")
    assert hits == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["sv", "en", "fi"])
def test_search_without_results_suggests_both_contact_addresses(
    page: Any, live_server: Any, lang: str
) -> None:
    box = evaluation.open_search(page, live_server.url, lang)
    dialog = page.get_by_role("dialog")
    for address in CONTACTS:
        assert not dialog.get_by_role("link", name=address).is_visible()
    hits, _ = evaluation.run_query(page, box, "qzxwvkj")
    assert hits == []
    for address in CONTACTS:
        link = dialog.get_by_role("link", name=address)
        link.wait_for(state="visible")
        assert link.get_attribute("href") == f"mailto:{address}"
    evaluation.run_query(page, box, evaluation.load_queries()[lang][0].text)
    assert not dialog.get_by_role("link", name=CONTACTS[0]).is_visible()
