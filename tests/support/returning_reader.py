"""A reader who comes back and moves between articles, for the calculator-page tests.

One browser context (its HTTP cache and Cache Storage kept) with a tab per language. The first
article a tab opens is a page load: Python starts as on a repeat visit, from the HTTP cache and
its memory snapshot. Later articles arrive by Material's instant navigation, as when a reader
follows a link in an article, so Python keeps running in its worker, as it does for the reader.
Should Material not take over a click (it needs its sitemap.xml first), the page loads instead,
which is as correct, only slower.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, expect

from tests.support.calculator_page import url

# Marks the headings of the article being left and adds the link the reader follows.
_FOLLOW = """(href) => {
  for (const heading of document.querySelectorAll("h1")) heading.dataset.left = "";
  const link = Object.assign(document.createElement("a"), { href, textContent: href });
  link.dataset.follow = "";
  document.querySelector("article").append(link);
}"""


class ReturningReader:
    def __init__(self, context: BrowserContext, base: str) -> None:
        self.context = context
        self.base = base
        self.tabs: dict[str, Page] = {}

    def open(self, lang: str, slug: str) -> Page:
        """The language's tab, showing the article `slug` (its calculator freshly bound)."""
        target = url(self.base, lang, slug)
        page = self.tabs.get(lang)
        if page is None or page.is_closed():
            page = self.tabs[lang] = self.context.new_page()
            page.goto(target)
            return page
        if urlsplit(page.url).path == urlsplit(target).path:
            # A link to the article being read only scrolls: go by the home page.
            self._follow(page, url(self.base, lang, ""))
        self._follow(page, target)
        return page

    def _follow(self, page: Page, target: str) -> None:
        page.evaluate(_FOLLOW, target)
        page.locator("a[data-follow]").click()
        # The article left is gone: a new heading stands in the new document or the new page.
        expect(page.locator("h1:not([data-left])").first).to_be_attached()
        # navigation.tracking may append the heading in view as a fragment.
        expect(page).to_have_url(re.compile(re.escape(target) + "(#.*)?$"))

    def close_tabs(self) -> None:
        """Forget the tabs (after a failed test, so the next starts afresh)."""
        for page in self.tabs.values():
            if not page.is_closed():
                page.close()
        self.tabs.clear()
