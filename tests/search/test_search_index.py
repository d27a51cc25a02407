"""The per-language search indexes that hooks/search_index.py writes, and their word processing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import search_index as hook

ROOT = Path(__file__).resolve().parents[2]


SV_VOCAB = hook.vocabulary([
    "användare licenser licens fakturering period betalning påminnelse bank kontot konto "
    "uppsägning upp meddelande abonnemang kontrollera ingen"
])
FI_VOCAB = hook.vocabulary(["maksu muistutus lasku laskun päivä asia asiakas palvelu irtisano"])


def test_searching_licens_finds_swedish_compounds_that_end_in_it() -> None:
    assert "licenser" in hook.compound_parts("användarlicenser", SV_VOCAB, "sv")


def test_swedish_linking_s_is_recognised_in_compounds() -> None:
    assert "period" in hook.compound_parts("faktureringsperiod", SV_VOCAB, "sv")
    assert "påminnelse" in hook.compound_parts("betalningspåminnelse", SV_VOCAB, "sv")


def test_compound_parts_are_split_again() -> None:
    parts = hook.compound_parts("bankkontonumret", SV_VOCAB, "sv")
    assert "kontonumret" in parts and "numret" in parts


def test_finnish_compounds_are_split_into_their_words() -> None:
    assert "muistutus" in hook.compound_parts("maksumuistutus", FI_VOCAB, "fi")
    assert "päivä" in hook.compound_parts("eräpäivä", FI_VOCAB | {"erä"}, "fi")


def test_the_longest_known_first_part_decides_an_unknown_rest() -> None:
    parts = hook.compound_parts("asiakaspalveluumme", FI_VOCAB, "fi")
    assert "palveluumme" in parts
    assert "kaspalveluumme" not in parts


@pytest.mark.parametrize("word", ["uppsägning", "abonnemang", "kontrollerar", "meddelanden"])
def test_ordinary_swedish_words_are_not_split(word: str) -> None:
    assert hook.compound_parts(word, SV_VOCAB, "sv") == []


def test_english_words_are_split_only_into_known_words() -> None:
    vocab = hook.vocabulary(["over payment information inform"])
    assert hook.compound_parts("overpayment", vocab, "en") == ["payment"]
    assert hook.compound_parts("information", vocab, "en") == []


def test_words_ignore_markup_entities_and_digits() -> None:
    assert hook.words("<p>Fakturan &amp; 60 <code>licenser</code></p>") == ["fakturan", "licenser"]


def test_entries_belong_to_the_language_of_their_folder() -> None:
    prefixes = {"sv": "", "en": "en/", "fi": "fi/"}
    assert hook.language_of("paid-twice/#exempel", prefixes) == "sv"
    assert hook.language_of("en/paid-twice/", prefixes) == "en"
    assert hook.language_of("fi/paid-twice/", prefixes) == "fi"


def test_only_articles_are_indexed_with_description_parts_and_popularity() -> None:
    articles = {"paid-twice/": {"description": "En överbetalning används automatiskt.",
                                "boost": hook.popularity_boost(1)}}
    entries = [
        {"location": "", "title": "Hjälpcenter", "text": "<p>Välkommen</p>"},
        {"location": "paid-twice/", "title": "Dubbel betalning",
         "text": "<p>Betalade två gånger</p>", "tags": ["dubbelbetalning"]},
        {"location": "paid-twice/#exempel", "title": "Exempel", "text": "<p>bank konto</p>",
         "tags": ["dubbelbetalning"]},
    ]
    docs = hook.enrich_entries(entries, articles, "sv")
    assert [d["location"] for d in docs] == ["paid-twice/", "paid-twice/#exempel"]
    assert docs[0]["description"] == "En överbetalning används automatiskt."
    assert "description" not in docs[1]
    assert "betalning" in docs[0]["keyparts"].split()
    assert docs[0]["boost"] > 1


def test_most_asked_articles_lead_slightly_and_others_are_neutral() -> None:
    assert hook.popularity_boost(1) > hook.popularity_boost(4) > 1.0
    assert hook.popularity_boost(None) == 1.0
    assert hook.popularity_boost(True) == 1.0


def test_an_index_uses_only_its_own_language() -> None:
    payload = hook.index_payload([], "fi", {"separator": "[\\s]+", "pipeline": ["stemmer"],
                                            "fields": {"title": {"boost": 10}}})
    assert payload["config"]["lang"] == ["fi"]
    assert payload["config"]["fields"]["title"] == {"boost": 10}
    assert set(hook.EXTRA_FIELDS) <= set(payload["config"]["fields"])


def test_pages_load_the_search_worker_of_their_language() -> None:
    page = ('<script id="__config" type="application/json">{"base":"../..","search":'
            '"../../assets/javascripts/workers/search.a7633da7.min.js","x":"<b>"}</script>')
    out = hook.point_config_to_worker(page, "en", "en/", "abc")
    config = json.loads(out.split(">", 1)[1].rsplit("</script>", 1)[0])
    assert config["search"] == ("../../assets/javascripts/search/worker.js?v=abc&lang=en"
                                "&index=en/search/search_index.json&material=search.a7633da7.min.js")
    assert config["base"] == "../.." and config["x"] == "<b>"
    assert "<b>" not in out


def test_pages_without_material_config_are_left_alone() -> None:
    assert hook.point_config_to_worker("<p>hi</p>", "sv", "", "abc") == "<p>hi</p>"


def test_each_language_has_its_own_index_of_its_articles(built_site: Path) -> None:
    for lang, prefix in {"sv": "", "en": "en/", "fi": "fi/"}.items():
        path = built_site / prefix / "search" / "search_index.json"
        index = json.loads(path.read_text("utf-8"))
        assert index["config"]["lang"] == [lang]
        assert "stemmer" in index["config"]["pipeline"]
        pages = {d["location"].split("#")[0] for d in index["docs"]}
        assert len(pages) == 8, pages
        assert all(p.startswith(prefix) and p.count("/") == prefix.count("/") + 1 for p in pages)
