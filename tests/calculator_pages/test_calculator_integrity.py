"""The Python that computes a reader's money figures runs only if its bytes are the ones the build
locked: a calculators wheel that differs from the site's pyodide-lock.json is refused, on a first
visit and on a repeat visit that restores Python from its memory snapshot, and the reader is told
in the page's language instead of being shown a result."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect

from tests.support.calculator_page import (
    LANGS,
    NO_RESULT,
    READY_MS,
    SPECS,
    UI,
    calculator,
    field_label,
    started_by,
    url,
    visit_and_compute,
    wait_for_snapshot,
)
from tools.local_site import free_port, start_service, stop_service

pytestmark = pytest.mark.browser

WHEEL_GLOB = "assets/pyodide/*/wheels/*/calculators-*.whl"


def site_lock(site: Path) -> dict[str, Any]:
    """The lock the build put in the calculator pages (the worker's lockFileContents)."""
    html = (site / "en" / "licence-changes" / "index.html").read_text("utf-8")
    start = html.index('data-lock="') + len('data-lock="')
    raw = html[start:html.index('"', start)]
    return dict(json.loads(raw.replace("&#34;", '"').replace("&amp;", "&")))


def tampered(wheel: bytes) -> bytes:
    """The same wheel plus one file: still a valid wheel that would install and run, so only the
    integrity check can refuse it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(wheel)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("calculators/_tampered.py", "LOADED = True\n")
    data = out.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as check:
        assert check.testzip() is None
    return data


@pytest.fixture(scope="session")
def tampered_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the built site (hard links) whose server sends an altered wheel under the locked
    name, as a compromised or half-updated host would; the lock in its pages is the build's."""
    copy = tmp_path_factory.mktemp("tampered") / "site"
    shutil.copytree(built_site, copy, copy_function=os.link)
    [wheel] = copy.glob(WHEEL_GLOB)
    data = wheel.read_bytes()
    for variant in [wheel, *wheel.parent.glob(wheel.name + ".*")]:
        variant.unlink()  # a fresh file: the built site's hard-linked one stays as it is
    wheel.write_bytes(tampered(data))
    locked = site_lock(copy)["packages"]["calculators"]["sha256"]
    assert hashlib.sha256(data).hexdigest() == locked
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() != locked
    port = free_port()
    proc = start_service(copy, copy.parent / "feedback.sqlite3", port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_service(proc)


def expect_refused(page: Page, lang: str) -> None:
    """The reader is told the calculator cannot calculate, and no result stands for a change."""
    root = calculator(page, "proration")
    status = root.locator("[data-status]")
    expect(status).to_have_text(UI[lang]["calculator.failed"], timeout=READY_MS)
    added = root.get_by_label(field_label(SPECS["proration"]["fields"][4], lang), exact=True)
    added.fill("4")
    expect(root).to_have_attribute("data-state", "failed", timeout=READY_MS)
    expect(status).to_have_text(UI[lang]["calculator.failed"])
    for result in SPECS["proration"]["results"]:
        expect(root.locator(f'[data-result="{result["name"]}"]')).to_have_text(NO_RESULT)
    expect(root.locator(".calculator__output")).to_have_attribute("aria-busy", "false")
    assert started_by(page) is None


@pytest.mark.parametrize("lang", LANGS)
def test_a_wheel_whose_bytes_differ_from_the_lock_is_refused_and_the_reader_is_told(
        page: Page, context: BrowserContext, tampered_site: str, lang: str) -> None:
    served: list[int] = []
    context.on("requestfinished", lambda request: served.append(request.response().status)
               if request.url.endswith(".whl") and request.response() else None)
    page.goto(url(tampered_site, lang, "licence-changes"))
    expect_refused(page, lang)
    # It was refused for its bytes: the server did send it.
    assert 200 in served


def test_a_restored_snapshot_still_refuses_a_wheel_that_differs_from_the_lock(
        context: BrowserContext, built_site: Path, live_server: Any) -> None:
    first = context.new_page()
    visit_and_compute(first, live_server.url)
    wait_for_snapshot(first)
    first.close()

    [wheel] = built_site.glob(WHEEL_GLOB)
    body = tampered(wheel.read_bytes())

    def altered(route: Route) -> None:
        route.fulfill(status=200, content_type="application/octet-stream", body=body)

    # Routing also bypasses the HTTP cache, which holds the good wheel from the first visit.
    context.route("**/calculators-*.whl", altered)
    again = context.new_page()
    again.goto(url(live_server.url, "en", "licence-changes"))
    expect_refused(again, "en")


def test_the_locked_wheel_is_downloaded_once_for_the_preload_and_the_package_loader(
        page: Page, context: BrowserContext, live_server: Any) -> None:
    downloads: list[int] = []
    context.on("requestfinished", lambda request: downloads.append(
        request.sizes()["responseBodySize"]) if request.url.endswith(".whl") else None)
    page.goto(url(live_server.url, "en", "licence-changes"))
    expect(calculator(page, "proration")).to_have_attribute("data-state", "ready",
                                                            timeout=READY_MS)
    # The <head> preload (with the lock's integrity) and loadPackage ask for it; the network
    # answers once, the HTTP cache the other time.
    assert len(downloads) == 2, downloads
    assert len([size for size in downloads if size > 0]) == 1, downloads
    assert started_by(page) == "started"
