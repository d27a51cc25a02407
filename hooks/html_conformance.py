"""Keeps Material's generated markup valid for the Nu Html Checker.

Material writes autocomplete="off" on its drawer and search toggle checkboxes
to stop Firefox restoring them checked on reload; HTML allows autocomplete only on
text-like inputs. The attribute is dropped here (Firefox may then restore an open drawer).
"""

from __future__ import annotations

import re
from typing import Any

_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="[^"]*"')


def _drop_autocomplete(match: re.Match[str]) -> str:
    return _AUTOCOMPLETE.sub("", match.group(0))


def on_post_page(output: str, **_: Any) -> str:
    return _CHECKBOX.sub(_drop_autocomplete, output)


def on_post_template(output_content: str, template_name: str, **_: Any) -> str:
    # 404.html is a static template, not a page: on_post_page never sees it.
    if not template_name.endswith(".html"):
        return output_content
    return _CHECKBOX.sub(_drop_autocomplete, output_content)
