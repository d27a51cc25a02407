"""Per-language search indexes, built with Pagefind from the articles and what authors wrote.

For every article the build hands Pagefind one record in the article's language, with weighted
parts: the phrasings customers use (`also_asked:` in the front matter) weigh most, then the title,
the tags and the one-sentence answer, then the parts and joins of their compound words
("dubbelbetalning" is also indexed as "dubbel" + "betalning", "dubbel betalning" also as
"dubbelbetalning"), then the article text. Pagefind stems each language with its own Snowball
stemmer and splits each language's index into chunks, so a search downloads only the chunks of the
words typed, whatever the number of articles.

Beside the index, search/<lang>.yml (stop words and synonyms, kept by authors) is published as
pagefind/words.<lang>.json for assets/javascripts/search/search.js, which weighs a question's
content words and widens them with their synonyms before asking Pagefind.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import platform
import re
import shutil
import tempfile
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from helpcenter.site_model import current_language, languages_of

ROOT = Path(__file__).resolve().parent.parent
# Stop words and synonyms per language, kept by authors: search/<lang>.yml.
WORDS_DIR = ROOT / "search"
BUNDLE_DIR = "pagefind"
# Pagefind's indexer (which also writes the search code the browser runs) comes from npm, pinned in
# package.json: PyPI's pagefind-bin stops at 1.5.2, whose search rescans every match of a word for
# each page it finds; at 1,000 articles per language a common Finnish stem (lasku-) took ~100 ms in
# the browser, with 1.6.0 ~30 ms (benchmarks/search_scale.py). The Python API drives either binary.
NODE_MODULES = ROOT / "node_modules"
# Pagefind weights (0-10) of a record's parts: how much a word found there counts.
WEIGHTS: dict[str, float] = {
    "also_asked": 10.0, "title": 7.0, "tags": 6.0, "description": 4.0, "headings": 2.0,
    "keyparts": 3.0,
    "text": 0.15, "textparts": 0.05,
}
# Pagefind's bundle also holds its own UIs; the site has its own, in Material's look.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
    "wasm.unknown.pagefind",
)
# Languages whose compounds are written closed; for them a known first part is enough
# evidence to index the rest of the word as a part even if it never occurs alone.
CLOSED_COMPOUNDING = frozenset({"sv", "fi", "da", "no", "de", "nl"})
MIN_PART = 4
MIN_UNKNOWN_HEAD = 6

_WORD = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"<[^>]+>")



def words(text: str) -> list[str]:
    """Lower-case words of a text that may contain HTML markup."""
    return [w.lower() for w in _WORD.findall(html.unescape(_TAG.sub(" ", text)))]


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(w for text in texts for w in words(text) if len(w) >= 3)


def _known_modifier(modifier: str, vocab: frozenset[str], lang: str) -> bool:
    """Whether a compound's first part is a word of the language, as compounds write it."""
    if modifier in vocab:
        return True
    # Linking -s (faktureringsperiod) and dropped final vowel (användar|licens, käyttäjä|n).
    linked = modifier[:-1] if lang == "sv" and modifier.endswith("s") else ""
    if len(linked) >= MIN_PART and linked in vocab:
        return True
    return any(w in vocab for w in (modifier + "e", modifier + "a", modifier + "n", modifier + "t"))


def compound_parts(word: str, vocab: frozenset[str], lang: str) -> list[str]:
    """The trailing parts of a compound word that are worth indexing on their own.

    A split needs a first part that is a word of the corpus, as compounds write it.
    The rest is accepted when it is a corpus word too (betalningspåminnelse ->
    påminnelse), or, in closed-compounding languages, when it is long enough to be a
    word; then only the longest known first part counts, so that asiakas|palvelumme
    wins over asia|kaspalvelumme. Parts are decomposed again (bankkontonumret ->
    kontonumret -> numret).
    """
    found: list[str] = []
    todo = [word]
    while todo:
        current = todo.pop()
        unknown_head = ""
        for i in range(3, len(current) - 2):
            modifier, head = current[:i], current[i:]
            if not _known_modifier(modifier, vocab, lang):
                continue
            if head in vocab and len(head) >= MIN_PART and (i >= MIN_PART or len(head) >= 5):
                if head not in found:
                    found.append(head)
                    todo.append(head)
            elif (lang in CLOSED_COMPOUNDING and i >= MIN_PART
                  and len(head) >= MIN_UNKNOWN_HEAD):
                unknown_head = head
        if unknown_head and unknown_head not in found:
            found.append(unknown_head)
            todo.append(unknown_head)
    return found


