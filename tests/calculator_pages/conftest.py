"""Fixtures for the calculator-page tests: a reader who comes back and moves between articles.

Most of these tests are about what a reader sees and types once Python runs, not about how it
arrives. How it arrives (download, compile, Python's first start and its snapshot) is what
test_calculator_truth_while_arriving.py, the integrity and the snapshot tests check, each visit in
a fresh context. Here one reader's browser serves a test module (tests/support/returning_reader.py):
Python starts once per language, as on a repeat visit, and keeps running while the reader moves
between articles by instant navigation. Tests that count downloads keep the fresh context of
pytest-playwright's `page`.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Request

from tests.support.returning_reader import ReturningReader

CALL_REPORT = pytest.StashKey[pytest.TestReport]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item,
                              call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    if report.when == "call":
        item.stash[CALL_REPORT] = report
    return report


@pytest.fixture(scope="module")
def returning_browser(browser: Browser, live_server: Any) -> Iterator[ReturningReader]:
    """One reader's browser for a whole test module (its HTTP cache and Cache Storage kept)."""
    context = browser.new_context()
    yield ReturningReader(context, live_server.url)
    context.close()


@pytest.fixture
def returning_reader(returning_browser: ReturningReader,
                     request: pytest.FixtureRequest) -> Iterator[ReturningReader]:
    """The returning reader; after a test that did not pass, its tabs are closed, so that the
    next test starts from a page load rather than from what the failure left."""
    yield returning_browser
    report = request.node.stash.get(CALL_REPORT, None)
    if report is None or not report.passed:
        returning_browser.close_tabs()


@pytest.fixture
def returning_requests(returning_browser: ReturningReader) -> Iterator[list[str]]:
    """Every URL the returning reader's browser requests during the test, the worker's requests
    included (only the context sees those)."""
    seen: list[str] = []

    def record(request: Request) -> None:
        seen.append(request.url)

    returning_browser.context.on("request", record)
    yield seen
    returning_browser.context.remove_listener("request", record)
