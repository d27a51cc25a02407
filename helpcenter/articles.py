"""Articles as readers find them: grouped by topic in the nav and on the home page, the most
asked ones on the home page, a page per topic listing all its articles, and after each article
its related articles and whom to contact.

All of it comes from the site model (helpcenter/site_model.py), itself read from the articles'
front matter (`topic`, `popular`, `related`, `contact`, `title`); the e-mail addresses are in
mkdocs.yml `extra.contact_email`, the sentences in the UI catalogue.

A page carries a bounded number of titles whatever the number of articles: the home page shows
the most asked and the first articles of each topic; the navigation the topics, and on an article
page its own topic's first articles and itself; the topic pages list all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from helpcenter.site_model import SiteModel, SitePage

# Titles per topic on the home page and in an article's navigation; the topic page lists all.
HOME_PER_TOPIC = 8
NAV_PER_TOPIC = 8
MOST_ASKED = 10


def _link(page: SitePage) -> dict[str, str]:
    return {"slug": page.slug, "title": page.title, "description": page.description,
            "url": page.url}


def add_topic_pages(files: Files, config: MkDocsConfig, model: SiteModel, lang: str) -> Files:
    """A generated page per topic: `topics/<topic>/`, rendered by overrides/topic.html."""
    for facts in model.topic_pages(lang):
        front = {"title": facts.title, "template": "topic.html", **facts.meta,
                 "hide": ["toc"]}
        content = f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n\n# {facts.title}\n"
        file = File.generated(config, facts.src_uri, content=content)
        file.dest_uri = facts.url + "index.html" if config.use_directory_urls else facts.url
        files.append(file)
    return files


def set_home_template(page: Page, model: SiteModel) -> None:
    facts = model.page_for(page.file.src_uri)
    if facts is not None and facts.slug == "" and "template" not in page.meta:
        page.meta["template"] = "home.html"


@dataclass
class TopicNav:
    """The navigation of the language being built, by topic, to give article pages their own
    section."""

    sections: dict[str, tuple[Section, Page]] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    members: Mapping[str, list[SitePage]] = field(default_factory=dict)


def arrange_nav(nav: Navigation, model: SiteModel, lang: str,
                ui: Mapping[str, str]) -> tuple[Navigation, TopicNav]:
    """The home page, then the topics with their pages, then any other page."""
    by_src = {page.file.src_uri: page for page in nav.pages}
    home_facts = model.page(lang, "")
    home = [by_src[home_facts.src_uri]] if home_facts and home_facts.src_uri in by_src else []
    items: list[StructureItem] = [*home]
    listed: list[Page] = [*home]
    sections: dict[str, tuple[Section, Page]] = {}
    for topic, members in model.by_topic(lang).items():
        topic_facts = model.topic_page(lang, topic)
        topic_page = by_src.get(topic_facts.src_uri) if topic_facts else None
        pages = [by_src[p.src_uri] for p in members if p.src_uri in by_src]
        if topic_page is None or not pages:
            continue
        # Collapsed to the topic's page; an article page expands its own (_own_section_nav).
        section = Section(ui[f"topic.{topic}"], [topic_page])
        for page in (topic_page, *pages):
            page.parent = section
        items.append(section)
        listed += [topic_page, *pages]
        sections[topic] = (section, topic_page)
    # Pages that are neither home, topic nor article keep their place after the topics.
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
    return new_nav, TopicNav(sections, by_src, model.by_topic(lang))


def _own_section_nav(nav: Navigation, page: Page, topic: str, topics: TopicNav) -> Navigation:
    """The navigation an article page shows: its own topic expanded to the topic's first
    articles and itself, the other topics collapsed to their pages."""
    section, topic_page = topics.sections[topic]
    first = [
        p for p in (topics.pages.get(m.src_uri) for m in topics.members[topic][:NAV_PER_TOPIC])
        if p is not None
    ]
    own = Section(section.title, [topic_page, *first, *([] if page in first else [page])])
    own.active = True
    items = [own if item is section else item for item in nav.items]
    # Navigation() scans its pages for the home page: given none, it costs nothing per page.
    per_page = Navigation(items, [])
    per_page.pages, per_page.homepage = nav.pages, nav.homepage
    return per_page


def page_context(
    context: dict[str, Any], page: Page, nav: Navigation, model: SiteModel, topics: TopicNav,
    ui: Mapping[str, str], contact_email: Mapping[str, str],
) -> dict[str, Any]:
    """What overrides/home.html, topic.html and the article footer show."""
    facts = model.page_for(page.file.src_uri)
    if facts is None:
        return context
    if facts.slug == "":
        context["home"] = {
            "most_asked": [_link(p) for p in model.most_asked(facts.lang)[:MOST_ASKED]],
            "topics": [
                {
                    "key": topic,
                    "title": ui[f"topic.{topic}"],
                    "articles": [_link(p) for p in members[:HOME_PER_TOPIC]],
                    "count": len(members),
                    "page": _link(topic_page) if topic_page else None,
                }
                for topic, members in model.by_topic(facts.lang).items()
                for topic_page in [model.topic_page(facts.lang, topic)]
                if members
            ],
        }
    elif facts.listed_topic:
        members = model.by_topic(facts.lang)[facts.listed_topic]
        context["topic_page"] = {
            "key": facts.listed_topic,
            "articles": [_link(p) for p in members],
        }
    elif facts.is_article:
        contact = facts.contact or "support"
        context["article"] = {
            "related": [_link(p) for p in model.related(facts)],
            "contact": {"kind": contact, "email": contact_email.get(contact)},
        }
        if facts.topic in topics.sections:
            context["nav"] = _own_section_nav(nav, page, facts.topic, topics)
    return context
