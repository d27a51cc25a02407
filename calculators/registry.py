"""The calculators, by name."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from . import invoice_quantity, overpayment, proration, spare_licences
from .spec import Calculator


def calculators() -> Mapping[str, Calculator]:
    found = (invoice_quantity.CALCULATOR, spare_licences.CALCULATOR, proration.CALCULATOR,
             overpayment.CALCULATOR)
    return MappingProxyType({calculator.spec.name: calculator for calculator in found})
