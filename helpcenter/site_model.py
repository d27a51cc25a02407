"""The site model: the facts about the help center that every hook reads, computed once per build.

Which languages exist (their URL prefixes, which one is the default), and for every Markdown page
of every language: its slug, URL, title, description, topic, rank among the most asked, related
articles, whom to contact and a version of its source. Alternates (the same page in the other
languages), topic lists and related links are derived here, once, in dictionaries, so a hook asks
for one page's facts in constant time whatever the number of articles.

The i18n plugin builds one language at a time and hands each build only its own files, so the
model is built from the full file list in the first (default-language) pass, by the plugin
(helpcenter/plugin.py), which keeps it for the other passes.

Everything comes from the pages' front matter: a page's facts are written once, in its own file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.meta import get_data

from helpcenter.languages import Language, languages_of

__all__ = ["Language", "SiteModel", "SitePage", "build"]

# The order readers meet the topics in, on the home page and in the navigation.
TOPICS = ("licences", "subscription", "payments", "cancelling")
CONTACTS = ("support", "invoicing", "local")
NOT_RANKED = 10**6
# Each topic with articles has a page listing all of them: <lang prefix>topics/<topic>/.
TOPIC_FOLDER = "topics"


@dataclass(frozen=True)
class SitePage:
    """One Markdown page in one language."""

    lang: str
    slug: str  # language-independent name: "paid-twice", or "" for a home page
    src_uri: str  # "en/paid-twice.md", relative to docs_dir
    url: str  # site-relative, MkDocs' own `file.url` form: "", "en/", "en/paid-twice/"
    title: str
    description: str
    topic: str | None  # articles have one; a page without a topic is not an article
    popular: int | None
    related: tuple[str, ...]
    contact: str | None
    tags: tuple[str, ...]
    version: str  # hash of the Markdown source, to match feedback with the text the reader saw
    meta: Mapping[str, Any] = field(repr=False, compare=False)

    @property
    def is_article(self) -> bool:
        return self.topic is not None

    @property
    def listed_topic(self) -> str | None:
        """The topic whose articles this page lists, if it is a topic page."""
        value = self.meta.get("topic_page")
        return str(value) if value else None

    @property
    def order(self) -> tuple[int, str]:
        # Most asked first, then alphabetically: the order readers scan a list in.
        return (self.popular if self.popular is not None else NOT_RANKED, self.title)


def slug_and_language(src_uri: str, languages: Iterable[str]) -> tuple[str, str] | None:
    """("en", "paid-twice") for "en/paid-twice.md"; None for a file outside a language folder."""
    path = PurePosixPath(src_uri)
    if len(path.parts) < 2 or path.parts[0] not in set(languages) or path.suffix != ".md":
        return None
    rel = PurePosixPath(*path.parts[1:]).with_suffix("")
    if rel.name in ("index", "README"):
        rel = rel.parent
    return path.parts[0], "" if str(rel) == "." else rel.as_posix()


def _as_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class SiteModel:
    """Languages and pages of one build. Build it with `SiteModel.from_sources`."""

    def __init__(
        self,
        languages: Iterable[Language],
        site_url: str,
        pages: Iterable[SitePage],
        use_directory_urls: bool = True,
    ) -> None:
        self.languages: tuple[Language, ...] = tuple(languages)
        defaults = [lang for lang in self.languages if lang.default]
        if len(defaults) != 1:
            raise ValueError("exactly one language must be the default")
        self.default: Language = defaults[0]
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        self.site_path = urlsplit(self.site_url).path or "/"
        self.use_directory_urls = use_directory_urls
        self._language = {lang.code: lang for lang in self.languages}
        self._pages: dict[str, dict[str, SitePage]] = {lang.code: {} for lang in self.languages}
        self._by_src: dict[str, SitePage] = {}
        for page in sorted(pages, key=lambda p: (p.lang, p.slug)):
            self._pages[page.lang][page.slug] = page
            self._by_src[page.src_uri] = page
        self._articles = {
            code: sorted((p for p in pages_.values() if p.is_article), key=lambda p: p.order)
            for code, pages_ in self._pages.items()
        }
        self._by_topic: dict[str, dict[str, list[SitePage]]] = {}
        for code, ordered in self._articles.items():
            topics: dict[str, list[SitePage]] = {topic: [] for topic in TOPICS}
            for page in ordered:
                topics.setdefault(str(page.topic), []).append(page)
            self._by_topic[code] = topics
        self._alternates: dict[str, tuple[SitePage, ...]] = {}
        for lang in self.languages:
            for slug in self._pages[lang.code]:
                if slug not in self._alternates:
                    self._alternates[slug] = tuple(
                        self._pages[other.code][slug]
                        for other in self.languages
                        if slug in self._pages[other.code]
                    )

    @classmethod
    def from_sources(
        cls,
        languages: Iterable[Language],
        site_url: str,
        sources: Iterable[tuple[str, str]],
        use_directory_urls: bool = True,
        topic_titles: Mapping[str, Mapping[str, str]] | None = None,
    ) -> SiteModel:
        """From (src_uri, Markdown text) pairs; files outside a language folder are ignored.

        `topic_titles` ({lang: {topic: title}}) adds a topic page per language and topic that
        has articles, titled with it; the build generates those pages (helpcenter/articles.py)."""
        languages = tuple(languages)
        prefixes = {lang.code: lang.prefix for lang in languages}
        pages = []
        for src_uri, text in sources:
            found = slug_and_language(src_uri, prefixes)
            if found is None:
                continue
            lang, slug = found
            _, meta = get_data(text)
            pages.append(SitePage(
                lang=lang,
                slug=slug,
                src_uri=src_uri,
                url=page_url(prefixes[lang], slug, use_directory_urls),
                title=str(meta.get("title") or slug),
                description=str(meta.get("description") or ""),
                topic=str(meta["topic"]) if meta.get("topic") else None,
                popular=_as_int(meta.get("popular")),
                related=tuple(str(s) for s in meta.get("related") or ()),
                contact=str(meta["contact"]) if meta.get("contact") else None,
                tags=tuple(str(t) for t in meta.get("tags") or ()),
                version=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
                meta=meta,
            ))
        for lang, topic in sorted({(p.lang, p.topic) for p in pages if p.topic in TOPICS}):
            if topic_titles is None or topic is None:
                continue
            slug = f"{TOPIC_FOLDER}/{topic}"
            pages.append(SitePage(
                lang=lang, slug=slug, src_uri=f"{lang}/{slug}.md",
                url=page_url(prefixes[lang], slug, use_directory_urls),
                title=topic_titles[lang][topic], description="", topic=None, popular=None,
                related=(), contact=None, tags=(), version="", meta={"topic_page": topic},
            ))
        return cls(languages, site_url, pages, use_directory_urls)

    # Languages

    def language(self, code: str) -> Language:
        return self._language[code]

    def language_of_url(self, url: str) -> Language:
        """The language of a site-relative URL ("en/paid-twice/" -> en), by its leading folder."""
        for lang in self.languages:
            if lang.prefix and url.startswith(lang.prefix):
                return lang
        return self.default

    # Pages

    def pages(self, lang: str) -> Mapping[str, SitePage]:
        """Every page of a language by slug, home page ("") included."""
        return self._pages[lang]

    def page(self, lang: str, slug: str) -> SitePage | None:
        return self._pages[lang].get(slug)

    def page_for(self, src_uri: str) -> SitePage | None:
        """The page built from a source file ("en/paid-twice.md"), as MkDocs' `file.src_uri`."""
        return self._by_src.get(src_uri)

    def articles(self, lang: str) -> list[SitePage]:
        """A language's articles, most asked first, then by title."""
        return self._articles[lang]

    def most_asked(self, lang: str) -> list[SitePage]:
        return [page for page in self._articles[lang] if page.popular is not None]

    def by_topic(self, lang: str) -> Mapping[str, list[SitePage]]:
        """Articles per topic in reading order; every known topic is a key, in TOPICS order."""
        return self._by_topic[lang]

    def topic_pages(self, lang: str) -> list[SitePage]:
        """The language's topic pages, in TOPICS order."""
        found = (self.topic_page(lang, topic) for topic in TOPICS)
        return [page for page in found if page is not None]

    def topic_page(self, lang: str, topic: str) -> SitePage | None:
        return self._pages[lang].get(f"{TOPIC_FOLDER}/{topic}")

    def related(self, page: SitePage) -> list[SitePage]:
        """The page's related articles that exist in its language, in the order the author gave."""
        found = (self._pages[page.lang].get(slug) for slug in page.related)
        return [other for other in found if other is not None and other.is_article]

    def alternates(self, slug: str) -> tuple[SitePage, ...]:
        """The page in every language that has it, in the configured language order."""
        return self._alternates.get(slug, ())

    # URLs

    def url(self, lang: str, slug: str) -> str:
        return page_url(self._language[lang].prefix, slug, self.use_directory_urls)

    def absolute_url(self, lang: str, slug: str) -> str:
        return self.site_url + self.url(lang, slug)

    def root_path(self, lang: str, slug: str) -> str:
        """Path from the server root: valid from any page, including 404 pages at any path."""
        return self.site_path + self.url(lang, slug)

    # What an author must fix

    def problems(self, contact_addresses: Mapping[str, Any]) -> list[str]:
        """Missing translations and front matter that points nowhere, one sentence each."""
        found: list[str] = []
        every_slug = sorted(
            slug for slug, pages in self._alternates.items() if not pages[0].listed_topic
        )
        for lang in self.languages:
            for slug in every_slug:
                if slug not in self._pages[lang.code]:
                    name = slug or "index"
                    found.append(
                        f"'{name}' has no {lang.name} version: add docs/{lang.code}/{name}.md"
                    )
        for lang in self.languages:
            for page in self._articles[lang.code]:
                where = f"docs/{page.src_uri}"
                if "title" not in page.meta:
                    found.append(f"{where}: front matter has no title")
                if page.topic not in TOPICS:
                    found.append(f"{where}: topic '{page.topic}' is not one of {', '.join(TOPICS)}")
                if page.contact not in CONTACTS or (
                    page.contact != "local" and page.contact not in contact_addresses
                ):
                    found.append(
                        f"{where}: contact '{page.contact}' is not one of {', '.join(CONTACTS)}"
                    )
                for other in page.related:
                    target = self._pages[lang.code].get(other)
                    if target is None or not target.is_article:
                        found.append(f"{where}: related article '{other}' does not exist")
        return found


def page_url(prefix: str, slug: str, use_directory_urls: bool = True) -> str:
    if not slug:
        return prefix
    return prefix + (f"{slug}/" if use_directory_urls else f"{slug}.html")


def build(
    files: Iterable[Any], config: MkDocsConfig,
    topic_titles: Mapping[str, Mapping[str, str]] | None = None,
) -> SiteModel:
    """The model of the pages MkDocs found (`Files`, before the i18n plugin narrows them)."""
    languages = languages_of(config)
    codes = {lang.code for lang in languages}
    sources = (
        (file.src_uri, file.content_string)
        for file in files
        if file.src_uri.endswith(".md") and file.src_uri.split("/", 1)[0] in codes
    )
    return SiteModel.from_sources(
        languages, str(config.site_url or "/"), sources, bool(config.use_directory_urls),
        topic_titles,
    )
