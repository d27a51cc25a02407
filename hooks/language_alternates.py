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

The URLs come from the site model (helpcenter/site_model.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import is_error_template

from helpcenter.site_model import SiteModel, current, current_language

# Entries per slug, for the model they came from (`mkdocs serve` makes a new one per rebuild).
_alternates: dict[str, Any] = {"model": None, "by_slug": {}}
_sitemap: dict[str, Template] = {}


def alternates(model: SiteModel, slug: str) -> list[dict[str, str]]:
    """One entry per language that has this page, plus x-default (the default language)."""
    if _alternates["model"] is not model:
        _alternates["model"], _alternates["by_slug"] = model, {}
    known: dict[str, list[dict[str, str]]] = _alternates["by_slug"]
    if slug not in known:
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
        known[slug] = entries
    return known[slug]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Material shows its header switcher only when extra.alternate is set; pages overwrite it.
    config.extra["alternate"] = alternates(current(), "")
    return files


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    model = current()
    facts = model.page_for(page.file.src_uri)
    config.extra["alternate"] = alternates(model, facts.slug if facts else "")
    return context


def sitemap_entry(model: SiteModel, lang: str, slug: str) -> dict[str, Any]:
    return {"loc": model.absolute_url(lang, slug), "alternates": alternates(model, slug)}


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["default_locale"] = current().default.code
    _sitemap["template"] = env.get_template("sitemap.xml")
    return env


def on_post_build(config: MkDocsConfig) -> None:
    # After the pass has written its pages, so their folders exist; the site root keeps the
    # site's own sitemap. One small template render and one write per page.
    model = current()
    template = _sitemap["template"]
    site_dir = Path(config.site_dir)
    for facts in model.pages(current_language(config)).values():
        if facts.lang == model.default.code and facts.slug == "":
            continue
        folder = site_dir / facts.url
        if facts.url.endswith("/") and folder.is_dir():
            xml = template.render(sitemap_entries=[sitemap_entry(model, facts.lang, facts.slug)])
            (folder / "sitemap.xml").write_text(xml, encoding="utf-8")


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    model = current()
    if template_name == "sitemap.xml":
        context["sitemap_entries"] = [
            sitemap_entry(model, lang.code, slug)
            for lang in model.languages
            for slug in model.pages(lang.code)
        ]
    elif is_error_template(template_name):
        # A 404 page has no counterpart: the switcher offers home pages, <head> no hreflang.
        config.extra["alternate"] = alternates(model, "")
        context["home_path"] = model.root_path(current_language(config), "")
    return context
