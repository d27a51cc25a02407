"""What a stored search query may look like: normalised, and never personal data.

Readers paste invoice numbers, customer numbers, phone numbers and e-mail addresses into search
boxes. Such queries are dropped before anything is stored: they tell an author nothing about
missing articles and could identify a person. The rule is short so it has no gaps: after NFKC
(full-width and other compatibility forms become plain letters, digits and "@"), a query with
an at sign in any form, or with five digits or more in total whatever separates them, is
dropped. `personal_data.yml` beside this module lists the cases it must drop and keep.

The browser does not filter: it sends the query as typed and this module alone decides.
"""

from __future__ import annotations

import re
import unicodedata

from helpcenter_server.invisible import visible

LONG_DIGIT_RUN = 5
"""Five digits and more, in total: account, invoice, order, customer, phone or identity numbers
(however they are grouped: "4111,1111", "1234_5678", "a1b2c3d4e5"). Years (four digits) and
everyday amounts such as "1 500" stay; a query with a year and another number goes."""

WHITESPACE = re.compile(r"\s+")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# An address spelled out: "anna(at)example.com", "anna [at] …", "anna at example dot com".
SPELLED_AT = re.compile(
    r"[(\[{<]\s*(?:at|snabel-?a|ät)\s*[)\]}>]"
    r"|\S\s+(?:at|snabel-?a|ät)\s+\S+?(?:\s*\.\s*|\s+(?:dot|punkt|piste)\s+)[a-z]{2,}\b")


def normalise(query: str) -> str:
    """One spelling per query: NFKC, nothing hidden (see helpcenter_server.invisible), no control
    characters, single spaces, lower case."""
    text = unicodedata.normalize("NFKC", visible(query))
    text = CONTROL.sub(" ", text)
    return WHITESPACE.sub(" ", text).strip().lower()


def personal_data_kind(query: str) -> str | None:
    """Why a query must not be stored ("email", "digits"), or None when it may be."""
    text = normalise(query)
    if "@" in text or SPELLED_AT.search(text):
        return "email"
    if sum(ch.isdigit() for ch in text) >= LONG_DIGIT_RUN:
        return "digits"
    return None
