"""The issue's own steps, again and again: licences typed into the Swedish proration calculator
while its article still arrives on a slow phone link get their own order amount. A race that shows
in half the tries shows here. No assertion is about time.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.support.calculator_truth import typed_while_the_page_arrives

pytestmark = pytest.mark.browser

REPEATS = 3


@pytest.mark.parametrize("attempt", range(REPEATS))
def test_licences_typed_while_the_page_arrives_get_their_own_order_amount(
        browser: Browser, live_server: Any, attempt: int) -> None:
    results = typed_while_the_page_arrives(browser, live_server.url, "proration", "sv",
                                           {"licences_added": 4})
    assert results["order_amount"] == "358,01 €"
