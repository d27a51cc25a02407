"""Every page says which language it is in and where its translations are: <html lang>,
hreflang alternates, the language selector, the sitemap, and a 404 page per language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.support.site_html import (
    DEFAULT,
    LANGUAGES,
    catalogue,
    file_for,
    html_pages,
    language_of,
    material_string,
    page_path,
    parse,
    site_origin,
    sitemap,
    url_path,
)

NOT_FOUND = {lang: ("/404.html" if lang == DEFAULT else f"/{lang}/404.html") for lang in LANGUAGES}


def content_pages(site: Path) -> list[Path]:
    return [p for p in html_pages(site) if p.name != "404.html"]


def slug_of(path: str) -> str:
    parts = path.strip("/").split("/")
    if parts and parts[0] in LANGUAGES:
        parts = parts[1:]
    return "/".join(p for p in parts if p)


def test_every_page_declares_its_language_in_html_lang(built_site: Path) -> None:
    wrong = {
        url_path(built_site, page): parse(page).lang
        for page in html_pages(built_site)
        if parse(page).lang != language_of(url_path(built_site, page))
    }
    assert len(html_pages(built_site)) >= 3 * 2
    assert wrong == {}


def test_every_page_names_each_translation_and_x_default_as_hreflang_alternates(
    built_site: Path,
) -> None:
    origin = site_origin(built_site)
    for page in content_pages(built_site):
        here = url_path(built_site, page)
        slug = slug_of(here)
        expected = {lang: origin + page_path(lang, slug) for lang in LANGUAGES}
        expected["x-default"] = origin + page_path(DEFAULT, slug)
        alternates = parse(page).hreflang_links()
        assert alternates == expected, here
        assert alternates[language_of(here)] == origin + here
        for href in alternates.values():
            assert file_for(built_site, href[len(origin):]) is not None, f"{here}: {href}"


def test_language_selector_offers_the_same_page_in_every_language(built_site: Path) -> None:
    for page in content_pages(built_site):
        here = url_path(built_site, page)
        links = {
            e.attrs["hreflang"]: e.attrs["href"]
            for e in parse(page).with_class("a", "md-select__link")
        }
        assert links == {lang: page_path(lang, slug_of(here)) for lang in LANGUAGES}, here


def test_sitemap_lists_every_page_with_its_translations(built_site: Path) -> None:
    origin = site_origin(built_site)
    entries = sitemap(built_site)
    pages = {origin + url_path(built_site, p): p for p in content_pages(built_site)}
    assert set(entries) == set(pages)
    for url, alternates in entries.items():
        assert alternates == parse(pages[url]).hreflang_links(), url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_404_page(built_site: Path, lang: str) -> None:
    found = file_for(built_site, NOT_FOUND[lang])
    assert found is not None
    page = parse(found)
    ui = catalogue(lang)
    assert page.lang == lang
    assert [e.text for e in page.find("h1")] == [ui["site.not_found_title"]]
    home_links = [e for e in page.find("a") if e.text == ui["site.not_found_home"]]
    assert [e.attrs["href"] for e in home_links] == [page_path(lang, "")]
    assert ui["site.not_found_search"] in [e.text for e in page.find("p")]
    # Its 404 status keeps it out of search indexes (both servers answer 404 even at its own
    # address); a robots meta would only hide the page's description from audits.
    assert not page.find("meta", name="robots")
    assert page.find("meta", name="description", content=ui["site.not_found_text"])
    assert page.hreflang_links() == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_material_interface_speaks_the_page_language(built_site: Path, lang: str) -> None:
    for page in [*content_pages(built_site), file_for(built_site, NOT_FOUND[lang])]:
        assert page is not None
        if language_of(url_path(built_site, page)) != lang:
            continue
        html = page.read_text(encoding="utf-8")
        placeholder = material_string(lang, "search.placeholder")
        assert re.search(rf'placeholder="{re.escape(placeholder)}"', html), page
        selector = material_string(lang, "select.language")
        assert parse(page).find("button", **{"aria-label": selector}), page
