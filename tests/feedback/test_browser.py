"""A reader answers "Did this answer help?" in a real browser, and the vote reaches the database."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.support.feedback import rows
from tests.support.feedback_widget import ui, widget

pytestmark = pytest.mark.browser

LANGUAGES = [  # prefix, language, the button names
    pytest.param("", "sv", "Ja", "Nej", id="sv"),
    pytest.param("en/", "en", "Yes", "No", id="en"),
    pytest.param("fi/", "fi", "Kyllä", "Ei", id="fi"),
]


def vote_id(page: Page, language: str, article: str) -> str:
    votes = page.evaluate("JSON.parse(localStorage.getItem('hc-feedback.votes') || '{}')")
    return str(votes[f"{language}/{article}"]["id"])


def stored(db_path: Path, vote_id: str) -> dict[str, Any] | None:
    """The vote's row, None if absent; a missing database or table fails (helpers.rows)."""
    found = rows(db_path, "SELECT * FROM votes WHERE vote_id = ?", vote_id)
    return found[0] if found else None


def wait_for_row(db_path: Path, vote_id: str, **expected: Any) -> dict[str, Any]:
    # Returns as soon as the row is there; the limit only ends a hang, on a machine however busy.
    deadline = time.monotonic() + 60
    row = None
    while time.monotonic() < deadline:
        row = stored(db_path, vote_id)
        if row and all(row[k] == v for k, v in expected.items()):
            return row
        time.sleep(0.1)
    raise AssertionError(f"vote {vote_id} not stored as {expected}; the database has {row}")


@pytest.mark.parametrize(("prefix", "language", "yes", "no"), LANGUAGES)
def test_reader_answers_yes_and_no_with_a_comment_and_both_are_stored(
        page: Page, live_server: Any, prefix: str, language: str, yes: str, no: str) -> None:
    t = ui(language)
    page.goto(f"{live_server.url}/{prefix}paid-twice/")
    feedback = widget(page, language)
    feedback.get_by_role("button", name=yes, exact=True).click()
    expect(feedback.get_by_role("status")).to_have_text(t["feedback.thanks_yes"])
    expect(feedback.get_by_role("button", name=yes, exact=True)).to_have_attribute(
        "aria-pressed", "true")
    wait_for_row(live_server.db_path, vote_id(page, language, "paid-twice"),
                 article="paid-twice", language=language, vote="yes", reason=None)

    page.goto(f"{live_server.url}/{prefix}service-plan/")
    feedback = widget(page, language)
    feedback.get_by_role("button", name=no, exact=True).click()
    reasons = feedback.get_by_role("group", name=t["feedback.reasons_legend"])
    reasons.get_by_role("radio", name=t["feedback.reason_outdated"]).check()
    comment = f"<b>Priset</b> & 'villkoren' har ändrats ({language})"
    feedback.get_by_role("textbox", name=t["feedback.comment_label"]).fill(comment)
    expect(feedback.get_by_text(
        t["feedback.comment_count"].format(count=len(comment), max=1000))).to_be_visible()
    feedback.get_by_role("button", name=t["feedback.send"]).click()
    expect(feedback.get_by_role("status")).to_have_text(t["feedback.thanks_no"])
    support = feedback.get_by_role("link", name=t["feedback.support_link"])
    expect(support).to_be_visible()
    # It leads to whom to contact about this article (its contact box), not to the home page.
    expect(support).to_have_attribute("href", re.compile(r"/service-plan/#site-contact-heading$"))
    row = wait_for_row(live_server.db_path, vote_id(page, language, "service-plan"),
                       reason="outdated")
    assert (row["article"], row["language"], row["vote"], row["comment"]) == (
        "service-plan", language, "no", comment)
    assert len(row["page_version"]) == 16


def test_reader_can_change_their_vote_and_the_latest_counts(page: Page, live_server: Any) -> None:
    page.goto(f"{live_server.url}/payment-reminder/")
    feedback = widget(page, "sv")
    feedback.get_by_role("button", name="Ja", exact=True).click()
    first = vote_id(page, "sv", "payment-reminder")
    wait_for_row(live_server.db_path, first, vote="yes")
    feedback.get_by_role("button", name="Nej", exact=True).click()
    assert vote_id(page, "sv", "payment-reminder") == first
    wait_for_row(live_server.db_path, first, vote="no")
    expect(feedback.get_by_role("button", name="Nej", exact=True)).to_have_attribute(
        "aria-pressed", "true")
    page.reload()
    expect(widget(page, "sv").get_by_role("button", name="Nej", exact=True)).to_have_attribute(
        "aria-pressed", "true")


def test_the_question_works_after_instant_navigation(page: Page, live_server: Any) -> None:
    page.goto(f"{live_server.url}/en/paid-twice/")
    page.locator("article a[href$='payment-reminder/']").first.click()
    # navigation.tracking may add the #section in view to the URL.
    page.wait_for_url(re.compile(r"/en/payment-reminder/(#[^/]*)?$"))
    # Material changes the address before it swaps the new article in: on a busy machine the
    # old article's question can still be on the page for a moment.
    page.locator('[data-hc-feedback][data-article="payment-reminder"]').wait_for()
    widget(page, "en").get_by_role("button", name="Yes", exact=True).click()
    wait_for_row(live_server.db_path, vote_id(page, "en", "payment-reminder"), vote="yes",
                 article="payment-reminder")


def test_a_vote_given_offline_is_sent_when_the_reader_is_back_online(
        page: Page, live_server: Any) -> None:
    page.goto(f"{live_server.url}/fi/payment-extension/")
    page.context.set_offline(True)
    feedback = widget(page, "fi")
    feedback.get_by_role("button", name="Kyllä", exact=True).click()
    expect(feedback.get_by_role("status")).to_have_text(ui("fi")["feedback.thanks_yes"])
    pending = vote_id(page, "fi", "payment-extension")
    page.wait_for_timeout(1500)
    assert stored(live_server.db_path, pending) is None
    outbox = page.evaluate("JSON.parse(localStorage.getItem('hc-feedback.outbox'))")
    assert list(outbox) == [pending]
    page.context.set_offline(False)
    wait_for_row(live_server.db_path, pending, vote="yes", language="fi")
    page.wait_for_function("localStorage.getItem('hc-feedback.outbox') === '{}'")
