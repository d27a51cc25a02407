"""Tells the feedback widget and the feedback service which pages are articles.

Every article page (front matter with `topic`) gets `feedback_page` in its template context:
the article slug, the language and a page version (a hash of the page's Markdown source, so
votes can be matched to the text the reader saw). After each language is built, the hook writes
`feedback-articles.json` at the site root listing every article's version, title and path per
language; the service loads it at start to reject votes for pages that do not exist, to name
articles on the dashboard, and to accept only article paths as a search's opened result.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from helpcenter.site_model import current

MANIFEST_NAME = "feedback-articles.json"



def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    facts = current().page_for(page.file.src_uri)
    if facts is not None and facts.is_article:
        context["feedback_page"] = {
            "article": facts.slug, "language": facts.lang, "version": facts.version
        }
    return context


def on_post_build(config: MkDocsConfig) -> None:
    # Every language pass knows every article: the manifest is complete after any of them.
    model = current()
    by_language = {
        lang.code: {
            page.slug: {"version": page.version, "title": page.title,
                        "path": model.root_path(lang.code, page.slug)}
            for page in sorted(model.articles(lang.code), key=lambda p: p.slug)
        }
        for lang in sorted(model.languages, key=lambda lang: lang.code)
    }
    path = Path(config.site_dir) / MANIFEST_NAME
    data = {"articles": by_language}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
