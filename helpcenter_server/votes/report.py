"""The feedback report for the command line and the report API: per article and language, yes
and no, the helpful percentage, reasons and latest comments (read by `votes.tally`)."""

from __future__ import annotations

import re
from typing import Any

from helpcenter_server.db.engine import Database
from helpcenter_server.spreadsheet import csv_text, spreadsheet_safe
from helpcenter_server.votes.tally import PageTally, page_tallies
from helpcenter_server.votes.validation import REASONS

DEFAULT_LATEST_COMMENTS = 5
NON_PRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def read_report(db: Database, latest_comments: int = DEFAULT_LATEST_COMMENTS) -> list[PageTally]:
    """Every page's counts, reasons and comments from one snapshot, however many votes arrive
    meanwhile."""
    with db.snapshot() as conn:
        return page_tallies(conn, latest_comments=latest_comments)


def as_json(p: PageTally) -> dict[str, Any]:
    return {"article": p.article, "language": p.language, "yes": p.yes, "no": p.no,
            "reasons": p.reasons,
            "latest_comments": [{"received_at": c.received_at, "reason": c.reason,
                                 "text": c.text} for c in p.latest_comments],
            "helpful_percent": p.helpful_percent}


def plain(text: str) -> str:
    """A comment as one terminal-safe line: control and escape sequences are made visible."""
    text = text.replace("\n", " ⏎ ")
    return NON_PRINTABLE.sub(lambda m: escape(ord(m.group())), text)


def escape(code: int) -> str:
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def render_text(pages: list[PageTally]) -> str:
    if not pages:
        return "No feedback yet.\n"
    lines: list[str] = []
    for p in pages:
        helpful = "n/a" if p.helpful_percent is None else f"{p.helpful_percent:.1f} %"
        lines.append(f"{p.article} [{p.language}]  yes {p.yes}  no {p.no}  helpful {helpful}")
        if p.no:
            lines.append("  reasons: " + ", ".join(f"{r} {n}" for r, n in p.reasons.items()))
        for c in p.latest_comments:
            lines.append(f"  {c.received_at} ({c.reason or 'no reason'}): {plain(c.text)}")
    return "\n".join(lines) + "\n"


def render_csv(pages: list[PageTally]) -> str:
    return csv_text(
        ["article", "language", "yes", "no", "helpful_percent",
         *(f"reason_{r}" for r in REASONS), "latest_comments"],
        ([p.article, p.language, p.yes, p.no,
          "" if p.helpful_percent is None else f"{p.helpful_percent:.1f}",
          *(p.reasons[r] for r in REASONS),
          "\n".join(spreadsheet_safe(plain(c.text)) for c in p.latest_comments)] for p in pages))
