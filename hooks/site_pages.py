"""Which pages exist in which language, and where each one lives.

Not a hook itself: the site hooks import it. Everything is read from the front matter of
docs/<locale>/*.md, so a page's title, topic and relations are written once, in its own file,
and every language build sees every language (the i18n plugin only hands a build its own files).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

TOPICS = ("licences", "subscription", "payments", "cancelling")


@dataclass(frozen=True)
class Language:
    locale: str
    name: str
    default: bool


def languages(config: MkDocsConfig) -> list[Language]:
    plugin: Any = config.plugins["i18n"]
    return [
        Language(str(lang.locale), str(lang.name), bool(lang.default))
        for lang in plugin.config.languages
        if lang.build
    ]


def default_locale(config: MkDocsConfig) -> str:
    return next(lang.locale for lang in languages(config) if lang.default)


def site_url(config: MkDocsConfig) -> str:
    url = config.site_url or "/"
    return url if url.endswith("/") else url + "/"


def site_path(config: MkDocsConfig) -> str:
    """The path the site is served under, e.g. "/" or "/help/"."""
    return urlsplit(site_url(config)).path or "/"


def url_for(config: MkDocsConfig, locale: str, slug: str) -> str:
    """Site-relative URL, in MkDocs' own `file.url` form ("", "en/", "en/paid-twice/")."""
    prefix = "" if locale == default_locale(config) else f"{locale}/"
    return prefix + (f"{slug}/" if slug else "")


def absolute_url(config: MkDocsConfig, locale: str, slug: str) -> str:
    return site_url(config) + url_for(config, locale, slug)


def root_path(config: MkDocsConfig, locale: str, slug: str) -> str:
    """Path from the server root: valid from any page, including 404 pages served at any path."""
    return site_path(config) + url_for(config, locale, slug)


def slug_of(page: Page) -> str:
    """Language-independent name of a page: "paid-twice", or "" for a home page."""
    src = getattr(page.file, "norm_src_uri", page.file.src_uri)
    path = PurePosixPath(src).with_suffix("")
    if path.name in ("index", "README"):
        path = path.parent
    return "" if str(path) == "." else path.as_posix()


_cache: dict[tuple[Any, ...], dict[str, dict[str, dict[str, Any]]]] = {}


def source_index(config: MkDocsConfig) -> dict[str, dict[str, dict[str, Any]]]:
    """{locale: {slug: front matter}} for every Markdown page of every built language."""
    docs = Path(config.docs_dir)
    sources = sorted(
        (lang.locale, path)
        for lang in languages(config)
        for path in (docs / lang.locale).rglob("*.md")
    )
    key = tuple((locale, str(p), p.stat().st_mtime_ns, p.stat().st_size) for locale, p in sources)
    if key not in _cache:
        index: dict[str, dict[str, dict[str, Any]]] = {
            lang.locale: {} for lang in languages(config)
        }
        for locale, path in sources:
            rel = PurePosixPath(path.relative_to(docs / locale).as_posix()).with_suffix("")
            if rel.name in ("index", "README"):
                rel = rel.parent
            slug = "" if str(rel) == "." else rel.as_posix()
            _, meta = get_data(path.read_text(encoding="utf-8"))
            index[locale][slug] = meta
        _cache.clear()
        _cache[key] = index
    return _cache[key]


def articles(config: MkDocsConfig, locale: str) -> dict[str, dict[str, Any]]:
    """Front matter of the pages that are articles (they have a `topic`), by slug."""
    return {slug: meta for slug, meta in source_index(config)[locale].items() if "topic" in meta}
