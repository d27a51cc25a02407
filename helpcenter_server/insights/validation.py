"""A search report from the browser: bounded, validated, or a list of errors to answer 422 with."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from helpcenter_server.insights.privacy import normalise
from helpcenter_server.manifest import Manifest
from helpcenter_server.web.json_body import FieldError, is_utf8, json_type

FIELDS = ("id", "language", "query", "results", "opened")
REQUIRED = ("id", "language", "query", "results")
MAX_RESULTS = 100_000
MAX_RAW_QUERY_CHARS = 1000


@dataclass(frozen=True)
class SearchEvent:
    event_id: str
    language: str
    query: str
    results: int
    opened: str | None


def parse_event(data: Any, manifest: Manifest) -> SearchEvent | list[FieldError]:
    if not isinstance(data, dict):
        return [FieldError(None, f"body must be a JSON object, not {json_type(data)}")]
    errors = [FieldError(str(name)[:40], "unknown field") for name in data if name not in FIELDS]
    errors += [FieldError(name, "is required") for name in REQUIRED if data.get(name) is None]

    event_id = data.get("id")
    if event_id is not None:
        try:
            valid = isinstance(event_id, str) and len(event_id) == 36 and (
                str(uuid.UUID(event_id)) == event_id.lower())
        except ValueError:
            valid = False
        if not valid:
            errors.append(FieldError("id", "must be a UUID such as crypto.randomUUID() returns"))

    language = data.get("language")
    if language is not None and (not isinstance(language, str)
                                 or language not in manifest.articles):
        known = ", ".join(manifest.languages()) or "none"
        errors.append(FieldError("language", f"must be one of the site's languages ({known})"))

    query = data.get("query")
    if query is not None:
        if not isinstance(query, str) or len(query) > MAX_RAW_QUERY_CHARS:
            errors.append(FieldError("query", "must be a string of at most "
                                              f"{manifest.query_max_chars} characters"))
            query = None
        elif not is_utf8(query):
            errors.append(FieldError("query", "contains an unpaired surrogate"))
            query = None
        else:
            query = normalise(query)
            if not manifest.query_min_chars <= len(query) <= manifest.query_max_chars:
                errors.append(FieldError("query", f"must be {manifest.query_min_chars} to "
                                                  f"{manifest.query_max_chars} characters"))

    results = data.get("results")
    if results is not None and (isinstance(results, bool) or not isinstance(results, int)
                                or not 0 <= results <= MAX_RESULTS):
        errors.append(FieldError("results", f"must be an integer from 0 to {MAX_RESULTS}"))

    opened = data.get("opened")
    # Only an article the build knows: search results link to nothing else, and the dashboard
    # shows opened pages as links.
    if opened is not None and not (isinstance(opened, str) and opened in manifest.paths):
        errors.append(FieldError("opened", "must be null or the path of one of the site's "
                                           "articles, such as /en/paid-twice/"))
    if opened is not None and results == 0:
        errors.append(FieldError("opened", "a search without results has nothing to open"))

    if errors:
        return errors
    assert isinstance(event_id, str) and isinstance(language, str) and isinstance(query, str)
    assert isinstance(results, int)
    return SearchEvent(event_id.lower(), language, query, results, opened)
