"""Licence changes during a billing period (rules 3 and 4).

Added licences are billed on a new order from the date the change took effect (the source says no
more); the calculator splits the rest of the period by days to show the principle, as an estimate.
Removed licences (only spare ones) drop off from the next period, with no credit for this one.
"""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction

from .dates import add_months
from .fields import Values, count_field, date_field, money_field, months_field
from .messages import Param, Problem, text
from .money import format_money, round_cents, round_hundredths, times
from .spec import Calculator, Computation, Result, ResultField, Spec
from .tokens import DIVIDE, MINUS, PLUS, TIMES, Explanation, count, day, money

SPEC = Spec(
    name="proration",
    title=text(
        "Ändra antalet licenser under perioden",
        "Changing licences during the period",
        "Lisenssien muuttaminen kauden aikana",
    ),
    description=text(
        "En uppskattning som visar principen: tillagda licenser faktureras på en ny order från "
        "och med det datum då ändringen trädde i kraft, här räknat per dag till periodens slut. "
        "Att ta bort licenser gäller från och med nästa period, och den pågående perioden "
        "krediteras inte.",
        "An estimate that shows the principle: added licences are billed on a new order from "
        "the date the change took effect, worked out here by the day to the end of the period. "
        "Removing licences takes effect from the next period, with no credit for the current "
        "one.",
        "Arvio, joka havainnollistaa periaatetta: lisätyt lisenssit laskutetaan lisätilauksella "
        "muutoksen voimaantulopäivästä alkaen, tässä laskettuna päiväkohtaisesti kauden "
        "loppuun. Lisenssien poisto tulee voimaan seuraavan kauden alusta, eikä käynnissä "
        "olevaa kautta hyvitetä.",
    ),
    fields=(
        date_field(
            "period_start",
            text("Periodens första dag", "First day of the period", "Kauden ensimmäinen päivä"),
            text(
                "Dagen då den nuvarande faktureringsperioden började.",
                "The day the current billing period started.",
                "Päivä, jona nykyinen laskutuskausi alkoi.",
            ),
        ),
        months_field(
            "period_months",
            text("Faktureringsperiod (månader)", "Billing period (months)",
                 "Laskutuskausi (kuukautta)"),
            text(
                "Hur många månader en faktureringsperiod är, till exempel 6.",
                "How many months a billing period lasts, for example 6.",
                "Kuinka monta kuukautta laskutuskausi kestää, esimerkiksi 6.",
            ),
        ),
        date_field(
            "change_date",
            text("Ändringsdatum", "Change date", "Muutospäivä"),
            text(
                "Dagen då ändringen träder i kraft. Den dagen räknas med.",
                "The day the change takes effect. That day is included.",
                "Päivä, jona muutos tulee voimaan. Tämä päivä lasketaan mukaan.",
            ),
        ),
        count_field(
            "licences_current",
            text("Licenser före ändringen", "Licences before the change",
                 "Lisenssit ennen muutosta"),
            text(
                "Antalet användarlicenser i abonnemanget innan du ändrar det.",
                "The number of user licences in the subscription before you change it.",
                "Tilauksen käyttäjälisenssien määrä ennen muutosta.",
            ),
        ),
        count_field(
            "licences_added",
            text("Tillagda licenser", "Licences added", "Lisätyt lisenssit"),
            text(
                "Hur många licenser du lägger till. De faktureras på en ny order från och med "
                "ändringsdatumet.",
                "How many licences you add. They are billed on a new order from the change date.",
                "Kuinka monta lisenssiä lisäät. Ne laskutetaan lisätilauksella muutospäivästä "
                "alkaen.",
            ),
        ),
        count_field(
            "licences_removed",
            text("Borttagna licenser", "Licences removed", "Poistetut lisenssit"),
            text(
                "Hur många lediga licenser du tar bort. Borttagningen gäller från och med nästa "
                "period.",
                "How many spare licences you remove. This applies from the next period.",
                "Kuinka monta vapaata lisenssiä poistat. Poisto tulee voimaan seuraavan kauden "
                "alusta.",
            ),
            required=False,
            default=0,
        ),
        count_field(
            "active_users",
            text("Aktiva användare", "Active users", "Aktiiviset käyttäjät"),
            text(
                "Behövs för att kontrollera att bara lediga licenser tas bort.",
                "Needed to check that only spare licences are removed.",
                "Tarvitaan sen tarkistamiseen, että poistat vain vapaita lisenssejä.",
            ),
            required=False,
        ),
        money_field(
            "unit_price",
            text("Pris per licens och månad", "Price per licence per month",
                 "Hinta lisenssiä ja kuukautta kohden"),
            text(
                "Priset för en licens i en månad, till exempel 25,00.",
                "The price of one licence for one month, for example 25.00.",
                "Yhden lisenssin hinta kuukaudessa, esimerkiksi 25,00.",
            ),
        ),
    ),
    results=(
        ResultField("next_period_start", "date",
                    text("Nästa period börjar", "Next period starts", "Seuraava kausi alkaa")),
        ResultField("days_remaining", "count",
                    text("Återstående dagar", "Days remaining", "Jäljellä olevat päivät")),
        ResultField("period_days", "count",
                    text("Dagar i perioden", "Days in the period", "Päiviä kaudessa")),
        ResultField("order_quantity", "quantity",
                    text("Uppskattade licensmånader i den nya ordern",
                         "Estimated licence-months in the new order",
                         "Lisätilauksen arvioidut lisenssikuukaudet")),
        ResultField("order_amount", "money",
                    text("Uppskattat belopp för den nya ordern",
                         "Estimated amount of the new order",
                         "Lisätilauksen arvioitu summa")),
        ResultField("credit", "money",
                    text("Kreditering för borttagna licenser", "Credit for removed licences",
                         "Hyvitys poistetuista lisensseistä")),
        ResultField("next_period_licences", "count",
                    text("Licenser nästa period", "Licences in the next period",
                         "Lisenssit seuraavalla kaudella")),
        ResultField("next_period_quantity", "count",
                    text("Antal på nästa periods faktura", "Quantity on the next period's invoice",
                         "Määrä seuraavan kauden laskulla")),
        ResultField("next_period_amount", "money",
                    text("Belopp på nästa periods faktura", "Amount of the next period's invoice",
                         "Seuraavan kauden laskun summa")),
    ),
)


