"""Tells the feedback widget and the feedback service which pages are articles.

Every article page (front matter with `topic`) gets `feedback_page` in its template context:
the article slug, the language and a page version (a hash of the page's Markdown source, so
votes can be matched to the text the reader saw). Once every language is built, the plugin writes
`feedback-articles.json` at the site root listing every article's version, title and path per
language; the service loads it at start to reject votes for pages that do not exist, to name
articles on the dashboard, and to accept only article paths as a search's opened result.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.structure.pages import Page

from helpcenter.site_model import SiteModel

MANIFEST_NAME = "feedback-articles.json"


def feedback_page(page: Page, model: SiteModel) -> dict[str, str] | None:
    """What the feedback widget sends with a vote on this page; None if it takes no votes."""
    facts = model.page_for(page.file.src_uri)
    if facts is None or not facts.is_article:
        return None
    return {"article": facts.slug, "language": facts.lang, "version": facts.version}


def articles(model: SiteModel) -> dict[str, dict[str, dict[str, str]]]:
    """Every article's version, title and path, per language."""
    return {
        lang.code: {
            page.slug: {"version": page.version, "title": page.title,
                        "path": model.root_path(lang.code, page.slug)}
            for page in sorted(model.articles(lang.code), key=lambda p: p.slug)
        }
        for lang in sorted(model.languages, key=lambda lang: lang.code)
    }


def write(site_dir: Path, model: SiteModel) -> None:
    data: dict[str, Any] = {"articles": articles(model)}
    path = site_dir / MANIFEST_NAME
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
