"""The built languages, and which of mkdocs-static-i18n's passes the build is in.

The i18n plugin builds one language per pass. The default language's pass comes first and ends
last: the plugin runs the other languages' passes inside its own on_post_build (priority -100),
flagged `building`. So the default language's pass is where the build sees every language's
files (on_files, before the plugin narrows them) and where, at a post-build priority below -100,
every language has been written. `main_pass` is the one test of that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool
    # Folder of the language's pages in the built site: "" for the default language, "en/" else.
    prefix: str


def _i18n(config: MkDocsConfig) -> Any:
    return config.plugins.get("i18n")


def main_pass(config: MkDocsConfig) -> bool:
    """Whether this is the default language's pass: the first to start and the last to end."""
    return not getattr(_i18n(config), "building", False)


def languages_of(config: MkDocsConfig) -> list[Language]:
    """The built languages from the i18n plugin's configuration, in its order."""
    plugin = _i18n(config)
    if plugin is None:  # a site without the i18n plugin: one language
        code = str(config.theme.get("language") or "sv")
        return [Language(code, code, True, "")]
    return [
        Language(str(lang.locale), str(lang.name), bool(lang.default),
                 "" if lang.default else f"{lang.locale}/")
        for lang in plugin.config.languages
        if lang.build
    ]


def current_language(config: MkDocsConfig) -> str:
    """The language this pass of the build renders."""
    plugin = _i18n(config)
    if plugin is None:
        return languages_of(config)[0].code
    return str(plugin.current_language or plugin.default_language)
