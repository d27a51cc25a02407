"""The site's articles as the build wrote them in `feedback-articles.json`: which pages take
votes, their titles for the dashboard, and their paths, the only pages a search report may say
a reader opened.

The manifest is written by hooks/feedback_manifest.py:
{"articles": {"sv": {"paid-twice": {"version": "3f9c…", "title": "…", "path": "/paid-twice/"},
 …}, "en": {…}, …}}
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_NAME = "feedback-articles.json"

log = logging.getLogger("helpcenter_server")


@dataclass(frozen=True)
class Manifest:
    articles: dict[str, dict[str, str]] = field(default_factory=dict)
    """language -> article slug -> current page version"""
    titles: dict[tuple[str, str], str] = field(default_factory=dict)
    """(article slug, language) -> title"""
    paths: dict[str, tuple[str, str]] = field(default_factory=dict)
    """path from the server root, as a browser's link.pathname gives it -> (slug, language)"""

    def languages(self) -> list[str]:
        return sorted(self.articles)

    def knows(self, language: str, article: str) -> bool:
        return article in self.articles.get(language, {})


def load_manifest(site_dir: Path) -> Manifest:
    path = site_dir / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        pages = {(str(slug), str(lang)): info for lang, by_slug in data["articles"].items()
                 for slug, info in by_slug.items()}
        articles: dict[str, dict[str, str]] = {str(lang): {} for lang in data["articles"]}
        for (slug, lang), info in pages.items():
            articles[lang][slug] = str(info.get("version", ""))
        titles = {key: str(info.get("title") or key[0]) for key, info in pages.items()}
        paths = {str(info["path"]): key for key, info in pages.items() if info.get("path")}
    except FileNotFoundError:
        log.warning("%s not found: no article accepts feedback until the site is built", path)
        return Manifest()
    except (ValueError, KeyError, AttributeError, TypeError) as exc:
        raise ValueError(f"{path} is not a valid feedback manifest: {exc}") from exc
    if len(paths) < len(pages):
        log.warning("%s lists articles without their path: rebuild the site, or search reports "
                    "of opened results are refused", path)
    return Manifest(articles, titles, paths)
