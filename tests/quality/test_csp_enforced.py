"""Chromium enforces the served policy: an injected inline script or style attribute is blocked."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

INJECT = """() => new Promise((resolve) => {
  const blocked = [];
  document.addEventListener("securitypolicyviolation", (e) => blocked.push(e.effectiveDirective));
  const script = document.createElement("script");
  script.textContent = "window.__injectedScriptRan = true";
  document.head.append(script);
  const styled = document.createElement("p");
  styled.setAttribute("style", "color: rgb(255, 0, 0)");
  document.body.append(styled);
  setTimeout(() => resolve({
    scriptRan: window.__injectedScriptRan === true,
    styleApplied: getComputedStyle(styled).color === "rgb(255, 0, 0)",
    blocked,
  }), 100);
})"""


def test_browser_blocks_injected_inline_script_and_style(page: Page, live_server: Any) -> None:
    page.goto(live_server.url + "/en/paid-twice/")
    outcome = page.evaluate(INJECT)
    assert outcome["scriptRan"] is False
    assert outcome["styleApplied"] is False
    assert sorted(outcome["blocked"]) == ["script-src-elem", "style-src-attr"]


def test_materials_own_inline_scripts_run_under_the_policy(page: Page, live_server: Any) -> None:
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.goto(live_server.url + "/fi/paid-twice/")
    assert page.evaluate("typeof __md_get === 'function' && __md_scope instanceof URL")
    assert blocked == []
