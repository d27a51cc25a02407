"""Interface strings: one catalogue per language in the theme folder, `i18n/<locale>.yml`.

Templates read them as `ui["feedback.question"]`; the build reads them through `Catalogue`.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

FOLDER = "i18n"


class Catalogue:
    """The catalogues of one theme folder, each read once per build."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._loaded: dict[str, dict[str, str]] = {}

    @classmethod
    def of_theme(cls, config: MkDocsConfig) -> Catalogue:
        custom_dir = config.theme.custom_dir
        if not custom_dir:
            raise ValueError("the theme needs a custom_dir holding i18n/<locale>.yml")
        return cls(Path(custom_dir) / FOLDER)

    def __call__(self, locale: str) -> dict[str, str]:
        if locale not in self._loaded:
            with (self.folder / f"{locale}.yml").open(encoding="utf-8") as f:
                data: dict[str, str] = yaml.safe_load(f) or {}
            self._loaded[locale] = data
        return self._loaded[locale]

    def topic_titles(self, languages: list[str],
                     topics: tuple[str, ...]) -> dict[str, dict[str, str]]:
        """Each topic page's title per language: "Licences: all questions"."""
        return {
            lang: {
                topic: self(lang)["topic.page_title"].format(topic=self(lang)[f"topic.{topic}"])
                for topic in topics
            }
            for lang in languages
        }


def drop_from_site(files: Files) -> Files:
    """The catalogue lives in the theme folder, which MkDocs publishes; it is build input only."""
    for file in [f for f in files if f.src_uri.startswith(f"{FOLDER}/")]:
        files.remove(file)
    return files
