"""What authors can rely on from the site model (helpcenter/site_model.py): every article is
found in every language at its URL, with its alternates, its topic and its related articles as
the front matter says, and mistakes in the front matter are named with the file to fix."""

from __future__ import annotations

import pytest
import yaml
from tests.support.site_html import DOCS, LANGUAGES, TOPICS, articles

from helpcenter.site_model import Language, SiteModel

LANGS = [Language("sv", "Svenska", True, ""), Language("en", "English", False, "en/"),
         Language("fi", "Suomi", False, "fi/")]
TITLES = {lang.code: {t: f"{lang.code}:{t}" for t in TOPICS} for lang in LANGS}


def real_site(site_url: str = "https://help.example/") -> SiteModel:
    sources = [
        (path.relative_to(DOCS).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(DOCS.rglob("*.md"))
    ]
    return SiteModel.from_sources(LANGS, site_url, sources, topic_titles=TITLES)


def article(title: str, topic: str = "payments", **meta: object) -> str:
    front = {"title": title, "topic": topic, "contact": "support", **meta}
    return f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n\n# {title}\n"


def test_every_article_is_found_in_every_language_with_its_front_matter() -> None:
    model = real_site()
    for lang in LANGUAGES:
        expected = articles(lang)
        assert {page.slug for page in model.articles(lang)} == set(expected)
        for page in model.articles(lang):
            meta = expected[page.slug]
            assert page.title == meta["title"]
            assert page.topic == meta["topic"]
            assert page.related == tuple(meta["related"])
            assert page.contact == meta["contact"]
            assert page.src_uri == f"{lang}/{page.slug}.md"


def test_each_article_lists_the_same_article_in_every_language_as_alternates() -> None:
    model = real_site()
    for page in model.articles("sv"):
        alternates = model.alternates(page.slug)
        assert [(p.lang, p.url) for p in alternates] == [
            ("sv", f"{page.slug}/"), ("en", f"en/{page.slug}/"), ("fi", f"fi/{page.slug}/")
        ]
        assert model.absolute_url("en", page.slug) == f"https://help.example/en/{page.slug}/"


def test_home_pages_are_the_language_roots() -> None:
    model = real_site("https://example.org/help/")
    assert [p.url for p in model.alternates("")] == ["", "en/", "fi/"]
    assert model.root_path("fi", "") == "/help/fi/"
    assert model.language_of_url("fi/paid-twice/").code == "fi"
    assert model.language_of_url("paid-twice/").code == "sv"


def test_related_articles_are_the_named_ones_in_the_same_language_and_order() -> None:
    model = real_site()
    for lang in LANGUAGES:
        for page in model.articles(lang):
            related = model.related(page)
            assert [p.slug for p in related] == list(articles(lang)[page.slug]["related"])
            assert {p.lang for p in related} <= {lang}


def test_topics_hold_every_article_once_most_asked_first() -> None:
    model = real_site()
    for lang in LANGUAGES:
        by_topic = model.by_topic(lang)
        assert list(by_topic) == list(TOPICS)
        listed = [p.slug for members in by_topic.values() for p in members]
        assert sorted(listed) == sorted(articles(lang))
        for topic, members in by_topic.items():
            assert all(p.topic == topic for p in members)
            ranks = [p.popular for p in members if p.popular is not None]
            assert ranks == sorted(ranks)
            assert members[: len(ranks)] == [p for p in members if p.popular is not None]


def test_every_topic_with_articles_has_a_page_in_every_language() -> None:
    model = real_site()
    for lang in LANGUAGES:
        pages = model.topic_pages(lang)
        assert [p.listed_topic for p in pages] == [t for t in TOPICS if model.by_topic(lang)[t]]
        for page in pages:
            assert page.title == TITLES[lang][str(page.listed_topic)]
            assert not page.is_article
            assert len(model.alternates(page.slug)) == len(LANGUAGES)


def test_the_real_articles_have_nothing_to_fix() -> None:
    addresses = {"support": "s@example.org", "invoicing": "i@example.org"}
    assert real_site().problems(addresses) == []


def test_an_author_is_told_which_translation_is_missing() -> None:
    model = SiteModel.from_sources(LANGS, "/", [
        ("sv/vat.md", article("Moms")), ("en/vat.md", article("VAT")),
    ])
    assert model.problems({"support": "x"}) == [
        "'vat' has no Suomi version: add docs/fi/vat.md"
    ]
    assert [p.lang for p in model.alternates("vat")] == ["sv", "en"]


def test_an_author_is_told_about_related_slugs_topics_and_contacts_that_do_not_exist() -> None:
    model = SiteModel.from_sources(LANGS[:1], "/", [
        ("sv/a.md", article("A", related=["b", "missing"])),
        ("sv/b.md", article("B", topic="weather", contact="nobody")),
    ])
    assert sorted(model.problems({"support": "x"})) == [
        "docs/sv/a.md: related article 'missing' does not exist",
        "docs/sv/b.md: contact 'nobody' is not one of support, invoicing, local",
        "docs/sv/b.md: topic 'weather' is not one of licences, subscription, payments, cancelling",
    ]
    a = model.page("sv", "a")
    assert a is not None
    assert [p.slug for p in model.related(a)] == ["b"]


def test_a_page_is_found_from_its_source_file_and_a_nested_index_is_its_folder() -> None:
    model = SiteModel.from_sources(LANGS, "/", [
        ("en/index.md", "# Home\n"), ("en/guides/index.md", "# Guides\n"),
        ("en/guides/vat.md", article("VAT")), ("assets/logo.md", "# not a page\n"),
    ])
    assert sorted(model.pages("en")) == ["", "guides", "guides/vat"]
    found = model.page_for("en/guides/vat.md")
    assert found is not None and found.url == "en/guides/vat/"
    assert model.page_for("assets/logo.md") is None


def test_the_version_changes_when_the_article_text_changes() -> None:
    before = SiteModel.from_sources(LANGS[:1], "/", [("sv/a.md", article("A"))])
    after = SiteModel.from_sources(LANGS[:1], "/", [("sv/a.md", article("A") + "More.\n")])
    page_before, page_after = before.page("sv", "a"), after.page("sv", "a")
    assert page_before is not None and page_after is not None
    assert page_before.version != page_after.version


@pytest.mark.parametrize("url_form", [True, False])
def test_urls_follow_use_directory_urls(url_form: bool) -> None:
    model = SiteModel.from_sources(LANGS, "/", [("en/vat.md", article("VAT"))],
                                   use_directory_urls=url_form)
    assert model.url("en", "vat") == ("en/vat/" if url_form else "en/vat.html")
