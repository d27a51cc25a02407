"""Limits and lists that the page and the server share, declared here once.

The build puts them in the page (templates read `limits`, scripts read the data attributes the
templates write) and in the manifest the server reads (helpcenter/manifest.py), so the comment
box, the reasons offered, the search reports and the service's validation cannot disagree.
"""

from __future__ import annotations

from typing import Any

# A reader's comment on a "No" vote, in characters.
COMMENT_MAX_CHARS = 1000
# Why an answer did not help, in the order the form offers them (labels: feedback.reason_<r>).
REASONS = ("unclear", "outdated", "not_answered", "other")
# A search report's query, in characters after normalising; shorter or longer is not counted.
QUERY_MIN_CHARS = 2
QUERY_MAX_CHARS = 100


def as_json() -> dict[str, Any]:
    return {
        "comment_max_chars": COMMENT_MAX_CHARS,
        "reasons": list(REASONS),
        "query_min_chars": QUERY_MIN_CHARS,
        "query_max_chars": QUERY_MAX_CHARS,
    }