def check(values: Values) -> list[Problem]:
    problems: list[Problem] = []
    if values.has("period_start", "period_months", "change_date"):
        start = values.date("period_start")
        next_start = add_months(start, values.count("period_months"))
        change = values.date("change_date")
        if not start <= change < next_start:
            params: dict[str, Param] = {"start": start, "last": next_start - timedelta(days=1)}
            problems.append(Problem("change_date", "change_date_outside_period", params))
    if values.has("licences_current", "licences_added", "active_users"):
        active = values.optional_count("active_users")
        licences = values.count("licences_current") + values.count("licences_added")
        if active is not None and active > licences:
            problems.append(Problem("active_users", "more_active_than_licences",
                                    {"active": active, "licences": licences}))
    if values.has("licences_current", "licences_removed", "active_users"):
        spare = spare_licences(values.count("licences_current"),
                               values.optional_count("active_users"))
        if values.count("licences_removed") > spare:
            problems.append(Problem("licences_removed", "remove_more_than_spare",
                                    {"spare": spare}))
    return problems


def spare_licences(current: int, active: int | None) -> int:
    """Unused licences now; without a count of active users every current licence may be spare."""
    return current if active is None else max(current - active, 0)


def compute(values: Values) -> Computation:
    start = values.date("period_start")
    months = values.count("period_months")
    change = values.date("change_date")
    current = values.count("licences_current")
    added = values.count("licences_added")
    removed = values.count("licences_removed")
    price = values.money("unit_price")

    next_start = add_months(start, months)
    days_remaining = (next_start - change).days
    period_days = (next_start - start).days
    order = Fraction(added * months * days_remaining, period_days)
    next_licences = current + added - removed
    next_quantity = next_licences * months

    result: Result = {
        "next_period_start": next_start.isoformat(),
        "days_remaining": days_remaining,
        "period_days": period_days,
        "order_quantity": format_money(round_hundredths(order)),
        # The exact fraction times the price, rounded once: rounding the quantity first would
        # move the amount by up to half a cent per licence-month.
        "order_amount": format_money(round_cents(Fraction(price) * order)),
        "credit": "0.00",
        "next_period_licences": next_licences,
        "next_period_quantity": next_quantity,
        "next_period_amount": format_money(times(price, next_quantity)),
    }
    explanation: Explanation = {
        "days_remaining": [day(next_start), MINUS, day(change)],
        "period_days": [day(next_start), MINUS, day(start)],
        # Months times licences (the source's "6 * 10"), then the price, as the article has them.
        "order_quantity": [count(months), TIMES, count(added), TIMES, count(days_remaining),
                           DIVIDE, count(period_days)],
        "order_amount": [count(months), TIMES, count(added), TIMES, money(price), TIMES,
                         count(days_remaining), DIVIDE, count(period_days)],
        "next_period_licences": [count(current), PLUS, count(added), MINUS, count(removed)],
        "next_period_quantity": [count(months), TIMES, count(next_licences)],
        "next_period_amount": [count(next_quantity), TIMES, money(price)],
    }
    return result, explanation


CALCULATOR = Calculator(SPEC, compute, check)
