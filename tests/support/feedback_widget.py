"""The "Did this answer help?" widget as a reader finds it: by its question, in their language."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from tests.support.site_html import catalogue


def ui(language: str) -> dict[str, str]:
    return catalogue(language)


def widget(page: Page, language: str) -> Any:
    return page.get_by_role("region", name=ui(language)["feedback.question"])
