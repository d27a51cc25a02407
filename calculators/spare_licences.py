"""Spare licences = licences minus active users (rule 2): billing counts licences, not users."""

from __future__ import annotations

from .fields import Values, count_field
from .messages import Problem, text
from .spec import Calculator, Computation, ResultField, Spec
from .tokens import MINUS, count

SPEC = Spec(
    name="spare_licences",
    title=text("Lediga licenser", "Spare licences", "Vapaat lisenssit"),
    description=text(
        "Du faktureras för licenserna i abonnemanget, inte för de aktiva användarna. "
        "Skillnaden är dina lediga licenser.",
        "You are billed for the licences in your subscription, not for the active users. "
        "The difference is your spare licences.",
        "Laskutus perustuu tilauksen lisensseihin, ei aktiivisiin käyttäjiin. "
        "Erotus on vapaiden lisenssiesi määrä.",
    ),
    fields=(
        count_field(
            "licences",
            text("Betalda licenser", "Paid licences", "Maksetut lisenssit"),
            text(
                "Antalet användarlicenser i abonnemanget, det antal du faktureras för.",
                "The number of user licences in your subscription: the number you are billed for.",
                "Tilauksen käyttäjälisenssien määrä, jonka mukaan sinua laskutetaan.",
            ),
        ),
        count_field(
            "active_users",
            text("Aktiva användare", "Active users", "Aktiiviset käyttäjät"),
            text(
                "Antalet användare som är aktiverade i Severa just nu.",
                "The number of users activated in Severa right now.",
                "Severaan tällä hetkellä aktivoitujen käyttäjien määrä.",
            ),
        ),
    ),
    results=(
        ResultField("spare", "count",
                    text("Lediga licenser", "Spare licences", "Vapaat lisenssit")),
    ),
)


def check(values: Values) -> list[Problem]:
    if not values.has("licences", "active_users"):
        return []
    licences = values.count("licences")
    active = values.count("active_users")
    if active > licences:
        return [Problem("active_users", "more_active_than_licences",
                        {"active": active, "licences": licences})]
    return []


def compute(values: Values) -> Computation:
    licences = values.count("licences")
    active = values.count("active_users")
    return {"spare": licences - active}, {"spare": [count(licences), MINUS, count(active)]}


CALCULATOR = Calculator(SPEC, compute, check)
