"""Per article and language: yes/no counts, helpful percentage, reasons and latest comments."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from helpcenter_server.invisible import visible
from helpcenter_server.votes.store import iso
from helpcenter_server.votes.validation import REASONS

DEFAULT_LATEST_COMMENTS = 5
# Spreadsheet programs run cells starting with these as formulas.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NON_PRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class Comment:
    received_at: str
    reason: str | None
    text: str


@dataclass
class PageReport:
    article: str
    language: str
    yes: int = 0
    no: int = 0
    reasons: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REASONS, 0))
    latest_comments: list[Comment] = field(default_factory=list)

    @property
    def helpful_percent(self) -> float | None:
        total = self.yes + self.no
        return round(100 * self.yes / total, 1) if total else None

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "helpful_percent": self.helpful_percent}


Query = Callable[[str], Iterable[Sequence[Any]]]
"""Runs one SQL statement (without parameters) on a store and returns its rows."""

COUNTS_SQL = "SELECT article, language, vote, count(*) FROM votes GROUP BY article, language, vote"
REASONS_SQL = ("SELECT article, language, reason, count(*) FROM votes"
               " WHERE vote = 'no' AND reason IS NOT NULL GROUP BY article, language, reason")
LATEST_COMMENTS_SQL = (
    "SELECT article, language, received_at, reason, comment FROM ("
    "  SELECT *, row_number() OVER (PARTITION BY article, language"
    "    ORDER BY received_at DESC, vote_id) AS nth"
    "  FROM votes WHERE vote = 'no' AND comment IS NOT NULL) AS ranked"
    " WHERE nth <= {limit} ORDER BY received_at DESC, vote_id")


def build_report(query: Query,
                 latest_comments: int = DEFAULT_LATEST_COMMENTS) -> list[PageReport]:
    """The same three statements on SQLite and PostgreSQL, so both stores report alike."""
    pages: dict[tuple[str, str], PageReport] = {}

    def page(article: str, language: str) -> PageReport:
        return pages.setdefault((article, language), PageReport(article, language))

    for article, language, vote, n in query(COUNTS_SQL):
        setattr(page(article, language), vote, int(n))
    for article, language, reason, n in query(REASONS_SQL):
        page(article, language).reasons[reason] = int(n)
    # An int, so formatting it into the statement cannot inject anything.
    for article, language, received_at, reason, text in query(
            LATEST_COMMENTS_SQL.format(limit=int(latest_comments))):
        when = iso(received_at) if isinstance(received_at, datetime) else str(received_at)
        page(article, language).latest_comments.append(Comment(when, reason, visible(text)))
    return sorted(pages.values(), key=lambda p: (p.article, p.language))


def plain(text: str) -> str:
    """A comment as one terminal-safe line: control and escape sequences are made visible."""
    text = text.replace("\n", " ⏎ ")
    return NON_PRINTABLE.sub(lambda m: escape(ord(m.group())), text)


def escape(code: int) -> str:
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def render_text(pages: list[PageReport]) -> str:
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


def spreadsheet_safe(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def render_csv(pages: list[PageReport]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["article", "language", "yes", "no", "helpful_percent",
                     *(f"reason_{r}" for r in REASONS), "latest_comments"])
    for p in pages:
        comments = "\n".join(spreadsheet_safe(plain(c.text)) for c in p.latest_comments)
        writer.writerow([p.article, p.language, p.yes, p.no,
                         "" if p.helpful_percent is None else f"{p.helpful_percent:.1f}",
                         *(p.reasons[r] for r in REASONS), comments])
    return out.getvalue()