def parts_text(texts: Iterable[str], vocab: frozenset[str], lang: str) -> str:
    """Space-separated compound parts of all words in the texts, each once."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in words(text):
            for part in compound_parts(word, vocab, lang):
                seen.setdefault(part, None)
    return " ".join(seen)


def joined_pairs(texts: Iterable[str], stop_words: frozenset[str]) -> list[str]:
    """Adjacent content words written together: "dubbel betalning" -> "dubbelbetalning".

    Customers write compounds both open and closed; with the closed form indexed too, a search
    for either finds the article."""
    seen: dict[str, None] = {}
    for text in texts:
        for part in re.split(r"[,.;:!?()]", text):
            ws = [w for w in words(part) if w not in stop_words]
            for first, second in pairwise(ws):
                if len(first) >= 3 and len(second) >= 3:
                    seen.setdefault(first + second, None)
    return list(seen)


class _TextOnly(HTMLParser):
    """The readable text of an article's HTML, without calculator forms or permalink signs."""

    SKIPPED = frozenset({"form", "script", "style", "svg", "button", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.headings: list[str] = []
        self._skip = 0
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in self.SKIPPED or "headerlink" in classes:
            self._skip += 1
        elif tag in {"p", "li", "h1", "h2", "h3", "h4", "td", "th", "br", "div", "blockquote"}:
            self.parts.append(" ")
            if tag in {"h2", "h3", "h4"}:
                self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if self._skip and (tag in self.SKIPPED or tag == "a"):
            self._skip -= 1
        elif tag in {"h2", "h3", "h4"} and self._heading is not None:
            self.headings.append(re.sub(r"\s+", " ", "".join(self._heading)).strip())
            self._heading = None

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)
            if self._heading is not None:
                self._heading.append(data)


def text_of(page_html: str) -> tuple[str, list[str]]:
    """An article's text and its section headings, which say in a few words what it covers."""
    parser = _TextOnly()
    parser.feed(page_html)
    text = re.sub(r"\s+", " ", "".join(parser.parts)).strip()
    return text, [h for h in parser.headings if h]


@dataclass
class Article:
    """What search knows about one article in one language."""

    lang: str
    url: str
    title: str
    description: str
    tags: list[str]
    also_asked: list[str]
    text: str
    popular: int = 0
    headings: list[str] = field(default_factory=list)


def load_words(lang: str, words_dir: Path = WORDS_DIR) -> dict[str, Any]:
    """A language's stop words and synonym groups from search/<lang>.yml (empty if none)."""
    path = words_dir / f"{lang}.yml"
    # Every scalar a string: YAML 1.1 would read the stop words "on", "no" and "off" as booleans.
    loaded = yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader) if path.exists() else None
    data: dict[str, Any] = loaded or {}
    stop = sorted({str(w).lower() for w in data.get("stop_words", [])})
    groups = [[str(w).lower() for w in group] for group in data.get("synonyms", [])]
    return {"stop_words": stop, "synonyms": groups}


def expansions(groups: list[list[str]], vocab: frozenset[str]) -> list[list[str]]:
    """Per synonym group, the entries worth looking up: those the articles contain.

    Any entry of a group recognises a customer's word; looking up one that no article contains
    would only add Pagefind's guesses for an unknown word."""
    known = sorted(vocab)

    def occurs(word: str) -> bool:
        at = bisect_left(known, word)
        return at < len(known) and known[at].startswith(word)

    return [[entry for entry in group if all(occurs(w) for w in words(entry))]
            for group in groups]


def record_html(article: Article, vocab: frozenset[str], stop_words: frozenset[str]) -> str:
    """The HTML Pagefind indexes for an article: each part with its weight, title and
    description as metadata for the result list."""
    key_texts = [article.title, *article.tags, article.description, *article.also_asked]
    keyparts = parts_text(key_texts, vocab, article.lang).split()
    keyparts += joined_pairs(key_texts, stop_words)
    parts = {
        "also_asked": " · ".join(article.also_asked),
        "title": article.title,
        "tags": " · ".join(article.tags),
        "description": article.description,
        "headings": " · ".join(article.headings),
        "keyparts": " ".join(keyparts),
        "text": article.text,
        "textparts": parts_text([article.text], vocab, article.lang),
    }
    e = html.escape
    body = "".join(
        f'<p data-pagefind-weight="{WEIGHTS[name]}">{e(text)}</p>'
        for name, text in parts.items() if text
    )
    metas = {"title": article.title, "description": article.description,
             "popular": str(article.popular)}
    head = "".join(f'<meta data-pagefind-meta="{name}[content]" content="{e(value)}">'
                   for name, value in metas.items())
    return (f'<!doctype html><html lang="{e(article.lang)}"><head><title>{e(article.title)}'
            f"</title>{head}</head><body><main data-pagefind-body>{body}</main></body></html>")


