"""Invoice quantity = licences times billing period length in months (rule 1)."""

from __future__ import annotations

from .fields import Values, count_field, money_field, months_field
from .messages import text
from .money import format_money, times
from .spec import Calculator, Computation, Result, ResultField, Spec
from .tokens import TIMES, Explanation, count, money

SPEC = Spec(
    name="invoice_quantity",
    title=text(
        "Antal på fakturan",
        "Quantity on the invoice",
        "Laskulla näkyvä määrä",
    ),
    description=text(
        "Fakturan visar antalet licenser gånger faktureringsperiodens längd i månader.",
        "The quantity on the invoice is the number of licences multiplied by the length of the "
        "billing period in months.",
        "Laskulla näkyy lisenssien määrä kerrottuna laskutuskauden pituudella kuukausina.",
    ),
    fields=(
        count_field(
            "licences",
            text("Antal licenser", "Number of licences", "Lisenssien määrä"),
            text(
                "Antalet användarlicenser i ditt abonnemang.",
                "The number of user licences in your subscription.",
                "Tilauksesi käyttäjälisenssien määrä.",
            ),
        ),
        months_field(
            "period_months",
            text("Faktureringsperiod (månader)", "Billing period (months)",
                 "Laskutuskausi (kuukautta)"),
            text(
                "Hur många månader en faktura gäller, till exempel 6.",
                "How many months one invoice covers, for example 6.",
                "Kuinka monta kuukautta yksi lasku kattaa, esimerkiksi 6.",
            ),
        ),
        money_field(
            "unit_price",
            text("Pris per licens och månad", "Price per licence per month",
                 "Hinta lisenssiä ja kuukautta kohden"),
            text(
                "Med ett pris räknas även fakturans belopp ut.",
                "If you enter a price, the invoice amount is worked out too.",
                "Jos annat hinnan, myös laskun summa lasketaan.",
            ),
            required=False,
        ),
    ),
    results=(
        ResultField("quantity", "count",
                    text("Antal på fakturan", "Quantity on the invoice", "Määrä laskulla")),
        ResultField("amount", "money",
                    text("Fakturans belopp", "Invoice amount", "Laskun summa")),
    ),
)


def compute(values: Values) -> Computation:
    licences = values.count("licences")
    months = values.count("period_months")
    quantity = licences * months
    result: Result = {"quantity": quantity}
    # Months times licences, as the source writes its example ("6 * 10 = 60").
    explanation: Explanation = {"quantity": [count(months), TIMES, count(licences)]}
    price = values.optional_money("unit_price")
    if price is not None:
        result["amount"] = format_money(times(price, quantity))
        explanation["amount"] = [count(quantity), TIMES, money(price)]
    return result, explanation


CALCULATOR = Calculator(SPEC, compute)
