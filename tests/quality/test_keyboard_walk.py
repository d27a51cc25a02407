"""A reader with only a keyboard can use a calculator and send feedback."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import calculators
from tests.support.quality import ui_strings

pytestmark = pytest.mark.browser

MAX_TABS = 120


def tab_until(page: Page, is_target: str, what: str) -> None:
    """Presses Tab until `is_target` (a JS predicate on the focused element) holds."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => ({is_target})(el))(document.activeElement)"):
            return
    raise AssertionError(f"{MAX_TABS} Tab presses never reached {what}")


def test_keyboard_only_walk_through_a_calculator_and_the_feedback_form(
    page: Page, live_server: Any
) -> None:
    ui = ui_strings("sv")
    spec = calculators.specs()["spare_licences"]
    paid_label = next(f["label"]["sv"] for f in spec["fields"] if f["name"] == "licences")
    spare_label = next(r["label"]["sv"] for r in spec["results"] if r["name"] == "spare")
    page.goto(live_server.url + "/users-vs-licences/")
    spare = page.get_by_role("status", name=spare_label)
    paid = page.get_by_role("textbox", name=paid_label)
    expect(page.get_by_text(ui["calculator.ready"])).to_be_visible(timeout=60_000)
    before = spare.inner_text()

    tab_until(page, "el => el.closest('[data-calculator]') && el.matches('input, textarea')",
              "a calculator input")
    expect(paid).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("25")
    expect(spare).not_to_have_text(before, timeout=30_000)
    expect(page.get_by_text(ui["calculator.ready"])).to_be_visible()
    after_change = spare.inner_text()

    no = page.get_by_role("button", name=ui["feedback.no"], exact=True)
    no_name = json.dumps(ui["feedback.no"])
    tab_until(page, f"el => el.matches('button') && el.textContent.trim() === {no_name}",
              "the feedback No button")
    expect(no).to_be_focused()
    page.keyboard.press("Enter")
    reasons = page.get_by_role("group", name=ui["feedback.reasons_legend"])
    expect(reasons).to_be_visible()
    first_reason = reasons.get_by_role("radio").first
    expect(first_reason).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    second_reason = reasons.get_by_role("radio").nth(1)
    expect(second_reason).to_be_checked()
    expect(second_reason).to_be_focused()
    page.keyboard.press("Tab")
    comment = page.get_by_role("textbox", name=ui["feedback.comment_label"])
    expect(comment).to_be_focused()
    page.keyboard.type("Exemplet saknar moms.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name=ui["feedback.send"])).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text(ui["feedback.thanks_no"])).to_be_visible()
    assert spare.inner_text() == after_change
