"""Text as a reader sees it, for staff: without the characters that change how text reads
while staying invisible themselves.

Bidi controls (an override, an isolate, a direction mark) make text read otherwise than it is
written: "Refund <U+202E>eciovni" shows as "Refund invoice"; zero-width characters hide inside
words and numbers. All of them are removed: from readers' comments and search queries as they
arrive, and again wherever staff read stored text (the dashboard, its CSV and JSON, the report
API, `helpcenter_server report`), so rows stored before this rule read the same. Tag characters
(U+E0020-U+E007E) are not formatting but invisible copies of ASCII; removing them would hide
what was written, so they are shown as the text they spell.
"""

from __future__ import annotations

import re

# Bidi: Arabic letter mark, LRM/RLM, embeddings and overrides, isolates. Zero-width and
# invisible: soft hyphen, Mongolian vowel separator, ZWSP/ZWNJ/ZWJ, word joiner and invisible
# operators, the deprecated format controls, the byte order mark (zero-width no-break space).
HIDDEN = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
                    "\ufeff]")
TAGS = re.compile("[\U000e0000-\U000e007f]")
TAG_OFFSET = 0xE0000


def _spelled(tag: re.Match[str]) -> str:
    code = ord(tag.group()) - TAG_OFFSET
    return chr(code) if 0x20 <= code <= 0x7E else ""


def visible(text: str) -> str:
    """`text` as it reads: hidden characters removed, tag characters as the ASCII they spell."""
    return HIDDEN.sub("", TAGS.sub(_spelled, text))
