"""A message whose words follow a number says "1 ledig licens" and "2 lediga licenser".

The core declares the forms per CLDR plural category; `messages.fill` chooses with `cardinal`, the
rule sv, en and fi share, unless the caller passes CLDR's own (Babel in the build, Intl.PluralRules
on the page). The test that compares `cardinal` with Babel's CLDR data runs where Babel is
installed (CPython), not inside Pyodide.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

import calculators
from calculators.messages import LANGS, Plural, _templates, cardinal, fill

SPARE = {"one": {"sv": "Du har 1 ledig licens,", "en": "You have 1 spare licence,",
                 "fi": "Sinulla on 1 vapaa lisenssi,"},
         "other": {"sv": "Du har {n} lediga licenser,", "en": "You have {n} spare licences,",
                   "fi": "Sinulla on {n} vapaata lisenssiä,"}}
PLURALS = {code: template for code, template in _templates().items()
           if isinstance(template, Plural)}


def remove_more_than_spare(spare: int) -> dict[str, Any]:
    """The error for removing one licence more than the spare ones."""
    outcome = calculators.run("proration", {
        "period_start": "2026-01-01", "period_months": 6, "change_date": "2026-03-15",
        "licences_current": spare + 5, "licences_added": 0, "licences_removed": spare + 1,
        "active_users": 5, "unit_price": "25.00"})
    [error] = outcome["errors"]
    assert error["code"] == "remove_more_than_spare"
    return error


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("spare", [0, 1, 2, 5, 11, 21, 101])
def test_one_spare_licence_is_a_licence_and_any_other_number_licences(
        lang: str, spare: int) -> None:
    sentence = fill(remove_more_than_spare(spare), lang)
    expected = SPARE["one"][lang] if spare == 1 else SPARE["other"][lang].format(n=spare)
    assert expected in sentence


def test_the_message_itself_is_the_general_form_for_a_reader_that_does_not_choose() -> None:
    error = remove_more_than_spare(1)
    assert error["plural"]["param"] == "spare"
    for lang in LANGS:
        assert error["message"][lang] == error["plural"]["forms"][lang]["other"]
    assert "plural" not in calculators.run("invoice_quantity", {"licences": -1})["errors"][0]


def test_a_caller_chooses_the_form_with_its_own_plural_rule() -> None:
    error = remove_more_than_spare(1)
    assert "2 lediga licenser" not in fill(error, "sv")
    # A rule naming a category the language has no form for gets the general form.
    assert "1 lediga licenser" in fill(error, "sv", category=lambda lang, token: "few")
    assert "[1]" in fill(error, "sv", lambda token: f"[{token['value']}]")


@pytest.mark.parametrize("code", sorted(PLURALS))
def test_every_form_of_a_message_has_other_and_the_same_placeholders(code: str) -> None:
    template = PLURALS[code]
    placeholders = {frozenset(re.findall(r"\{([a-z_]+)\}", form))
                    for lang in LANGS for form in template.forms[lang].values()}
    assert len(placeholders) == 1 and template.param in next(iter(placeholders)), placeholders
    for lang in LANGS:
        assert "other" in template.forms[lang]
        assert set(template.forms[lang]) <= {"zero", "one", "two", "few", "many", "other"}


@pytest.mark.parametrize("code", sorted(PLURALS))
@pytest.mark.parametrize("lang", LANGS)
def test_every_plural_message_has_a_form_for_each_cldr_category_of_its_language(
        code: str, lang: str) -> None:
    babel = pytest.importorskip("babel", reason="CLDR data comes with Babel, in CPython")
    categories = set(babel.Locale.parse(lang).plural_form.tags) | {"other"}
    assert set(PLURALS[code].forms[lang]) == categories


@pytest.mark.parametrize("lang", LANGS)
def test_the_default_plural_rule_is_cldrs_for_swedish_english_and_finnish(lang: str) -> None:
    babel = pytest.importorskip("babel", reason="CLDR data comes with Babel, in CPython")
    rule = babel.Locale.parse(lang).plural_form
    values = [*map(str, range(0, 130)), "1001", "-1", "1.00", "0.5", "1.5", "21.00", "2.10"]
    for value in values:
        for kind in ("count", "quantity", "money"):
            token = {"kind": kind, "value": value}
            assert cardinal(lang, token) == rule(Decimal(value)), (kind, value)
