"""Error codes and their messages in Swedish, English and Finnish.

A problem is found in the code as a `Problem` (field, code, parameters); it becomes a sentence for a
reader only here, where the field's label is put in. Its numbers and dates stay typed tokens
(`{max}` in the sentence, `{"kind": "money", "value": "10000000.00"}` beside it) for the page or the
build to format in the reader's locale.

A sentence whose words follow a number ("1 ledig licens", "2 lediga licenser") is a `Plural`: per
language, one template for each CLDR plural category of that language, and the parameter whose
number chooses. The core holds no CLDR data; the edges choose the category with CLDR's rules
(Intl.PluralRules on the page, Babel in the build), and `fill` does it in pure Python with
`cardinal`, the rule the core's three languages share.
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


@dataclass(frozen=True)
class Plural:
    """A message in the form for its number: per language, a template for each CLDR plural
    category of that language ("one" and "other" in sv, en and fi; every language has "other"),
    chosen by the number of the parameter `param`."""

    param: str
    forms: Mapping[Lang, Mapping[str, str]]

    def other(self) -> Text:
        """The general form, the message's text where nothing chooses."""
        return text(self.forms["sv"]["other"], self.forms["en"]["other"],
                    self.forms["fi"]["other"])


class Message(NamedTuple):
    """Templates in each language and the tokens their placeholders stand for; `plural` holds
    the forms to choose from when the words follow a number (`text` is then the "other" form)."""

    text: Text
    params: dict[str, NumberToken]
    plural: Plural | None = None


def text(sv: str, en: str, fi: str) -> Text:
    return {"sv": sv, "en": en, "fi": fi}


def plural(param: str, sv: Mapping[str, str], en: Mapping[str, str],
           fi: Mapping[str, str]) -> Plural:
    return Plural(param, MappingProxyType({"sv": sv, "en": en, "fi": fi}))


def _templates() -> Mapping[str, Text | Plural]:
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
        "remove_more_than_spare": plural(
            "spare",
            sv={
                "one": "Bara lediga licenser kan tas bort. Du har {spare} ledig licens, så "
                       "”{label}” får vara högst {spare}.",
                "other": "Bara lediga licenser kan tas bort. Du har {spare} lediga licenser, så "
                         "”{label}” får vara högst {spare}.",
            },
            en={
                "one": "Only spare licences can be removed. You have {spare} spare licence, so "
                       "“{label}” can be at most {spare}.",
                "other": "Only spare licences can be removed. You have {spare} spare licences, "
                         "so “{label}” can be at most {spare}.",
            },
            fi={
                "one": "Vain vapaita lisenssejä voi poistaa. Sinulla on {spare} vapaa lisenssi, "
                       "joten kentän ”{label}” arvo saa olla enintään {spare}.",
                "other": "Vain vapaita lisenssejä voi poistaa. Sinulla on {spare} vapaata "
                         "lisenssiä, joten kentän ”{label}” arvo saa olla enintään {spare}.",
            },
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

    def filled(lang: Lang, template_text: str) -> str:
        values: dict[str, str] = {}
        if label is not None:
            values["label"] = label[lang]
        if expected is not None:
            values["expected"] = expected[lang]
        return template_text.format_map(_Lenient(values))

    if isinstance(template, Plural):
        forms = {lang: MappingProxyType({category: filled(lang, form)
                                         for category, form in template.forms[lang].items()})
                 for lang in LANGS}
        chosen = Plural(template.param, MappingProxyType(forms))
        return Message(chosen.other(), params, chosen)
    return Message(text(filled("sv", template["sv"]), filled("en", template["en"]),
                        filled("fi", template["fi"])), params)


PluralRule = Callable[[str, NumberToken], str]
"""(language, number token) -> the number's CLDR plural category ("one", "few", "other", ...)."""


def cardinal(lang: str, token: NumberToken) -> str:
    """CLDR's cardinal plural rule of Swedish, English and Finnish, which is one rule: "one" for
    the integer 1 written without decimals ("1", not "1.00"), "other" for any other number.

    It is `fill`'s default, so pure Python needs no CLDR data for the core's own languages. For any
    other language, pass its CLDR rule (Babel's `Locale.plural_form`, as
    helpcenter/calculator_format.py does); the page uses Intl.PluralRules.
    tests/calculators/test_plural_forms.py checks that this rule and Babel's agree for sv, en and
    fi.
    """
    return "one" if token["value"].lstrip("-") == "1" else "other"


def _template_for(error: Mapping[str, object], lang: str, category: PluralRule = cardinal) -> str:
    """The template of an error's message in `lang`: with plural forms, the one for the category
    of the number that chooses; else, or when a form is missing, the message itself."""
    message, params, variants = error.get("message"), error.get("params"), error.get("plural")
    general = message.get(lang) if isinstance(message, Mapping) else None
    if isinstance(variants, Mapping) and isinstance(params, Mapping):
        token, forms = params.get(variants.get("param")), variants.get("forms")
        chosen = forms.get(lang) if isinstance(forms, Mapping) else None
        if isinstance(token, Mapping) and isinstance(chosen, Mapping):
            number: NumberToken = {"kind": token["kind"], "value": str(token["value"])}
            form = chosen.get(category(lang, number), chosen.get("other"))
            if isinstance(form, str):
                return form
    return general if isinstance(general, str) else ""


def _canonical(token: NumberToken) -> str:
    return token["value"]


def fill(error: Mapping[str, object], lang: str,
         format_token: Callable[[NumberToken], str] = _canonical,
         category: PluralRule = cardinal) -> str:
    """An error's message in `lang` with its tokens written in, in the plural form its number
    calls for: what the page does with Intl and Intl.PluralRules, for Python callers (the build's
    error messages, tests). `category` names a number's CLDR plural category (default: `cardinal`,
    the rule of sv, en and fi); without a formatter, tokens show their canonical value."""
    params = error.get("params")
    tokens = params if isinstance(params, Mapping) else {}

    def written(match: re.Match[str]) -> str:
        token = tokens.get(match[1])
        if not isinstance(token, Mapping):
            return match[0]
        return format_token({"kind": token["kind"], "value": str(token["value"])})

    return _PLACEHOLDER.sub(written, _template_for(error, lang, category))


class _Lenient(dict[str, str]):
    """Leaves an unknown placeholder visible instead of failing: a message must never raise."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
