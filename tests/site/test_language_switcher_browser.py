"""A reader who moves around the site with instant navigation and then picks another language
lands on the same article in that language."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from tests.support.site_html import articles, catalogue, material_string, page_path, site_origin

LANGUAGE_NAMES = {"sv": "Svenska", "en": "English", "fi": "Suomi"}
START = "licence-changes"


def at(url: str) -> re.Pattern[str]:
    # navigation.tracking adds the #section in view to the URL.
    return re.compile(re.escape(url) + "(#.*)?$")


@pytest.fixture
def site_origin_page(page: Page, built_site: Path, live_server: Any) -> tuple[Page, str]:
    """A browser tab on site_url's origin: Material's instant navigation only takes over links of
    the origin in sitemap.xml, so the test site is built for the server's own address."""
    origin = site_origin(built_site)
    assert origin == live_server.url, "the test site must be built for the server's origin"
    return page, origin


def move_instantly(page: Page, origin: str, language: str, related: str) -> None:
    """Open START and follow its related-article link by instant navigation.

    Material drops a click that comes before its sitemap.xml has been read (the reader then
    gets an ordinary page load), so the click waits for the sitemap. Chromium may still run a
    click ahead of the task that reads the arrived sitemap, so a page load is retried."""
    link = page.get_by_role("navigation", name=catalogue(language)["site.related"]).get_by_role(
        "link", name=articles(language)[related]["title"], exact=True
    )
    for _ in range(3):
        with page.expect_response(lambda r: r.url.endswith("/sitemap.xml")) as sitemap:
            page.goto(origin + page_path(language, START))
        sitemap.value.finished()
        page.evaluate("window.__sameDocument = true")
        link.click()
        expect(page).to_have_url(at(origin + page_path(language, related)))
        expect(page.get_by_role("heading", level=1)).to_contain_text(
            articles(language)[related]["title"]
        )
        # Still the same document: the move was an instant navigation, not a page load.
        if page.evaluate("window.__sameDocument === true"):
            return
    pytest.fail("three clicks after sitemap.xml arrived were page loads, not instant navigation")


@pytest.mark.browser
@pytest.mark.parametrize(("start", "target"), [("sv", "en"), ("en", "sv"), ("fi", "en")])
def test_language_switch_after_instant_navigation_keeps_the_article(
    site_origin_page: tuple[Page, str], start: str, target: str
) -> None:
    page, origin = site_origin_page
    related = articles(start)[START]["related"][0]
    move_instantly(page, origin, start, related)

    page.get_by_role("button", name=material_string(start, "select.language")).click()
    page.get_by_role("link", name=LANGUAGE_NAMES[target], exact=True).click()

    expect(page).to_have_url(at(origin + page_path(target, related)))
    expect(page.locator("html")).to_have_attribute("lang", target)
    expect(page.get_by_role("heading", level=1)).to_contain_text(articles(target)[related]["title"])
    selector = page.get_by_role("button", name=material_string(target, "select.language"))
    expect(selector).to_be_visible()
    assert page.evaluate("window.__sameDocument") is None
