"""Keyword search per language on top of Material's lunr search.

Material writes one search/search_index.json for all languages and chains every
language's stemmer on every word. This hook writes one index per language instead
(search/search_index.json for the default language, <locale>/search/search_index.json
for the others), each configured with only its own language, restricted to articles,
and enriched with:

- the article's description (its one-sentence answer) as its own field;
- the parts of compound words ("användarlicenser" -> "licenser"), so that a search for
  the part finds the compound: lunr only matches query terms as prefixes.

Pages then load the worker overrides/assets/javascripts/search/worker.js (set in each
page's __config), which fetches its language's index and expands the query with
stems, truncations and one-typo alternatives before Material's worker runs it.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from helpcenter.site_model import current, current_language

# Extra index fields and their default boosts; mkdocs.yml's search `fields` may override them.
EXTRA_FIELDS: dict[str, float] = {"description": 5.0, "keyparts": 8.0, "textparts": 1.0}
# Languages whose compounds are written closed; for them a known first part is enough
# evidence to index the rest of the word as a part even if it never occurs alone.
CLOSED_COMPOUNDING = frozenset({"sv", "fi", "da", "no", "de", "nl"})
MIN_PART = 4
MIN_UNKNOWN_HEAD = 6
WORKER_PATH = "assets/javascripts/search/worker.js"

_WORD = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"<[^>]+>")
_CONFIG_SCRIPT = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL
)
_MATERIAL_WORKER = re.compile(
    r"^(?P<root>.*)assets/javascripts/workers/(?P<name>search\.[0-9a-f]+\.min\.js)$"
)

# Article metadata by page URL, kept across the i18n plugin's per-language builds.
_articles: dict[str, dict[str, Any]] = {}


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


def language_of(location: str, prefixes: dict[str, str]) -> str:
    """The language of an index entry, from its location's leading folder."""
    default = next(lang for lang, prefix in prefixes.items() if prefix == "")
    for lang, prefix in prefixes.items():
        if prefix and location.startswith(prefix):
            return lang
    return default


def popularity_boost(popular: object) -> float:
    """A slight lead for the most asked articles (popular: 1 = most asked) when scores tie."""
    if isinstance(popular, int) and not isinstance(popular, bool) and 1 <= popular < 5:
        return round(1 + 0.05 * (5 - popular), 2)
    return 1.0


def enrich_entries(
    entries: list[dict[str, Any]], articles: dict[str, dict[str, Any]], lang: str
) -> list[dict[str, Any]]:
    """Only article entries, with description and compound-part fields added."""
    kept = [e for e in entries if e["location"].split("#")[0] in articles]
    vocab = vocabulary(
        t
        for e in kept
        for t in [e["title"], e["text"], *e.get("tags", []),
                  articles[e["location"].split("#")[0]].get("description", "")]
    )
    out: list[dict[str, Any]] = []
    for entry in kept:
        url, _, anchor = entry["location"].partition("#")
        meta = articles[url]
        doc = dict(entry)
        key_texts = [entry["title"], *entry.get("tags", [])]
        if not anchor and meta.get("description"):
            doc["description"] = meta["description"]
            key_texts.append(meta["description"])
        doc["keyparts"] = parts_text(key_texts, vocab, lang)
        doc["textparts"] = parts_text([entry["text"]], vocab, lang)
        if meta.get("boost", 1.0) != 1.0 and "boost" not in doc:
            doc["boost"] = meta["boost"]
        out.append(doc)
    return out


def index_payload(
    entries: list[dict[str, Any]], lang: str, base_config: dict[str, Any]
) -> dict[str, Any]:
    fields = {name: {"boost": boost} for name, boost in EXTRA_FIELDS.items()}
    fields.update(base_config.get("fields", {}))
    config = {
        "lang": [lang],
        "separator": base_config["separator"],
        "pipeline": base_config["pipeline"],
        "fields": fields,
    }
    return {"config": config, "docs": entries}


def _language_prefixes(config: MkDocsConfig) -> dict[str, str]:
    return {lang.code: lang.prefix for lang in current().languages}


def _search_plugin(config: MkDocsConfig) -> Any:
    return config.plugins.get("material/search") or config.plugins.get("search")


def on_page_context(context: dict[str, Any], page: Page, **_: Any) -> dict[str, Any]:
    if page.meta.get("topic"):
        _articles[page.url] = {
            "description": str(page.meta.get("description", "")),
            "boost": popularity_boost(page.meta.get("popular")),
        }
    else:
        _articles.pop(page.url, None)
    return context


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    # Runs after Material wrote its index and after the i18n plugin merged all languages
    # into it (priority -100), so the default language's file ends up per-language too.
    plugin = _search_plugin(config)
    if plugin is None or not plugin.config.enabled:
        return
    prefixes = _language_prefixes(config)
    by_lang: dict[str, list[dict[str, Any]]] = {}
    for entry in plugin.search_index.entries:
        by_lang.setdefault(language_of(entry["location"], prefixes), []).append(entry)
    if len(by_lang) > 1:
        # The merged index of the last pass: the other languages were written by their
        # own builds, and the i18n plugin may have dropped some of their entries.
        default = next(lang for lang, prefix in prefixes.items() if prefix == "")
        by_lang = {default: by_lang.get(default, [])}
    base_config = {
        "separator": plugin.config.separator,
        "pipeline": plugin.config.pipeline,
        "fields": dict(plugin.config.fields),
    }
    for lang, entries in by_lang.items():
        payload = index_payload(enrich_entries(entries, _articles, lang), lang, base_config)
        path = Path(config.site_dir) / prefixes[lang] / "search" / "search_index.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")


def worker_url(material_url: str, lang: str, prefix: str, version: str) -> str | None:
    """Our worker's URL for a page, given the page's URL of Material's search worker."""
    match = _MATERIAL_WORKER.match(material_url)
    if not match:
        return None
    return (f"{match['root']}{WORKER_PATH}?v={version}&lang={lang}"
            f"&index={prefix}search/search_index.json&material={match['name']}")


def point_config_to_worker(output: str, lang: str, prefix: str, version: str) -> str:
    """Make a page's Material __config load our per-language worker."""
    match = _CONFIG_SCRIPT.search(output)
    if not match:
        return output
    data = json.loads(match.group(2))
    url = worker_url(str(data.get("search", "")), lang, prefix, version)
    if url is None:
        return output
    data["search"] = url
    # Same escaping as Jinja's tojson, so the JSON cannot close the script element.
    encoded = (json.dumps(data, separators=(",", ":"))
               .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    return output[: match.start(2)] + encoded + output[match.end(2):]


def _worker_version(config: MkDocsConfig) -> str:
    worker = Path(config.config_file_path).parent / "overrides" / WORKER_PATH
    try:
        return hashlib.sha256(worker.read_bytes()).hexdigest()[:10]
    except OSError:
        return "0"


def _current_lang(config: MkDocsConfig) -> str:
    return current_language(config)


def _rewrite(output: str, config: MkDocsConfig) -> str:
    lang = _current_lang(config)
    return point_config_to_worker(output, lang, _language_prefixes(config)[lang],
                                  _worker_version(config))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _rewrite(output, config)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is a static template: on_post_page never sees it.
    if not template_name.endswith(".html"):
        return output_content
    return _rewrite(output_content, config)
