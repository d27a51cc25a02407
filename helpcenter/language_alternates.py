"""hreflang alternates, the language switcher's targets and the sitemap, for every page.

The i18n plugin's own Material integration (reconfigure_material) is off because its contextual
switcher goes stale under navigation.instant. Instead every page gets, at build time, the URL of
the same page in each language: Material's base.html renders them as <link rel="alternate"
hreflang> in <head> (which instant navigation swaps), overrides/partials/alternate.html renders
them as the header switcher, and assets/javascripts/site/language-switcher.js copies the head
links into the switcher after each instant navigation.

Material's bundle (integrations/alternate) fetches `sitemap.xml` relative to every
<link rel="alternate"> of each page it shows, assuming they are language roots. So beside each
page a sitemap.xml lists that page and its alternates: a valid sitemap for its folder, and no 404
for every alternate on every page view. It is a few hundred bytes whatever the site's size.

The URLs come from the site model (helpcenter/site_model.py); one `Alternates` per model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Template

from helpcenter.site_model import SiteModel

SITEMAP = "sitemap.xml"


class Alternates:
    """Every page's alternates, worked out once per slug for one site model."""

    def __init__(self, model: SiteModel) -> None:
        self.model = model
        self._by_slug: dict[str, list[dict[str, str]]] = {}

    def of(self, slug: str) -> list[dict[str, str]]:
        """One entry per language that has this page, plus x-default (the default language)."""
        model = self.model
        if slug not in self._by_slug:
            pages = model.alternates(slug)
            entries = [
                {
                    "lang": page.lang,
                    "name": model.language(page.lang).name,
                    "link": model.absolute_url(page.lang, slug),
                    "path": model.root_path(page.lang, slug),
                    "root": model.root_path(page.lang, ""),
                }
                for page in pages
            ]
            if any(page.lang == model.default.code for page in pages):
                entries.append(
                    {"lang": "x-default", "link": model.absolute_url(model.default.code, slug)}
                )
            self._by_slug[slug] = entries
        return self._by_slug[slug]

    def of_source(self, src_uri: str) -> list[dict[str, str]]:
        """The alternates of the page built from a source file; a home page's for any other."""
        facts = self.model.page_for(src_uri)
        return self.of(facts.slug if facts else "")

    def sitemap_entry(self, lang: str, slug: str) -> dict[str, Any]:
        return {"loc": self.model.absolute_url(lang, slug), "alternates": self.of(slug)}

    def site_sitemap(self) -> list[dict[str, Any]]:
        """The entries of the site's own /sitemap.xml: every page of every language."""
        return [
            self.sitemap_entry(lang.code, slug)
            for lang in self.model.languages
            for slug in self.model.pages(lang.code)
        ]

    def write_page_sitemaps(self, template: Template, site_dir: Path, lang: str) -> None:
        """A sitemap.xml beside each page of the language; the site root keeps the site's own.

        After the pass has written its pages, so their folders exist: one small template render
        and one write per page."""
        model = self.model
        for facts in model.pages(lang).values():
            if facts.lang == model.default.code and facts.slug == "":
                continue
            folder = site_dir / facts.url
            if facts.url.endswith("/") and folder.is_dir():
                xml = template.render(sitemap_entries=[self.sitemap_entry(facts.lang, facts.slug)])
                (folder / SITEMAP).write_text(xml, encoding="utf-8")
