"""Turn a request body into a typed Vote, or into a list of errors a developer can act on."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from helpcenter_server.invisible import visible
from helpcenter_server.manifest import Manifest
from helpcenter_server.web.json_body import FieldError, is_utf8, json_type

# The reasons the dashboard and the report list; a vote is checked against the manifest's
# (helpcenter/limits.py through the build), and a test holds the two equal.
REASONS = ("unclear", "outdated", "not_answered", "other")
VOTES = ("yes", "no")
FIELDS = ("id", "revision", "article", "language", "vote", "reason", "comment", "page_version")
REQUIRED = ("id", "revision", "article", "language", "vote", "page_version")
MAX_REVISION = 2**53 - 1  # the largest integer a browser can send exactly
PAGE_VERSION = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Control characters other than tab and newline would only garble the report: C0, DEL and the
# C1 range, where U+009B alone starts a terminal escape sequence.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Vote:
    vote_id: str
    revision: int
    article: str
    language: str
    vote: str
    reason: str | None
    comment: str | None
    page_version: str


def _string(data: dict[str, Any], name: str, errors: list[FieldError]) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        errors.append(FieldError(name, f"must be a string, not {json_type(value)}"))
        return None
    if not is_utf8(value):
        errors.append(FieldError(name, "contains an unpaired surrogate"))
        return None
    return value


def parse_vote(data: Any, manifest: Manifest) -> Vote | list[FieldError]:
    """Validate a decoded JSON value against the vote schema and the known articles."""
    if not isinstance(data, dict):
        return [FieldError(None, f"body must be a JSON object, not {json_type(data)}")]
    errors: list[FieldError] = [
        FieldError(str(name)[:40], "unknown field") for name in data if name not in FIELDS
    ]
    errors += [FieldError(name, "is required") for name in REQUIRED if data.get(name) is None]

    vote_id = _string(data, "id", errors)
    if vote_id is not None:
        try:
            parsed = uuid.UUID(vote_id)
        except ValueError:
            parsed = None
        if parsed is None or str(parsed) != vote_id.lower() or len(vote_id) != 36:
            errors.append(FieldError("id", "must be a UUID such as crypto.randomUUID() returns"))
            vote_id = None
        else:
            vote_id = vote_id.lower()

    revision = data.get("revision")
    if revision is not None and (
        isinstance(revision, bool) or not isinstance(revision, int)
        or not 0 < revision <= MAX_REVISION
    ):
        errors.append(FieldError("revision", f"must be an integer from 1 to {MAX_REVISION}"))
        revision = None

    language = _string(data, "language", errors)
    article = _string(data, "article", errors)
    if language is not None and language not in manifest.articles:
        known = ", ".join(manifest.languages()) or "none"
        message = f"unknown language {language[:20]!r} (known: {known})"
        errors.append(FieldError("language", message))
    elif language is not None and article is not None and not manifest.knows(language, article):
        message = f"unknown article {article[:80]!r} in language {language!r}"
        errors.append(FieldError("article", message))

    vote = _string(data, "vote", errors)
    if vote is not None and vote not in VOTES:
        errors.append(FieldError("vote", 'must be "yes" or "no"'))

    reason = _string(data, "reason", errors)
    if reason is not None and reason not in manifest.reasons:
        errors.append(FieldError("reason", "must be one of " + ", ".join(manifest.reasons)))

    comment = _string(data, "comment", errors)
    if comment is not None:
        comment = visible(CONTROL.sub("", comment.replace("\r\n", "\n").replace("\r", "\n")))
        comment = comment.strip() or None
    if comment is not None and len(comment) > manifest.comment_max_chars:
        errors.append(FieldError("comment",
                                 f"must be at most {manifest.comment_max_chars} characters"))

    if vote == "yes" and (reason is not None or comment is not None):
        errors.append(FieldError("reason" if reason is not None else "comment",
                                 'only a "no" vote takes a reason or comment'))

    page_version = _string(data, "page_version", errors)
    if page_version is not None and not PAGE_VERSION.fullmatch(page_version):
        errors.append(FieldError("page_version", "must be 1-64 letters, digits, '.', '_' or '-'"))

    if errors:
        return errors
    if not (vote_id and revision and article and language and vote and page_version):
        return [FieldError(None, "incomplete vote")]
    return Vote(vote_id, revision, article, language, vote, reason, comment, page_version)
