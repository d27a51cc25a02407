"""Per-language search indexes, written by Pagefind from the articles' records.

Pagefind stems each language with its own Snowball stemmer and splits each language's index
into chunks, so a search downloads only the chunks of the words typed, whatever the number of
articles. Beside the index, each language's words (stop words, synonyms and which of them the
articles contain) go to pagefind/words.<lang>.json for assets/javascripts/search/search.js.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from helpcenter.search.compounds import vocabulary
from helpcenter.search.records import Article, expansions, load_words, record_html

BUNDLE_DIR = "pagefind"
# Pagefind's indexer (which also writes the search code the browser runs) comes from npm, pinned in
# package.json: PyPI's pagefind-bin stops at 1.5.2, whose search rescans every match of a word for
# each page it finds; at 1,000 articles per language a common Finnish stem (lasku-) took ~100 ms in
# the browser, with 1.6.0 ~30 ms (benchmarks/search_scale.py). The Python API drives either binary.
NODE_MODULES = Path(__file__).resolve().parent.parent.parent / "node_modules"
# Pagefind's bundle also holds its own UIs; the site has its own, in Material's look.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
    "wasm.unknown.pagefind",
)


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


def write_bundle(articles: list[Article], out: Path, words_dir: Path) -> None:
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
