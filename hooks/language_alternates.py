"""hreflang alternates, the language switcher's targets and the sitemap, for every page.

The i18n plugin's own Material integration (reconfigure_material) is off because its contextual
switcher goes stale under navigation.instant. Instead every page gets, at build time, the URL of
the same page in each language: Material's base.html renders them as <link rel="alternate"
hreflang> in <head> (which instant navigation swaps), overrides/partials/alternate.html renders
them as the header switcher, and assets/javascripts/site/language-switcher.js copies the head
links into the switcher after each instant navigation.

Material's bundle assumes every <link rel="alternate"> is a language root and fetches the
sitemap.xml beside it. So beside each page a sitemap.xml lists that page and its alternates: a
valid sitemap for its folder, and no 404 for every alternate on every page view.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import is_error_template
from site_pages import (
    absolute_url,
    default_locale,
    languages,
    root_path,
    slug_of,
    source_index,
)
from ui_catalogue import current_locale

log = logging.getLogger("mkdocs.hooks.language_alternates")


def alternates(config: MkDocsConfig, slug: str) -> list[dict[str, str]]:
    """One entry per language that has this page, plus x-default (the default language)."""
    index = source_index(config)
    entries = [
        {
            "lang": lang.locale,
            "name": lang.name,
            "link": absolute_url(config, lang.locale, slug),
            "path": root_path(config, lang.locale, slug),
            "root": root_path(config, lang.locale, ""),
        }
        for lang in languages(config)
        if slug in index[lang.locale]
    ]
    default = default_locale(config)
    if slug in index[default]:
        entries.append({"lang": "x-default", "link": absolute_url(config, default, slug)})
    return entries


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Material shows its header switcher only when extra.alternate is set; pages overwrite it.
    config.extra["alternate"] = alternates(config, "")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Every build reads the same sources, so the default-language build reports for all.
    if current_locale(config) != default_locale(config):
        return files
    index = source_index(config)
    every_slug = set().union(*index.values())
    for lang in languages(config):
        for slug in sorted(every_slug - set(index[lang.locale])):
            name = slug or "index"
            log.warning(
                "'%s' has no %s version: add docs/%s/%s.md", name, lang.name, lang.locale, name
            )
    return files


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    config.extra["alternate"] = alternates(config, slug_of(page))
    return context


def sitemap_entry(config: MkDocsConfig, locale: str, slug: str) -> dict[str, Any]:
    links = alternates(config, slug)
    return {"loc": next(a["link"] for a in links if a["lang"] == locale), "alternates": links}


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    locale = current_locale(config)
    is_site_root = page.url == "" and locale == default_locale(config)
    if page.is_page and (page.url == "" or page.url.endswith("/")) and not is_site_root:
        env = config.theme.get_env()
        xml = env.get_template("sitemap.xml").render(
            sitemap_entries=[sitemap_entry(config, locale, slug_of(page))]
        )
        target = Path(config.site_dir) / page.url / "sitemap.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(xml, encoding="utf-8")
    return output


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    if template_name == "sitemap.xml":
        context["sitemap_entries"] = [
            sitemap_entry(config, lang.locale, slug)
            for lang in languages(config)
            for slug in sorted(source_index(config)[lang.locale])
        ]
    elif is_error_template(template_name):
        # A 404 page has no counterpart: the switcher offers home pages, <head> no hreflang.
        config.extra["alternate"] = alternates(config, "")
        context["home_path"] = root_path(config, current_locale(config), "")
    return context


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["default_locale"] = default_locale(config)
    return env
