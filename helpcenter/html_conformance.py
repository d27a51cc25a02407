"""Keeps Material's generated markup valid for the Nu Html Checker.

Material writes autocomplete="off" on its drawer and search toggle checkboxes
to stop Firefox restoring them checked on reload; HTML allows autocomplete only on
text-like inputs. The attribute is dropped here (Firefox may then restore an open drawer).
"""

from __future__ import annotations

import re

_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="[^"]*"')


def _drop_autocomplete(match: re.Match[str]) -> str:
    return _AUTOCOMPLETE.sub("", match.group(0))


def drop_checkbox_autocomplete(html: str) -> str:
    """A page's or a static template's HTML without autocomplete on checkboxes."""
    return _CHECKBOX.sub(_drop_autocomplete, html)
