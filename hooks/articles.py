"""Articles as readers find them: grouped by topic in the nav and on the home page, the most
asked ones on the home page, and after each article its related articles and whom to contact.

All of it comes from the articles' front matter (`topic`, `popular`, `related`, `contact`,
`title`); the e-mail addresses are in mkdocs.yml `extra.contact_email`, the sentences in the
UI catalogue.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from site_pages import TOPICS, articles, slug_of, url_for
from ui_catalogue import current_locale, strings

log = logging.getLogger("mkdocs.hooks.articles")
CONTACTS = ("support", "invoicing", "local")


def _link(config: MkDocsConfig, locale: str, slug: str, meta: dict[str, Any]) -> dict[str, str]:
    return {
        "slug": slug,
        "title": str(meta["title"]),
        "description": str(meta.get("description", "")),
        "url": url_for(config, locale, slug),
    }


def _ordered(items: dict[str, dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    # Most asked first, then alphabetically: the order readers scan a list in.
    return sorted(
        items.items(), key=lambda kv: (int(kv[1].get("popular", 10**6)), str(kv[1]["title"]))
    )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    locale = current_locale(config)
    known = articles(config, locale)
    addresses = config.extra.get("contact_email", {})
    for slug, meta in known.items():
        where = f"docs/{locale}/{slug}.md"
        if meta["topic"] not in TOPICS:
            log.warning("%s: topic '%s' is not one of %s", where, meta["topic"], ", ".join(TOPICS))
        if "title" not in meta:
            log.warning("%s: front matter has no title", where)
        contact = meta.get("contact")
        if contact not in CONTACTS or (contact != "local" and contact not in addresses):
            log.warning("%s: contact '%s' is not one of %s", where, contact, ", ".join(CONTACTS))
        for other in meta.get("related") or []:
            if other not in known:
                log.warning("%s: related article '%s' does not exist", where, other)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if slug_of(page) == "" and "template" not in page.meta:
        page.meta["template"] = "home.html"
    return markdown


@event_priority(-110)  # after the i18n plugin (-100) has cut the nav down to this language
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    locale = current_locale(config)
    known = articles(config, locale)
    ui = strings(config)
    by_slug = {slug_of(page): page for page in nav.pages}
    home = [by_slug[""]] if "" in by_slug else []
    items: list[StructureItem] = [*home]
    listed: list[Page] = [*home]
    for topic in TOPICS:
        children: list[StructureItem] = []
        for slug, meta in _ordered(known):
            if meta["topic"] == topic and slug in by_slug:
                children.append(by_slug[slug])
                listed.append(by_slug[slug])
        if children:
            section = Section(ui[f"topic.{topic}"], children)
            for child in children:
                child.parent = section
            items.append(section)
    # Pages that are neither home nor article keep their place after the topics.
    for page in nav.pages:
        if page not in listed:
            page.parent = None
            items.append(page)
            listed.append(page)
    bookended = [None, *listed, None]
    for previous_page, page, next_page in zip(bookended, listed, bookended[2:], strict=False):
        page.previous_page, page.next_page = previous_page, next_page
    new_nav = Navigation(items, listed)
    new_nav.homepage = nav.homepage
    return new_nav


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    locale = current_locale(config)
    known = articles(config, locale)
    slug = slug_of(page)
    if slug == "":
        ui = strings(config)
        context["home"] = {
            "most_asked": [
                _link(config, locale, s, m)
                for s, m in _ordered(known)
                if "popular" in m
            ],
            "topics": [
                {
                    "key": topic,
                    "title": ui[f"topic.{topic}"],
                    "articles": [
                        _link(config, locale, s, m)
                        for s, m in _ordered(known)
                        if m["topic"] == topic
                    ],
                }
                for topic in TOPICS
            ],
        }
    elif slug in known:
        meta = known[slug]
        contact = str(meta.get("contact", "support"))
        related = [s for s in meta.get("related") or [] if s in known]
        context["article"] = {
            "related": [_link(config, locale, s, known[s]) for s in related],
            "contact": {"kind": contact, "email": config.extra["contact_email"].get(contact)},
        }
    return context
