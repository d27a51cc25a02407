"""Error codes and their messages in Swedish, English and Finnish.

A problem is found in the code as a `Problem` (field, code, parameters); it becomes a sentence for a
reader only here, where the field's label and any limit are put in, formatted for each language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Literal, TypedDict

Lang = Literal["sv", "en", "fi"]
LANGS: tuple[Lang, ...] = ("sv", "en", "fi")


class Text(TypedDict):
    sv: str
    en: str
    fi: str


Param = int | Decimal | date | str


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the inputs; `field` is None when no single field is to blame."""

    field: str | None
    code: str
    params: Mapping[str, Param] = dataclass_field(default_factory=dict)
    index: int | None = None


def text(sv: str, en: str, fi: str) -> Text:
    return {"sv": sv, "en": en, "fi": fi}


def _templates() -> Mapping[str, Text]:
    return MappingProxyType({
        "missing": text(
            "Fyll i ”{label}”.",
            "Please fill in “{label}”.",
            "Täytä kenttä ”{label}”.",
        ),
        "wrong_type": text(
            "Värdet i ”{label}” måste vara {expected}.",
            "“{label}” must be {expected}.",
            "Kentän ”{label}” arvon on oltava {expected}.",
        ),
        "not_integer": text(
            "Värdet i ”{label}” måste vara ett heltal, utan decimaler.",
            "“{label}” must be a whole number, without decimals.",
            "Kentän ”{label}” arvon on oltava kokonaisluku ilman desimaaleja.",
        ),
        "negative": text(
            "Värdet i ”{label}” kan inte vara negativt.",
            "“{label}” cannot be negative.",
            "Kentän ”{label}” arvo ei voi olla negatiivinen.",
        ),
        "too_small": text(
            "Värdet i ”{label}” måste vara minst {min}.",
            "“{label}” must be at least {min}.",
            "Kentän ”{label}” arvon on oltava vähintään {min}.",
        ),
        "too_large": text(
            "Värdet i ”{label}” får vara högst {max}.",
            "“{label}” can be at most {max}.",
            "Kentän ”{label}” arvo saa olla enintään {max}.",
        ),
        "date_too_small": text(
            "Datumet i ”{label}” får inte vara tidigare än {min}.",
            "The date in “{label}” cannot be earlier than {min}.",
            "Kentän ”{label}” päivämäärä ei voi olla aikaisempi kuin {min}.",
        ),
        "date_too_large": text(
            "Datumet i ”{label}” får inte vara senare än {max}.",
            "The date in “{label}” cannot be later than {max}.",
            "Kentän ”{label}” päivämäärä ei voi olla myöhäisempi kuin {max}.",
        ),
        "not_a_number": text(
            "Värdet i ”{label}” är inte ett giltigt tal.",
            "“{label}” is not a valid number.",
            "Kentän ”{label}” arvo ei ole kelvollinen luku.",
        ),
        "too_many_decimals": text(
            "Värdet i ”{label}” får ha högst två decimaler.",
            "“{label}” can have at most two decimals.",
            "Kentän ”{label}” arvossa saa olla enintään kaksi desimaalia.",
        ),
        "invalid_date": text(
            "”{label}” är inget giltigt datum. Skriv datumet som ÅÅÅÅ-MM-DD, "
            "till exempel 2026-03-15.",
            "“{label}” is not a valid date. Write the date as YYYY-MM-DD, for example 2026-03-15.",
            "Kentän ”{label}” arvo ei ole kelvollinen päivämäärä. Kirjoita päivämäärä muodossa "
            "VVVV-KK-PP, esimerkiksi 2026-03-15.",
        ),
        "list_too_long": text(
            "”{label}” får innehålla högst {max_items} belopp.",
            "“{label}” can hold at most {max_items} amounts.",
            "Kentässä ”{label}” saa olla enintään {max_items} rahamäärää.",
        ),
        "change_date_outside_period": text(
            "”{label}” måste ligga inom faktureringsperioden, från {start} till och med {last}.",
            "“{label}” must lie inside the billing period, from {start} to {last}.",
            "Kentän ”{label}” päivämäärän on oltava laskutuskauden sisällä: aikaisintaan {start} "
            "ja viimeistään {last}.",
        ),
        "more_active_than_licences": text(
            "Det kan inte finnas fler aktiva användare ({active}) än licenser ({licences}): "
            "när du aktiverar en användare köper du vid behov en licens till.",
            "There cannot be more active users ({active}) than licences ({licences}): "
            "activating a user makes you buy a licence when one is needed.",
            "Aktiivisia käyttäjiä ({active}) ei voi olla enemmän kuin lisenssejä ({licences}): "
            "käyttäjää aktivoitaessa ostetaan tarvittaessa uusi lisenssi.",
        ),
        "remove_more_than_spare": text(
            "Bara lediga licenser kan tas bort. Du har {spare} lediga licenser, så ”{label}” "
            "får vara högst {spare}.",
            "Only spare licences can be removed. You have {spare} spare licences, so “{label}” "
            "can be at most {spare}.",
            "Vain vapaita lisenssejä voi poistaa. Sinulla on {spare} vapaata lisenssiä, joten "
            "kentän ”{label}” arvo saa olla enintään {spare}.",
        ),
        "unknown_calculator": text(
            "Det finns ingen räknare som heter ”{name}”.",
            "There is no calculator called “{name}”.",
            "Laskuria nimeltä ”{name}” ei ole.",
        ),
        "inputs_not_object": text(
            "Uppgifterna kunde inte läsas: de ska ges som fält med namn och värden.",
            "The inputs could not be read: they must be given as named fields with values.",
            "Syötteitä ei voitu lukea: ne on annettava niminä ja arvoina.",
        ),
        "internal_error": text(
            "Något gick fel i beräkningen. Kontrollera uppgifterna eller kontakta kundtjänst.",
            "Something went wrong in the calculation. Check the inputs or contact customer "
            "service.",
            "Laskennassa tapahtui virhe. Tarkista tiedot tai ota yhteyttä asiakaspalveluun.",
        ),
    })