async def _write_bundle(records: list[tuple[str, str]], out: Path) -> None:
    from pagefind.index import PagefindIndex  # the binary starts only when a site is built

    # The records go to Pagefind as one folder of pages, read by the binary in one go: handed
    # over one message each (add_html_file), they took about 0.1 s apiece, five minutes at
    # 3,000 articles; as a folder, under a second. A record's path is its URL.
    with tempfile.TemporaryDirectory(prefix="pagefind-records-") as tmp:
        for url, content in records:
            page = Path(tmp, *url.strip("/").split("/"), "index.html")
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(content, encoding="utf-8")
        # Leaving the context writes the bundle (and would write it again, into ./pagefind,
        # after an explicit write_files without an output path in the config).
        async with PagefindIndex(config={"output_path": str(out)}) as index:
            await index.add_directory(path=tmp)


def write_bundle(articles: list[Article], out: Path,
                 words_dir: Path = WORDS_DIR) -> None:
    """Pagefind's bundle for all languages (one index per language) and each language's words."""
    by_lang: dict[str, list[Article]] = {}
    for article in articles:
        by_lang.setdefault(article.lang, []).append(article)
    records: list[tuple[str, str]] = []
    lang_words: dict[str, dict[str, Any]] = {}
    for lang, items in by_lang.items():
        lang_words[lang] = load_words(lang, words_dir)
        stop = frozenset(lang_words[lang]["stop_words"])
        vocab = vocabulary(t for a in items
                           for t in [a.title, a.description, a.text, *a.tags, *a.also_asked])
        records += [(a.url, record_html(a, vocab, stop)) for a in items]
        lang_words[lang]["expand"] = expansions(lang_words[lang]["synonyms"], vocab)
        lang_words[lang]["pages"] = len(items)
    if out.exists():
        shutil.rmtree(out)
    asyncio.run(_write_bundle(records, out))
    for name in UNUSED_BUNDLE_FILES:
        (out / name).unlink(missing_ok=True)
    for lang, data in lang_words.items():
        (out / f"words.{lang}.json").write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def pagefind_binary(node_modules: Path = NODE_MODULES) -> Path | None:
    """The Pagefind executable npm installed for this machine (as the npm package resolves it)."""
    system = platform.system().lower()
    arch = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64"}.get(platform.machine().lower(),
                                                                   platform.machine().lower())
    suffix = ".exe" if system == "windows" else ""
    for name in ("pagefind_extended", "pagefind"):
        path = node_modules / "@pagefind" / f"{system}-{arch}" / "bin" / f"{name}{suffix}"
        if path.is_file():
            return path
    return None


def use_pinned_pagefind(node_modules: Path = NODE_MODULES) -> None:
    """Make the Python API start npm's Pagefind, unless PAGEFIND_BINARY_PATH already names one."""
    if os.environ.get("PAGEFIND_BINARY_PATH"):
        return
    binary = pagefind_binary(node_modules)
    if binary is None:
        raise PluginError(f"Pagefind is not installed in {node_modules}: run `make setup`.")
    os.environ["PAGEFIND_BINARY_PATH"] = str(binary)


def popular_rank(popular: object) -> int:
    """The front matter's `popular:` rank (1 = most asked), 0 when absent or not a rank."""
    if isinstance(popular, int) and not isinstance(popular, bool) and popular > 0:
        return popular
    return 0


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


# Articles of every language, by URL, gathered across the i18n plugin's per-language builds.
_articles: dict[str, Article] = {}


def _i18n(config: MkDocsConfig) -> Any:
    return config.plugins.get("i18n")


def _languages(config: MkDocsConfig) -> list[str]:
    return [lang.code for lang in languages_of(config)]


def on_page_markdown(markdown: str, page: Page, **_: Any) -> str:
    # Material's search plugin stays enabled only for its header button and dialog; its lunr
    # index is never used. Every page opts out of it with Material's documented front matter
    # (`search: exclude: true`), which spares parsing each page a second time.
    search = page.meta.get("search")
    page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig,
                    **_: Any) -> dict[str, Any]:
    if not page.meta.get("topic"):
        _articles.pop(page.url, None)
        return context
    meta = page.meta
    text, headings = text_of(page.content or "")
    _articles[page.url] = Article(
        lang=current_language(config), url=page.url, title=str(meta.get("title") or page.title),
        description=str(meta.get("description", "")), tags=_strings(meta.get("tags")),
        also_asked=_strings(meta.get("also_asked")), text=text, headings=headings,
        popular=popular_rank(meta.get("popular")),
    )
    return context


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    # The i18n plugin builds the other languages inside the default language's post-build
    # (priority -100), flagged `building`; this runs once after them all, when every
    # language's articles are known.
    if getattr(_i18n(config), "building", False):
        return
    langs = _languages(config)
    use_pinned_pagefind()
    write_bundle([a for a in _articles.values() if a.lang in langs],
                 Path(config.site_dir) / BUNDLE_DIR)
    # Material's search plugin must stay enabled for its header button and dialog; its lunr
    # index of every language is not used by anything.
    for path in Path(config.site_dir).glob("**/search/search_index.json"):
        path.unlink()
