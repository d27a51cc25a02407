"""The search evaluation is honest: held-out questions are customers' own words, not the
articles' metadata, and stay apart from what search was tuned on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tools.search_eval import evaluate as evaluation

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("sv", "en", "fi")
MIN_QUESTIONS = 40


def normal(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def front_matter(lang: str) -> dict[str, dict[str, object]]:
    out = {}
    for path in sorted((ROOT / "docs" / lang).glob("*.md")):
        meta = yaml.safe_load(path.read_text("utf-8").split("---")[1])
        if meta.get("topic"):
            out[path.stem] = meta
    return out


def author_texts(meta: dict[str, object]) -> list[str]:
    """What authors wrote for search: title, description, tags and customer phrasings."""
    listed = [*(meta.get("tags") or []), *(meta.get("also_asked") or [])]  # type: ignore[misc]
    return [normal(str(t)) for t in [meta.get("title", ""), meta.get("description", ""), *listed]]


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_at_least_40_held_out_questions_for_real_articles(lang: str) -> None:
    questions = evaluation.load_queries(evaluation.HELDOUT)[lang]
    assert len(questions) >= MIN_QUESTIONS
    slugs = set(front_matter(lang))
    assert {q.expect for q in questions} == slugs, "every article is asked about"


@pytest.mark.parametrize("lang", LANGS)
def test_no_held_out_question_is_copied_from_what_authors_wrote(lang: str) -> None:
    """Not a title, description, tag or also_asked phrasing of any article, nor a part of one."""
    texts = [t for meta in front_matter(lang).values() for t in author_texts(meta)]
    copied = [q.text for q in evaluation.load_queries(evaluation.HELDOUT)[lang]
              if any(normal(q.text) in t or t == normal(q.text) for t in texts)]
    assert copied == []


@pytest.mark.parametrize("lang", LANGS)
def test_held_out_questions_are_not_among_the_tuning_examples(lang: str) -> None:
    tuning = {normal(q.text) for q in evaluation.load_queries(evaluation.TUNING)[lang]}
    held = [q.text for q in evaluation.load_queries(evaluation.HELDOUT)[lang]
            if normal(q.text) in tuning]
    assert held == []


def test_held_out_questions_are_each_asked_once() -> None:
    data = yaml.safe_load(evaluation.HELDOUT.read_text("utf-8"))
    for lang, items in data.items():
        texts = [normal(item["q"]) for item in items]
        assert len(texts) == len(set(texts)), lang
