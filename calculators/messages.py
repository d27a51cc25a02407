"""Error codes and their messages in Swedish, English and Finnish.

A problem is found in the code as a `Problem` (field, code, parameters); it becomes a sentence for a
reader only here, where the field's label is put in. Its numbers and dates stay typed tokens
(`{max}` in the sentence, `{"kind": "money", "value": "10000000.00"}` beside it) for the page or the
build to format in the reader's locale.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Literal, NamedTuple, TypedDict

from .tokens import NumberToken, count, day, money

Lang = Literal["sv", "en", "fi"]
LANGS: tuple[Lang, ...] = ("sv", "en", "fi")


class Text(TypedDict):
    sv: str
    en: str
    fi: str


Param = int | Decimal | date | str
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the inputs; `field` is None when no single field is to blame."""

    field: str | None
    code: str
    params: Mapping[str, Param] = dataclass_field(default_factory=dict)
    index: int | None = None


class Message(NamedTuple):
    """Templates in each language and the tokens their placeholders stand for."""

    text: Text
    params: dict[str, NumberToken]


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
            "Värdet i ”{label}” är inget tal. Skriv till exempel 1 500,50.",
            "“{label}” is not a number. Write it as, for example, 1,500.50.",
            "Kentän ”{label}” arvo ei ole luku. Kirjoita esimerkiksi 1 500,50.",
        ),
        "ambiguous_number": text(
            "Värdet i ”{label}” kan läsas på två sätt. Skriv tusental med mellanslag och "
            "decimaler med komma, till exempel 1 500 eller 1,50.",
            "“{label}” could be read two ways. Write thousands with a comma and decimals with "
            "a point, for example 1,500 or 1.50.",
            "Kentän ”{label}” arvon voi lukea kahdella tavalla. Erota tuhannet välilyönnillä ja "
            "desimaalit pilkulla, esimerkiksi 1 500 tai 1,50.",
        ),
        "too_many_decimals": text(
            "Värdet i ”{label}” får ha högst två decimaler.",
            "“{label}” can have at most two decimals.",
            "Kentän ”{label}” arvossa saa olla enintään kaksi desimaalia.",
        ),
        "invalid_date": text(
            "”{label}” är inget giltigt datum. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel "
            "2026-03-15.",
            "“{label}” is not a valid date. Write the date as YYYY-MM-DD, for example 2026-03-15.",
            "Kentän ”{label}” arvo ei ole kelvollinen päivämäärä. Kirjoita päivämäärä "
            "esimerkiksi muodossa 15.3.2026 tai 2026-03-15.",
        ),
        "list_too_long": text(
            "”{label}” får innehålla högst {max_items} belopp.",
            "“{label}” can hold at most {max_items} amounts.",
            "Kentässä ”{label}” saa olla enintään {max_items} rahamäärää.",
        ),
        "change_date_outside_period": text(
            "”{label}” måste ligga inom faktureringsperioden, från {start} till och med {last}.",
            "“{label}” must be within the billing period, from {start} up to and including "
            "{last}.",
            "Kentän ”{label}” päivämäärän on oltava laskutuskauden sisällä: aikaisintaan {start} "
            "ja viimeistään {last}.",
        ),
        "more_active_than_licences": text(
            "Det kan inte finnas fler aktiva användare ({active}) än licenser ({licences}): "
            "om ingen licens är ledig när du aktiverar en användare köper du en licens till.",
            "There cannot be more active users ({active}) than licences ({licences}): "
            "if no licence is free when you activate a user, you buy one more.",
            "Aktiivisia käyttäjiä ({active}) ei voi olla enemmän kuin lisenssejä ({licences}): "
            "jos vapaata lisenssiä ei ole, kun aktivoit käyttäjän, ostat yhden lisenssin lisää.",
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
            "Räknaren kunde inte läsa dina uppgifter. Ladda om sidan och försök igen.",
            "The calculator could not read your entries. Please reload the page and try again.",
            "Laskuri ei pystynyt lukemaan antamiasi tietoja. Lataa sivu uudelleen ja yritä "
            "sitten uudestaan.",
        ),
        "internal_error": text(
            "Något gick fel i räknaren. Ladda om sidan och försök igen. Om felet kvarstår, "
            "kontakta kundtjänst.",
            "Something went wrong in the calculator. Please reload the page and try again. If "
            "it keeps happening, contact our customer service team.",
            "Laskurissa tapahtui virhe. Lataa sivu uudelleen ja yritä sitten uudestaan. Jos "
            "virhe toistuu, ota yhteyttä asiakaspalveluun.",
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
        "date": text("ett datum, till exempel 2026-03-15", "a date in the form YYYY-MM-DD",
                     "päivämäärä, esimerkiksi 15.3.2026"),
        "money_list": text("en lista med belopp", "a list of amounts", "luettelo rahamääristä"),
    })


CODES: frozenset[str] = frozenset(
    code for code in _templates() if not code.startswith("date_")
)


def text_json(value: Text) -> dict[str, str]:
    return {"sv": value["sv"], "en": value["en"], "fi": value["fi"]}


def item_label(label: Text) -> Text:
    """The label of one item of a list; the item's number is the `item` token."""
    return text(f"{label['sv']} (nr {{item}})", f"{label['en']} (no. {{item}})",
                f"{label['fi']} (nro {{item}})")


def param_token(value: Param) -> NumberToken:
    """A message's number or date as a token, formatted by the page (Intl) or the build (Babel)."""
    if isinstance(value, str):
        return {"kind": "text", "value": value}
    if isinstance(value, date):
        return day(value)
    if isinstance(value, Decimal):
        return money(value)
    return count(value)


def render(problem: Problem, label: Text | None, kind: str | None = None) -> Message:
    """The problem as one sentence per language, with `{name}` placeholders for its tokens.

    Labels and wording are filled in here; numbers, dates and the caller's own text stay tokens,
    so each edge formats them for its locale and no language's number format is guessed here.
    """
    templates = _templates()
    key = problem.code
    if kind == "date" and f"date_{key}" in templates:
        key = f"date_{key}"
    template = templates.get(key, templates["internal_error"])
    params = {name: param_token(value) for name, value in problem.params.items()}
    if label is not None and problem.index is not None:
        label = item_label(label)
        params["item"] = count(problem.index + 1)
    expected = _expected().get(kind or "")
    out: dict[Lang, str] = {}
    for lang in LANGS:
        values: dict[str, str] = {}
        if label is not None:
            values["label"] = label[lang]
        if expected is not None:
            values["expected"] = expected[lang]
        out[lang] = template[lang].format_map(_Lenient(values))
    return Message(text(out["sv"], out["en"], out["fi"]), params)


def fill(template: str, params: Mapping[str, NumberToken],
         format_token: Callable[[NumberToken], str] = lambda token: token["value"]) -> str:
    """A message with its tokens written in: what the page does with Intl, for Python callers
    (the build's error messages, tests). Without a formatter, tokens show their canonical value."""
    return _PLACEHOLDER.sub(
        lambda match: format_token(params[match[1]]) if match[1] in params else match[0],
        template)


class _Lenient(dict[str, str]):
    """Leaves an unknown placeholder visible instead of failing: a message must never raise."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
