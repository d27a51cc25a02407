"""One valid set of inputs per calculator, for the tests that need any valid inputs. A helper beside
the tests, not in tests/support: this folder runs inside Pyodide on its own."""

from __future__ import annotations

from typing import Any

EXAMPLES: dict[str, dict[str, Any]] = {
    "invoice_quantity": {"licences": 10, "period_months": 6, "unit_price": "25.00"},
    "spare_licences": {"licences": 10, "active_users": 8},
    "proration": {
        "period_start": "2026-01-01", "period_months": 6, "change_date": "2026-03-15",
        "licences_current": 10, "licences_added": 3, "licences_removed": 2, "active_users": 8,
        "unit_price": "25.00",
    },
    "overpayment": {"overpaid_amount": "150.00", "upcoming_invoices": ["100.00", "80.50", "9"]},
}
