"""Tells the feedback widget and the feedback service which pages are articles.

Every article page (front matter with `topic`) gets `feedback_page` in its template context:
the article slug, the language and a page version (a hash of the page's Markdown source, so
votes can be matched to the text the reader saw). After each language is built, the hook writes
`feedback-articles.json` at the site root listing every article and version per language; the
service loads it at start to reject votes for pages that do not exist.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from ui_catalogue import current_locale

MANIFEST_NAME = "feedback-articles.json"

# language -> slug -> {"version", "title"}; the i18n plugin builds each language in turn.
articles: dict[str, dict[str, dict[str, str]]] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    articles[current_locale(config)] = {}
    return config


def article_slug(page: Page, language: str) -> str:
    parts = PurePosixPath(page.file.src_uri).with_suffix("").parts
    if parts and parts[0] == language:
        parts = parts[1:]
    return "/".join(parts)


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    if not page.meta.get("topic"):
        return context
    language = current_locale(config)
    slug = article_slug(page, language)
    source = page.file.content_string
    version = hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]
    articles.setdefault(language, {})[slug] = {"version": version, "title": page.title or slug}
    context["feedback_page"] = {"article": slug, "language": language, "version": version}
    return context


def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / MANIFEST_NAME
    by_language = {lang: dict(sorted(pages.items())) for lang, pages in sorted(articles.items())}
    data = {"articles": by_language}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
