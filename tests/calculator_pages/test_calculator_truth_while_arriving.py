"""The figure a calculator calls calculated is the figure for the values in its fields when the
reader types while the article still arrives on a slow phone link, and while Python downloads:
each visit cold, nothing cached. The check itself is tests/support/calculator_truth.py; the
moments after Python has started are in test_calculator_truth_once_started.py, so that two workers
share the longest browser checks. The network is throttled to widen the windows a race needs, and
no assertion is about time.
"""

from __future__ import annotations

from itertools import product
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.support.calculator_page import LANGS, PAGE
from tests.support.calculator_truth import MOMENTS, check_moments, moment_languages


@pytest.mark.parametrize("name", list(PAGE))
def test_a_result_called_calculated_is_the_one_for_the_values_typed_while_the_page_arrives(
        browser: Browser, live_server: Any, name: str) -> None:
    check_moments(browser, live_server.url, name, "cold")


def test_every_language_meets_every_moment_and_every_calculator() -> None:
    """Each calculator is typed into in one language per moment (moment_languages); together
    they leave no pair of language and moment, or of language and calculator, unchecked."""
    plan = {(name, moment): lang for name in PAGE
            for moment, lang in moment_languages(name).items()}
    assert {(lang, moment) for (_, moment), lang in plan.items()} == set(product(LANGS, MOMENTS))
    assert {(lang, name) for (name, _), lang in plan.items()} == set(product(LANGS, PAGE))
