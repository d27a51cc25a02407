"""The articles the service accepts votes for, read from the build's `feedback-articles.json`.

The manifest is written by hooks/feedback_manifest.py:
{"articles": {"sv": {"paid-twice": {"version": "3f9c…", "title": "…"}, …}, "en": {…}, …}}
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_NAME = "feedback-articles.json"

log = logging.getLogger("feedback_service")


@dataclass(frozen=True)
class Manifest:
    articles: dict[str, dict[str, str]] = field(default_factory=dict)
    """language -> article slug -> current page version"""

    def languages(self) -> list[str]:
        return sorted(self.articles)

    def knows(self, language: str, article: str) -> bool:
        return article in self.articles.get(language, {})


def load_manifest(site_dir: Path) -> Manifest:
    path = site_dir / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        articles = {
            str(lang): {str(slug): str(info.get("version", "")) for slug, info in pages.items()}
            for lang, pages in data["articles"].items()
        }
    except FileNotFoundError:
        log.warning("%s not found: no article accepts feedback until the site is built", path)
        return Manifest()
    except (ValueError, KeyError, AttributeError, TypeError) as exc:
        raise ValueError(f"{path} is not a valid feedback manifest: {exc}") from exc
    return Manifest(articles)
