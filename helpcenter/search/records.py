"""What search knows about an article, and the HTML record Pagefind indexes for it.

A record has weighted parts: the phrasings customers use (`also_asked:` in the front matter)
weigh most, then the title, the tags and the one-sentence answer, then the parts and joins of
their compound words (helpcenter/search/compounds.py), then the article text. Beside the index,
search/<lang>.yml (stop words and synonyms, kept by authors) becomes the words file that
assets/javascripts/search/search.js reads.
"""

from __future__ import annotations

import html
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.structure.pages import Page

from helpcenter.search.compounds import joined_pairs, parts_text, words
from helpcenter.search.text import distinct_words, text_of

# Pagefind weights (0-10) of a record's parts: how much a word found there counts.
WEIGHTS: dict[str, float] = {
    "also_asked": 10.0, "title": 7.0, "tags": 6.0, "description": 4.0, "headings": 2.0,
    "keyparts": 3.0,
    "text": 0.15, "textparts": 0.05,
}


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


def load_words(lang: str, words_dir: Path) -> dict[str, Any]:
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
        "text": distinct_words(article.text),
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


def popular_rank(popular: object) -> int:
    """The front matter's `popular:` rank (1 = most asked), 0 when absent or not a rank."""
    if isinstance(popular, int) and not isinstance(popular, bool) and popular > 0:
        return popular
    return 0


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def article_of(page: Page, lang: str) -> Article | None:
    """What search knows about a rendered page; None if it is not an article."""
    meta = page.meta
    if not meta.get("topic"):
        return None
    text, headings = text_of(page.content or "")
    return Article(
        lang=lang, url=page.url, title=str(meta.get("title") or page.title),
        description=str(meta.get("description", "")), tags=_strings(meta.get("tags")),
        also_asked=_strings(meta.get("also_asked")), text=text, headings=headings,
        popular=popular_rank(meta.get("popular")),
    )
