"""Every page, in every language and state, passes axe, stays on its origin and runs under the CSP.

The `sweep` fixture (conftest.py) visits each page once; these tests judge what it saw.
"""

from __future__ import annotations

import pytest

from tests.support.quality import Sweep

pytestmark = pytest.mark.browser


def test_every_page_was_swept_in_every_state(sweep: Sweep, site_pages: list[str]) -> None:
    assert len([s for s in sweep.states if s.endswith(" loaded")]) == len(site_pages)
    assert not sweep.calculator_failures, "\n".join(sweep.calculator_failures)
    assert sweep.calculators_computed >= 4 * 3, "each calculator, in sv, en and fi"
    assert sweep.feedback_forms_opened >= 8 * 3, "each article's feedback form, in sv, en and fi"
    assert "/ searched" in sweep.states
    assert "/licence-changes/ calculated after instant navigation" in sweep.states


def test_pages_have_no_axe_violations(sweep: Sweep) -> None:
    failures = [
        f"{state}: {v['id']} ({v['impact']}) {v['help']} at {v['targets']}"
        for state, violations in sweep.axe_violations.items()
        for v in violations
    ]
    assert not failures, "axe-core WCAG 2.2 A/AA violations:\n" + "\n".join(failures)


def test_feedback_answers_and_calculator_inputs_are_at_least_24_px(sweep: Sweep) -> None:
    # Yes and No on 8 articles, 2 to 8 inputs in each of 4 calculators, in 3 languages.
    assert sweep.targets_measured >= (8 * 2 + 4 * 2) * 3
    assert not sweep.small_targets, "targets under 24x24 px:\n" + "\n".join(sweep.small_targets)


def test_no_request_leaves_origin(sweep: Sweep) -> None:
    assert sweep.requests_seen > 0
    assert not sweep.foreign_requests, "requests to other origins:\n" + "\n".join(
        sweep.foreign_requests
    )


def test_pages_request_nothing_that_fails(sweep: Sweep) -> None:
    assert not sweep.failed_requests, "requests answered with an error:\n" + "\n".join(
        sweep.failed_requests
    )


def test_pages_work_under_csp(sweep: Sweep) -> None:
    assert not sweep.csp_violations, "CSP violations:\n" + "\n".join(sweep.csp_violations)
    assert not sweep.script_errors, "script errors:\n" + "\n".join(sweep.script_errors)
