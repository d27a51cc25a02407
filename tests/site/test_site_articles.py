"""What readers find around the articles: the home page by topic and most asked, the navigation
by topic, and after each article its related articles and whom to e-mail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.support.site_html import (
    LANGUAGES,
    TOPICS,
    ParsedPage,
    _Parser,
    articles,
    catalogue,
    file_for,
    normalise,
    page_path,
    resolve,
)

ADDRESSES = {"support": "severa.support@visma.com", "invoicing": "severa.invoicing@visma.com"}


def fragment(html: str, opening: str, closing: str) -> ParsedPage:
    """The part of a page from the first `opening` to the next `closing` tag, parsed."""
    start = html.find(opening)
    assert start >= 0, f"no {opening!r}"
    parser = _Parser()
    parser.feed(html[start: html.index(closing, start) + len(closing)])
    for element in parser.page.elements:
        element.text = normalise(element.text)
    return parser.page


def built(site: Path, lang: str, slug: str) -> tuple[str, str]:
    path = page_path(lang, slug)
    found = file_for(site, path)
    assert found is not None, path
    return path, found.read_text(encoding="utf-8")


def linked_pages(here: str, part: ParsedPage) -> list[tuple[str, str]]:
    return [(resolve(here, e.attrs["href"]), e.text) for e in part.find("a")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_article_ends_with_the_contact_for_its_topic(built_site: Path, lang: str) -> None:
    ui = catalogue(lang)
    assert articles(lang)
    for slug, meta in articles(lang).items():
        _, html = built(built_site, lang, slug)
        box = fragment(html, '<aside class="site-contact"', "</aside>")
        assert [e.text for e in box.find("h2")] == [ui["contact.heading"]], slug
        mails = [e.attrs["href"] for e in box.find("a") if e.attrs["href"].startswith("mailto:")]
        if meta["contact"] == "local":
            assert mails == [], slug
            assert [e.text for e in box.find("p")] == [ui["contact.local"]], slug
        else:
            assert mails == [f"mailto:{ADDRESSES[meta['contact']]}"], slug
            assert box.find("p")[0].text.startswith(ui[f"contact.{meta['contact']}"]), slug


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_article_links_its_related_articles_by_title(built_site: Path, lang: str) -> None:
    known = articles(lang)
    for slug, meta in known.items():
        here, html = built(built_site, lang, slug)
        related = meta.get("related") or []
        if not related:
            continue
        part = fragment(html, '<nav class="site-related"', "</nav>")
        assert [e.text for e in part.find("h2")] == [catalogue(lang)["site.related"]]
        assert linked_pages(here, part) == [
            (page_path(lang, other), known[other]["title"]) for other in related
        ], slug


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_groups_every_article_under_its_topic(built_site: Path, lang: str) -> None:
    ui = catalogue(lang)
    here, html = built(built_site, lang, "")
    known = articles(lang)
    seen: list[str] = []
    for topic in TOPICS:
        members = {s for s, m in known.items() if m["topic"] == topic}
        if not members:
            continue
        part = fragment(html, f'<section class="site-topic" aria-labelledby="site-topic-{topic}"',
                        "</section>")
        assert [e.text for e in part.find("h3")] == [ui[f"topic.{topic}"]]
        links = linked_pages(here, part)
        assert {path for path, _ in links} == {page_path(lang, s) for s in members}
        for path, title in links:
            slug = path.strip("/").split("/")[-1]
            assert title == known[slug]["title"]
            seen.append(slug)
    assert sorted(seen) == sorted(known)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_lists_the_most_asked_questions_in_rank_order(
    built_site: Path, lang: str
) -> None:
    here, html = built(built_site, lang, "")
    ranked = sorted((m["popular"], s) for s, m in articles(lang).items() if "popular" in m)
    assert ranked, "no article has a popular rank"
    part = fragment(html, '<section class="site-most-asked"', "</section>")
    assert [e.text for e in part.find("h2")] == [catalogue(lang)["site.most_asked"]]
    assert linked_pages(here, part) == [
        (page_path(lang, s), articles(lang)[s]["title"]) for _, s in ranked
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_navigation_lists_the_topics_in_the_page_language(built_site: Path, lang: str) -> None:
    _, html = built(built_site, lang, "")
    nav = html[html.index('md-nav--primary'):]
    labels = [normalise(re.sub(r"<[^>]+>", "", m)) for m in
              re.findall(r'<label class="md-nav__link"[^>]*>(.*?)</label>', nav, re.S)]
    used = [t for t in TOPICS if any(m["topic"] == t for m in articles(lang).values())]
    assert [label for label in labels if label] == [catalogue(lang)[f"topic.{t}"] for t in used]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_topic_has_a_page_listing_all_its_articles_in_the_page_language(
    built_site: Path, lang: str
) -> None:
    ui = catalogue(lang)
    known = articles(lang)
    for topic in TOPICS:
        members = [s for s, m in known.items() if m["topic"] == topic]
        if not members:
            continue
        here, html = built(built_site, lang, f"topics/{topic}")
        title = ui["topic.page_title"].format(topic=ui[f"topic.{topic}"])
        assert f"<title>{title}" in html
        part = fragment(html, '<ul class="site-topic-list"', "</ul>")
        assert sorted(linked_pages(here, part)) == sorted(
            (page_path(lang, slug), known[slug]["title"]) for slug in members
        )
