"""Every text a reader meets uses the help center's terms (content/glossary.yml), in every language.

Authors run `.venv/bin/pytest tests/site/test_glossary.py -q` to check their wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

import calculators
from calculators.messages import LANGS, Plural, _expected, _templates

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "content" / "glossary.yml"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
FENCE = re.compile(r"^```.*?^```$", re.M | re.S)
LINK_TARGET = re.compile(r"\]\([^)]*\)")


@dataclass(frozen=True)
class Term:
    concept: str
    use: str
    avoid: tuple[str, ...]
    # Phrases that contain an avoided entry and are right ("customer service team" beside the
    # avoided "customer service"): an avoided word inside one of them is no violation.
    allow: tuple[str, ...] = ()


@dataclass(frozen=True)
class Text:
    where: str
    text: str


def pattern(entry: str) -> re.Pattern[str]:
    """A glossary entry as a whole-word, case-insensitive pattern; "*" is any word characters,
    "#" a number."""
    parts = [re.escape(word).replace(r"\*", r"\w*").replace(r"\#", r"[0-9]+")
             for word in entry.split()]
    return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w-])", re.I)


@cache
def glossary() -> dict[str, tuple[Term, ...]]:
    data = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    return {lang: tuple(Term(t["concept"], t["use"], tuple(t["avoid"]), tuple(t.get("allow", [])))
                        for t in terms)
            for lang, terms in data.items()}


def article_texts(lang: str) -> Iterator[Text]:
    for path in sorted((ROOT / "docs" / lang).glob("*.md")):
        raw = path.read_text(encoding="utf-8")
        match = re.match(r"---\n(.*?)\n---\n(.*)", raw, re.S)
        meta, body = (yaml.safe_load(match[1]) or {}, match[2]) if match else ({}, raw)
        # Tags are left out on purpose: they list what customers type, variants included.
        for key in ("title", "description"):
            if isinstance(meta.get(key), str):
                yield Text(f"{path.relative_to(ROOT)} ({key})", meta[key])
        body = LINK_TARGET.sub("]", FENCE.sub("", body))
        yield Text(str(path.relative_to(ROOT)), body)


def catalogue_texts(lang: str) -> Iterator[Text]:
    path = ROOT / "overrides" / "i18n" / f"{lang}.yml"
    for key, value in yaml.safe_load(path.read_text(encoding="utf-8")).items():
        yield Text(f"{path.relative_to(ROOT)} ({key})", str(value))


def site_texts(lang: str) -> Iterator[Text]:
    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml holds tags such as !ENV; their values are no reader's text.
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    settings: dict[str, Any] = dict(config)
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"]["languages"]:
                if language["locale"] == lang and not language.get("default"):
                    settings = language
    for key in ("site_name", "site_description"):
        if key in settings:
            yield Text(f"mkdocs.yml ({lang} {key})", str(settings[key]))


def calculator_texts(lang: str) -> Iterator[Text]:
    for name, spec in calculators.specs().items():
        yield Text(f"calculators/{name} (title)", spec["title"][lang])
        yield Text(f"calculators/{name} (description)", spec["description"][lang])
        for field in spec["fields"]:
            yield Text(f"calculators/{name} ({field['name']} label)", field["label"][lang])
            yield Text(f"calculators/{name} ({field['name']} help)", field["help"][lang])
        for result in spec["results"]:
            yield Text(f"calculators/{name} ({result['name']} result)", result["label"][lang])
    for code, message in _templates().items():
        forms = message.forms[lang] if isinstance(message, Plural) else {"": message[lang]}
        for category, form in forms.items():
            yield Text(f"calculators/messages.py ({code} {category})".replace(" )", ")"), form)
    for kind, expected in _expected().items():
        yield Text(f"calculators/messages.py (expected {kind})", expected[lang])


def texts(lang: str) -> list[Text]:
    found = [*article_texts(lang), *catalogue_texts(lang), *site_texts(lang),
             *calculator_texts(lang)]
    return [Text(t.where, EMAIL.sub(" ", t.text)) for t in found]


def avoided(term: Term, text: str) -> list[str]:
    """The avoided words in the text, leaving out those inside an allowed phrase."""
    allowed = [m.span() for entry in term.allow for m in pattern(entry).finditer(text)]
    return [match[0] for entry in term.avoid for match in pattern(entry).finditer(text)
            if not any(start <= match.start() and match.end() <= end for start, end in allowed)]


def violations(lang: str) -> list[str]:
    return [f"{text.where}: “{word}” — {term.concept}: use “{term.use}”"
            for term in glossary()[lang] for text in texts(lang) for word in avoided(term, text.text)]


def test_the_glossary_has_every_language() -> None:
    assert set(glossary()) == set(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_a_reader_meets_uses_the_glossary_terms(lang: str) -> None:
    found = violations(lang)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", LANGS)
def test_every_chosen_term_is_in_use_and_is_not_also_to_be_avoided(lang: str) -> None:
    every = "\n".join(t.text for t in texts(lang))
    for term in glossary()[lang]:
        assert pattern(term.use).search(every), f"“{term.use}” ({term.concept}) is used nowhere"
        allowed = any(pattern(entry).fullmatch(term.use) for entry in term.allow)
        assert allowed or not any(pattern(entry).search(term.use) for entry in term.avoid), (
            term.concept)


@pytest.mark.parametrize(("entry", "text", "found"), [
    ("liikamaks*", "Liikamaksun summa", True),
    ("liikamaks*", "liikasuoritus", False),
    ("support", "severa support team", True),
    ("support", "supporting", False),
    ("uu* tilau*", "uuden  tilauksen summa", True),
    ("uu* tilau*", "uusi lisätilaus", False),
    ("ni", "om ni vill", True),
    ("ni", "nio licenser", False),
    ("fakturan visar # licenser", "Fakturan visar 10 licenser.", True),
    ("fakturan visar # licenser", "Fakturan visar antalet licenser.", False),
    ("*ltänne", "omalta yritykseltänne", True),
    ("*ltänne", "tänne", False),
    ("help center", "Billing help-center", False),
    ("#.#.#", "till exempel 15.3.2026", True),
    ("#.#.#", "till exempel 2026-03-15", False),
])
def test_glossary_entries_match_whole_words_and_inflections(
        entry: str, text: str, found: bool) -> None:
    assert bool(pattern(entry).search(text)) is found


def test_an_avoided_word_inside_an_allowed_phrase_is_no_violation() -> None:
    term = Term("customer service", "customer service team", ("customer service",),
                ("customer service team",))
    text = "Contact customer service, or your local customer service team."
    assert avoided(term, text) == ["customer service"]


@pytest.mark.parametrize("lang", LANGS)
def test_an_optional_field_is_called_optional_once(lang: str) -> None:
    # The form puts "(valfritt)" after an optional field's label; its help text need not repeat it.
    path = ROOT / "overrides" / "i18n" / f"{lang}.yml"
    optional = str(yaml.safe_load(path.read_text(encoding="utf-8"))["calculator.optional"])
    repeated = [f"{name}.{field['name']}" for name, spec in calculators.specs().items()
                for field in spec["fields"]
                if not field["required"] and optional.casefold() in field["help"][lang].casefold()]
    assert not repeated
