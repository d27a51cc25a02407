"""Articles as readers find them: grouped by topic in the nav and on the home page, the most
asked ones on the home page, and after each article its related articles and whom to contact.

All of it comes from the site model (helpcenter/site_model.py), itself read from the articles'
front matter (`topic`, `popular`, `related`, `contact`, `title`); the e-mail addresses are in
mkdocs.yml `extra.contact_email`, the sentences in the UI catalogue.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from ui_catalogue import strings

from helpcenter.site_model import TOPICS, SitePage, current, current_language


def _link(page: SitePage) -> dict[str, str]:
    return {"slug": page.slug, "title": page.title, "description": page.description,
            "url": page.url}


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    facts = current().page_for(page.file.src_uri)
    if facts is not None and facts.slug == "" and "template" not in page.meta:
        page.meta["template"] = "home.html"
    return markdown


@event_priority(-110)  # after the i18n plugin (-100) has cut the nav down to this language
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    model = current()
    lang = current_language(config)
    ui = strings(config)
    by_src = {page.file.src_uri: page for page in nav.pages}
    home_facts = model.page(lang, "")
    home = [by_src[home_facts.src_uri]] if home_facts and home_facts.src_uri in by_src else []
    items: list[StructureItem] = [*home]
    listed: list[Page] = [*home]
    for topic, members in model.by_topic(lang).items():
        children: list[StructureItem] = []
        for facts in members:
            page = by_src.get(facts.src_uri)
            if page is not None:
                children.append(page)
                listed.append(page)
        if children:
            section = Section(ui[f"topic.{topic}"], children)
            for child in children:
                child.parent = section
            items.append(section)
    # Pages that are neither home nor article keep their place after the topics.
    seen = set(map(id, listed))
    for page in nav.pages:
        if id(page) not in seen:
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
    model = current()
    facts = model.page_for(page.file.src_uri)
    if facts is None:
        return context
    if facts.slug == "":
        ui = strings(config)
        context["home"] = {
            "most_asked": [_link(p) for p in model.most_asked(facts.lang)],
            "topics": [
                {"key": topic, "title": ui[f"topic.{topic}"],
                 "articles": [_link(p) for p in members]}
                for topic, members in model.by_topic(facts.lang).items()
                if topic in TOPICS
            ],
        }
    elif facts.is_article:
        contact = facts.contact or "support"
        context["article"] = {
            "related": [_link(p) for p in model.related(facts)],
            "contact": {"kind": contact, "email": config.extra["contact_email"].get(contact)},
        }
    return context
