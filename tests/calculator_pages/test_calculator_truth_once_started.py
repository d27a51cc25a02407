"""The figure a calculator calls calculated is the figure for the values in its fields when the
reader types in the very task in which Python reports it has started, and right after Material's
instant navigation swaps an article in: one context per calculator, its HTTP cache and Python's
snapshot filled by the visits before. The check itself is tests/support/calculator_truth.py; the
cold moments are in test_calculator_truth_while_arriving.py. The network is throttled to widen the
windows a race needs, and no assertion is about time.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.support.calculator_page import PAGE
from tests.support.calculator_truth import check_moments

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", list(PAGE))
def test_a_result_called_calculated_is_the_one_for_the_values_typed_as_python_starts(
        browser: Browser, live_server: Any, name: str) -> None:
    check_moments(browser, live_server.url, name, "warm")
