"""The build's manifest, `helpcenter-manifest.json`: which pages take votes, their titles for
the dashboard, and their paths, the only pages a search report may say a reader opened; the
limits and lists the page and the service share (the reasons, the comment's and a query's
length); and the hashes of Material's inline scripts for the CSP.

The manifest is written by helpcenter/manifest.py, which documents its shape.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_NAME = "helpcenter-manifest.json"
HASH_SOURCE = re.compile(r"'sha256-[A-Za-z0-9+/]{43}='")

log = logging.getLogger("helpcenter_server")


@dataclass(frozen=True)
class Manifest:
    articles: dict[str, dict[str, str]] = field(default_factory=dict)
    """language -> article slug -> current page version"""
    titles: dict[tuple[str, str], str] = field(default_factory=dict)
    """(article slug, language) -> title"""
    paths: dict[str, tuple[str, str]] = field(default_factory=dict)
    """path from the server root, as a browser's link.pathname gives it -> (slug, language)"""
    # Without a built site no vote and no search report is accepted, whatever these say.
    reasons: tuple[str, ...] = ()
    comment_max_chars: int = 0
    query_min_chars: int = 0
    query_max_chars: int = 0
    script_hashes: tuple[str, ...] = ()
    """Material's inline scripts, as CSP sources ('sha256-…')"""

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
        limits = data.get("limits", {})
        reasons = tuple(str(r) for r in limits.get("reasons", ()))
        sizes = {name: int(limits.get(name, 0)) for name in
                 ("comment_max_chars", "query_min_chars", "query_max_chars")}
        hashes = tuple(str(h) for h in data.get("script_hashes", ()))
    except FileNotFoundError:
        log.warning("%s not found: no article accepts feedback until the site is built", path)
        return Manifest()
    except (ValueError, KeyError, AttributeError, TypeError) as exc:
        raise ValueError(f"{path} is not a valid feedback manifest: {exc}") from exc
    if len(paths) < len(pages):
        log.warning("%s lists articles without their path: rebuild the site, or search reports "
                    "of opened results are refused", path)
    if not all(HASH_SOURCE.fullmatch(h) for h in hashes):
        raise ValueError(f"{path} holds script hashes other than sha256 hashes")
    return Manifest(articles, titles, paths, reasons, script_hashes=hashes, **sizes)
