"""What a stored search query may look like: normalised, and never personal data.

Readers paste invoice numbers, customer numbers, phone numbers and e-mail addresses into search
boxes. Such queries are dropped before anything is stored: they tell an author nothing about
missing articles and could identify a person.
"""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY_CHARS = 100
MIN_QUERY_CHARS = 2
LONG_DIGIT_RUN = 5
"""Five digits and more: account, invoice, order, customer, phone or identity numbers.
Years (four digits) and everyday amounts such as "1 500" stay."""

WHITESPACE = re.compile(r"\s+")
# Digits with the separators people type inside numbers: "070-123 45 67", "5566.1234", "SE12 3456".
DIGIT_GROUPS = re.compile(r"\d(?:[\s./-]?\d)*")
EMAIL_LIKE = re.compile(r"\S@\S|@\S+\.\S")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def normalise(query: str) -> str:
    """One spelling per query: NFC, no control characters, single spaces, lower case."""
    text = unicodedata.normalize("NFC", query)
    text = CONTROL.sub(" ", text)
    return WHITESPACE.sub(" ", text).strip().lower()


def personal_data_kind(query: str) -> str | None:
    """Why a query must not be stored ("email", "digits"), or None when it may be."""
    if "@" in query and EMAIL_LIKE.search(query):
        return "email"
    for group in DIGIT_GROUPS.finditer(query):
        if sum(ch.isdigit() for ch in group.group()) >= LONG_DIGIT_RUN:
            return "digits"
    return None
