"""The one manifest the build writes for the server: helpcenter-manifest.json at the site root.

    {"languages": ["en", "fi", "sv"],
     "articles": {"sv": {"paid-twice": {"version": "3f9c…", "title": "…", "path": "/paid-twice/"},
                  …}, …},
     "limits": {"comment_max_chars": 1000, "reasons": [...], "query_min_chars": 2, …},
     "script_hashes": ["'sha256-…'", …]}

Every article page (front matter with `topic`) gets `feedback_page` in its template context: the
article slug, the language and a page version (a hash of the page's Markdown source, so votes can
be matched to the text the reader saw). The service (feedback_service/manifest.py) loads the
manifest at start to reject votes for pages that do not exist or with values the page would not
send (helpcenter/limits.py), to name articles on the dashboard, to accept only article paths as a
search's opened result, and to allow Material's inline scripts by hash in its CSP
(helpcenter/csp_hashes.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.structure.pages import Page

from helpcenter import limits
from helpcenter.site_model import SiteModel

MANIFEST_NAME = "helpcenter-manifest.json"


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


def write(site_dir: Path, model: SiteModel, script_hashes: list[str]) -> None:
    data: dict[str, Any] = {
        "languages": sorted(lang.code for lang in model.languages),
        "articles": articles(model),
        "limits": limits.as_json(),
        "script_hashes": script_hashes,
    }
    path = site_dir / MANIFEST_NAME
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
