"""The "Did this answer help?" widget as a reader finds it: by its question, in their language."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml
from playwright.sync_api import Page

from tools.local_site import ROOT


@cache
def ui(language: str) -> dict[str, str]:
    text = (ROOT / "overrides" / "i18n" / f"{language}.yml").read_text(encoding="utf-8")
    strings: dict[str, str] = yaml.safe_load(text)
    return strings


def widget(page: Page, language: str) -> Any:
    return page.get_by_role("region", name=ui(language)["feedback.question"])
