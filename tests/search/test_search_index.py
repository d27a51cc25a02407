"""The per-language search indexes the build writes (helpcenter/search/), and their words."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from helpcenter.search import compounds, pagefind, records
from helpcenter.search.text import text_of

ROOT = Path(__file__).resolve().parents[2]


SV_VOCAB = compounds.vocabulary([
    "användare licenser licens fakturering period betalning påminnelse bank kontot konto "
    "uppsägning upp meddelande abonnemang kontrollera ingen"
])
FI_VOCAB = compounds.vocabulary(
    ["maksu muistutus lasku laskun päivä asia asiakas palvelu irtisano"])


def test_searching_licens_finds_swedish_compounds_that_end_in_it() -> None:
    assert "licenser" in compounds.compound_parts("användarlicenser", SV_VOCAB, "sv")


def test_swedish_linking_s_is_recognised_in_compounds() -> None:
    assert "period" in compounds.compound_parts("faktureringsperiod", SV_VOCAB, "sv")
    assert "påminnelse" in compounds.compound_parts("betalningspåminnelse", SV_VOCAB, "sv")


def test_compound_parts_are_split_again() -> None:
    parts = compounds.compound_parts("bankkontonumret", SV_VOCAB, "sv")
    assert "kontonumret" in parts and "numret" in parts


def test_finnish_compounds_are_split_into_their_words() -> None:
    assert "muistutus" in compounds.compound_parts("maksumuistutus", FI_VOCAB, "fi")
    assert "päivä" in compounds.compound_parts("eräpäivä", FI_VOCAB | {"erä"}, "fi")


def test_the_longest_known_first_part_decides_an_unknown_rest() -> None:
    parts = compounds.compound_parts("asiakaspalveluumme", FI_VOCAB, "fi")
    assert "palveluumme" in parts
    assert "kaspalveluumme" not in parts


@pytest.mark.parametrize("word", ["uppsägning", "abonnemang", "kontrollerar", "meddelanden"])
def test_ordinary_swedish_words_are_not_split(word: str) -> None:
    assert compounds.compound_parts(word, SV_VOCAB, "sv") == []


def test_english_words_are_split_only_into_known_words() -> None:
    vocab = compounds.vocabulary(["over payment information inform"])
    assert compounds.compound_parts("overpayment", vocab, "en") == ["payment"]
    assert compounds.compound_parts("information", vocab, "en") == []


def test_words_ignore_markup_entities_and_digits() -> None:
    found = compounds.words("<p>Fakturan &amp; 60 <code>licenser</code></p>")
    assert found == ["fakturan", "licenser"]


def _article(**kw: object) -> records.Article:
    fields: dict[str, object] = {
        "lang": "sv", "url": "paid-twice/", "title": "Jag betalade min faktura två gånger",
        "description": "En överbetalning används automatiskt.", "tags": ["återbetalning"],
        "also_asked": ["dubbel betalning av samma faktura"], "text": "Betala inte igen.",
    }
    fields.update(kw)
    return records.Article(**fields)  # type: ignore[arg-type]


def test_an_article_record_weighs_customer_phrasings_above_title_tags_and_text() -> None:
    record = records.record_html(_article(), SV_VOCAB, frozenset({"av"}))
    weights = dict(re.findall(r'data-pagefind-weight="([\d.]+)">([^<]*)<', record))
    by_text = {text: float(weight) for weight, text in weights.items()}
    also = by_text["dubbel betalning av samma faktura"]
    assert also > by_text["Jag betalade min faktura två gånger"] > by_text["betala inte igen"]
    assert by_text["återbetalning"] > by_text["betala inte igen"]
    assert '<html lang="sv">' in record


def test_an_article_body_is_indexed_as_the_words_it_uses_each_once() -> None:
    """A word the body repeats finds the article as well as once, and a common stem's lookup
    stays small at a thousand articles."""
    text = "Fakturan visar 60. Betala fakturan i tid, Fakturan kommer i mars 2026."
    record = records.record_html(_article(text=text), SV_VOCAB, frozenset())
    body = re.search(r'data-pagefind-weight="0.15">([^<]*)<', record)
    assert body is not None
    assert body[1] == "fakturan visar 60 betala i tid kommer mars 2026"


def test_a_record_carries_title_and_answer_for_the_result_list() -> None:
    record = records.record_html(_article(description='Svar med "citat" & <tecken>'), SV_VOCAB,
                              frozenset())
    assert 'data-pagefind-meta="title[content]" content="Jag betalade min faktura två gånger"' \
        in record
    assert "content=\"Svar med &quot;citat&quot; &amp; &lt;tecken&gt;\"" in record


def test_open_compounds_are_also_indexed_closed_and_closed_ones_split() -> None:
    record = records.record_html(_article(), SV_VOCAB | {"dubbel"}, frozenset({"av"}))
    assert "dubbelbetalning" in record
    assert "samma faktura" not in compounds.joined_pairs(["samma, faktura"], frozenset())
    assert compounds.joined_pairs(["dubbel betalning av fakturan"], frozenset({"av"})) == [
        "dubbelbetalning", "betalningfakturan"]


def test_article_text_and_headings_leave_out_calculator_forms_and_permalink_signs() -> None:
    text = text_of('<h2 id="x">Exempel<a class="headerlink" href="#x">¶</a></h2>'
                        '<p>Du har <strong>10</strong> licenser.</p>'
                        '<form><label>Antal licenser</label><button>Räkna</button></form>')
    assert text == ("Exempel Du har 10 licenser.", ["Exempel"])


def test_most_asked_rank_is_read_from_front_matter_and_ignores_non_ranks() -> None:
    assert records.popular_rank(1) == 1
    assert records.popular_rank(None) == 0
    assert records.popular_rank(True) == 0
    assert records.popular_rank("2") == 0


def test_search_words_come_from_the_authors_file_of_each_language(tmp_path: Path) -> None:
    (tmp_path / "sv.yml").write_text(
        "synonyms:\n  - [Faktura, räkning]\nstop_words: [Varför, min]\n", "utf-8")
    words = records.load_words("sv", tmp_path)
    assert words == {"stop_words": ["min", "varför"], "synonyms": [["faktura", "räkning"]]}
    assert records.load_words("de", tmp_path) == {"stop_words": [], "synonyms": []}


@pytest.mark.parametrize("lang", ["sv", "en", "fi"])
def test_every_language_has_stop_words_and_synonyms(lang: str) -> None:
    words = records.load_words(lang, ROOT / "search")
    assert len(words["stop_words"]) > 50
    assert len(words["synonyms"]) > 5
    assert all(len(group) >= 2 for group in words["synonyms"])


def test_each_language_has_its_own_pagefind_index_of_its_articles(built_site: Path) -> None:
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert set(entry["languages"]) == {"sv", "en", "fi"}
    for lang, index in entry["languages"].items():
        assert index["page_count"] == 8, (lang, index)
        assert (built_site / "pagefind" / f"words.{lang}.json").is_file()


def test_pages_leave_materials_search_worker_alone(built_site: Path) -> None:
    """Material's worker protocol is not rewritten: its search does not even start, because the
    dialog is the site's own (no form named "search"), so no lunr index is built or fetched."""
    page = (built_site / "en" / "paid-twice" / "index.html").read_text("utf-8")
    config = json.loads(page.split('<script id="__config" type="application/json">')[1]
                        .split("</script>")[0])
    assert re.fullmatch(r"[./]*assets/javascripts/workers/search\.[0-9a-f]+\.min\.js",
                        config["search"])
    assert 'name="search"' not in page
    assert not (built_site / "assets" / "javascripts" / "search" / "worker.js").exists()
    assert not list(built_site.glob("**/search/search_index.json"))


def test_pagefinds_own_ui_files_are_not_published(built_site: Path) -> None:
    for name in pagefind.UNUSED_BUNDLE_FILES:
        assert not (built_site / "pagefind" / name).exists(), name


def test_the_build_indexes_with_the_pagefind_version_package_json_pins() -> None:
    """The faster Pagefind search the 1,000-article latency relies on, not PyPI's older binary."""
    pinned = json.loads((ROOT / "package.json").read_text("utf-8"))["devDependencies"]["pagefind"]
    binary = pagefind.pagefind_binary()
    assert binary is not None, "npm's Pagefind is missing: make setup"
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True,
                             check=True).stdout.split()
    assert version == ["pagefind", pinned]


def test_a_build_without_npm_pagefind_stops_with_what_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    assert pagefind.pagefind_binary(tmp_path) is None
    with pytest.raises(PluginError, match="make setup"):
        pagefind.use_pinned_pagefind(tmp_path)


def test_an_operator_can_name_another_pagefind_binary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/opt/pagefind/pagefind")
    pagefind.use_pinned_pagefind()
    assert os.environ["PAGEFIND_BINARY_PATH"] == "/opt/pagefind/pagefind"
