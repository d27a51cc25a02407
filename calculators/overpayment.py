"""An overpayment pays the next invoices of the same product, in order, until used up (rule 5)."""

from __future__ import annotations

from decimal import Decimal

from .fields import Values, money_field, money_list_field
from .messages import text
from .money import EXACT, format_money
from .spec import Calculator, Computation, Result, ResultField, Spec
from .tokens import MINUS, Explanation, Token, money

SPEC = Spec(
    name="overpayment",
    title=text("Överbetalning", "Overpayment", "Liikasuoritus"),
    description=text(
        "En överbetalning dras automatiskt av från dina kommande fakturor för samma produkt, "
        "i tur och ordning, tills den är förbrukad. Det som är kvar av överbetalningen dras "
        "av från senare fakturor.",
        "An overpayment is deducted automatically from your next invoices for the same product, "
        "in order, until it is used up. Any overpayment left is deducted from later invoices.",
        "Liikasuoritus vähennetään automaattisesti saman tuotteen seuraavista laskuista "
        "järjestyksessä, kunnes se on käytetty. Jäljellä oleva liikasuoritus vähennetään "
        "myöhemmistä laskuista.",
    ),
    fields=(
        money_field(
            "overpaid_amount",
            text("Överbetalt belopp", "Amount overpaid", "Liikasuorituksen summa"),
            text(
                "Hur mycket du betalade för mycket, till exempel hela fakturabeloppet om du "
                "betalade fakturan två gånger.",
                "How much you overpaid: for example the whole invoice amount, if you paid the "
                "invoice twice.",
                "Kuinka paljon maksoit liikaa, esimerkiksi koko laskun summa, jos maksoit "
                "laskun kahdesti.",
            ),
        ),
        money_list_field(
            "upcoming_invoices",
            text("Kommande fakturor", "Upcoming invoices", "Tulevat laskut"),
            text(
                "Beloppen på dina nästa fakturor för samma produkt, i den ordning de kommer.",
                "The amounts of your next invoices for the same product, in the order they come.",
                "Saman tuotteen seuraavien laskujesi summat siinä järjestyksessä kuin ne tulevat.",
            ),
        ),
    ),
    results=(
        ResultField("applied", "money_list",
                    text("Avdraget från fakturan", "Deducted from the invoice",
                         "Vähennetty laskusta")),
        ResultField("due", "money_list",
                    text("Att betala", "To pay", "Maksettavaa")),
        ResultField("remaining_credit", "money",
                    text("Kvar av överbetalningen", "Overpayment left",
                         "Jäljellä oleva liikasuoritus")),
    ),
)


def compute(values: Values) -> Computation:
    overpaid = values.money("overpaid_amount")
    invoices = values.money_list("upcoming_invoices")
    remaining = overpaid
    # The credit left before each invoice is the overpayment less what earlier invoices used.
    spent: list[Token] = [money(overpaid)]
    applied: list[Decimal] = []
    due: list[Decimal] = []
    explanation: Explanation = {}
    for index, invoice in enumerate(invoices):
        use = min(remaining, invoice)
        applied.append(use)
        due.append(EXACT.subtract(invoice, use))
        explanation[f"applied[{index}]"] = [money(invoice)] if use == invoice else list(spent)
        explanation[f"due[{index}]"] = [money(invoice), MINUS, money(use)]
        remaining = EXACT.subtract(remaining, use)
        if use:
            spent += [MINUS, money(use)]
    explanation["remaining_credit"] = spent
    result: Result = {
        "applied": [format_money(a) for a in applied],
        "due": [format_money(d) for d in due],
        "remaining_credit": format_money(remaining),
    }
    return result, explanation


CALCULATOR = Calculator(SPEC, compute)