def _expected() -> Mapping[str, Text]:
    """What a field of each kind must hold, for the `wrong_type` message."""
    return MappingProxyType({
        "count": text("ett heltal", "a whole number", "kokonaisluku"),
        "months": text("ett antal månader (heltal)", "a number of months (a whole number)",
                       "kuukausien määrä (kokonaisluku)"),
        "money": text("ett belopp, till exempel 25,00", "an amount, for example 25.00",
                      "rahamäärä, esimerkiksi 25,00"),
        "date": text("ett datum i formatet ÅÅÅÅ-MM-DD", "a date in the form YYYY-MM-DD",
                     "päivämäärä muodossa VVVV-KK-PP"),
        "money_list": text("en lista med belopp", "a list of amounts", "luettelo rahamääristä"),
    })


CODES: frozenset[str] = frozenset(
    code for code in _templates() if not code.startswith("date_")
)


def format_param(value: Param, lang: Lang) -> str:
    """Numbers as a reader of `lang` writes them; dates stay ISO, as the date inputs show them."""
    if isinstance(value, str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    raw = f"{value:,.2f}" if isinstance(value, Decimal) else f"{value:,d}"
    if lang == "en":
        return raw
    # Swedish and Finnish group thousands with a (no-break) space and use a decimal comma.
    return raw.replace(",", "\u00a0").replace(".", ",")


def text_json(value: Text) -> dict[str, str]:
    return {"sv": value["sv"], "en": value["en"], "fi": value["fi"]}


def item_label(label: Text, number: int) -> Text:
    return text(f"{label['sv']} (nr {number})", f"{label['en']} (no. {number})",
                f"{label['fi']} (nro {number})")


def render(problem: Problem, label: Text | None, kind: str | None = None) -> Text:
    """The problem as one sentence in each language."""
    templates = _templates()
    key = problem.code
    if kind == "date" and f"date_{key}" in templates:
        key = f"date_{key}"
    template = templates.get(key, templates["internal_error"])
    if label is not None and problem.index is not None:
        label = item_label(label, problem.index + 1)
    expected = _expected().get(kind or "")
    out: dict[Lang, str] = {}
    for lang in LANGS:
        values = {name: format_param(value, lang) for name, value in problem.params.items()}
        if label is not None:
            values["label"] = label[lang]
        if expected is not None:
            values["expected"] = expected[lang]
        out[lang] = template[lang].format_map(_Lenient(values))
    return text(out["sv"], out["en"], out["fi"])


class _Lenient(dict[str, str]):
    """Leaves an unknown placeholder visible instead of failing: a message must never raise."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
