"""Every interface string exists, with text, in Swedish, English and Finnish."""

from __future__ import annotations

import re

import pytest
from tests.support.site_html import LANGUAGES, ROOT, TOPICS, catalogue

CONTACT_KINDS = ("support", "invoicing", "local")
# Keys the build and the templates make at run time rather than spell out.
COMPOSED_KEYS = {f"topic.{t}" for t in TOPICS} | {f"contact.{k}" for k in CONTACT_KINDS}


def keys_used_in_templates() -> set[str]:
    used: set[str] = set()
    for template in (ROOT / "overrides").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bui\[\s*["']([\w.-]+)["']\s*\]""", text))
    return used


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_has_every_key_of_every_language_with_text(lang: str) -> None:
    every_key = set().union(*(catalogue(other) for other in LANGUAGES))
    strings = catalogue(lang)
    assert sorted(every_key - set(strings)) == []
    assert sorted(k for k, v in strings.items() if not v.strip()) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_the_site_shows_is_in_the_catalogue(lang: str) -> None:
    used = keys_used_in_templates() | COMPOSED_KEYS
    assert "site.not_found_title" in used
    assert sorted(used - set(catalogue(lang))) == []


def test_site_strings_are_translated_rather_than_copied_from_swedish() -> None:
    swedish = catalogue("sv")
    for lang in LANGUAGES[1:]:
        copied = [
            k for k, v in catalogue(lang).items()
            if k.startswith(("site.", "topic.", "contact.")) and v == swedish.get(k)
        ]
        assert copied == [], lang
