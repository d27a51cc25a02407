"""A reader who types while Python is still on its way over a slow phone link sees how much has
arrived, in their language, and no figure that claims to be theirs; the page stays accessible
while it shows."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.support.quality import LANGUAGES, run_axe, ui_strings
from tools.slow_network import SLOW_PHONE, despite_stalls, throttled_page, wait_until

pytestmark = pytest.mark.browser

PAGE = {"sv": "/licence-changes/", "en": "/en/licence-changes/", "fi": "/fi/licence-changes/"}
# Types into "licences added" as soon as the field exists, before any of the page's scripts ran.
TYPE_EARLY = """
new MutationObserver((_, observer) => {
  const input = document.querySelector('[data-calculator="proration"] [name="licences_added"]');
  if (!input) return;
  observer.disconnect();
  input.value = "4";
  input.dispatchEvent(new Event("input", { bubbles: true }));
}).observe(document, { childList: true, subtree: true });
"""


def progress_pattern(template: str) -> re.Pattern[str]:
    """The catalogue's sentence with two amounts of megabytes: "1,2 MB", "0.4 MB", "3,9 Mt"."""
    amount = r"\d+[.,]\d\s?\S+"
    parts = [re.escape(part) for part in re.split(r"\{loaded\}|\{total\}", template)]
    return re.compile(amount.join(parts))


SHOWS = """(pattern) => new RegExp(pattern).test(
  document.querySelector('[data-calculator="proration"] [data-status]')?.textContent ?? "")"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_reader_typing_while_python_arrives_sees_the_download_progress_in_their_language(
        browser: Browser, live_server: Any, lang: str) -> None:
    ui = ui_strings(lang)
    sentence = progress_pattern(ui["calculator.loading_progress"])

    def load() -> None:
        context = browser.new_context()
        try:
            context.add_init_script(TYPE_EARLY)
            page, watch = throttled_page(context, SLOW_PHONE)
            page.goto(live_server.url + PAGE[lang], wait_until="commit")
            assert wait_until(page, watch, SHOWS, sentence.pattern, 60), "no progress shown"
            root = page.locator('[data-calculator="proration"]')
            status = root.locator("[data-status]")
            expect(status).to_have_text(sentence)
            expect(status).to_contain_text(ui["calculator.waiting"])
            # No figure stands for the reader's values until Python computes it.
            expect(root).to_have_attribute("data-state", "loading")
            expect(root.locator('[data-result="order_amount"]')).to_have_text("\u2013")
            # Screen readers can ask the progress bar how far it is; it announces nothing itself.
            meter = root.get_by_role("progressbar", name=ui["calculator.download"])
            expect(meter).to_be_visible()
            expect(meter).to_have_attribute("aria-valuetext", sentence)
            assert float(meter.get_attribute("max") or 0) > 3e6
            assert meter.get_attribute("aria-live") is None
            assert root.locator("[aria-live]").count() == 1
            assert run_axe(page) == []
        finally:
            context.close()

    despite_stalls(load)
