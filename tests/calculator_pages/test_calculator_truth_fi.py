"""The figure a calculator calls calculated is the figure for the values in its fields, whenever
the reader types: the fi articles. The check itself is tests/support/calculator_truth.py;
one file per language, so that parallel workers share the longest browser checks. The network is
throttled to widen the windows a race needs, and no assertion is about time.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.support.calculator_page import PAGE
from tests.support.calculator_truth import check_every_moment

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", list(PAGE))
def test_a_result_called_calculated_is_always_the_one_for_the_values_shown_in_fi(
        browser: Browser, live_server: Any, name: str) -> None:
    check_every_moment(browser, live_server.url, name, "fi")
