"""Helpers of the quality gates: where the built pages are, and raw HTTP responses."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.support.site_html import catalogue

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("sv", "en", "fi")

# axe-core pinned in package.json; the Python wrapper bundles an older copy.
AXE = Axe.from_file(ROOT / "node_modules" / "axe-core" / "axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
TRANSITIONS_DONE = """() => document.getAnimations().every((a) =>
  a.playState !== "running" || a.effect?.getComputedTiming().iterations === Infinity)
"""


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.2 A and AA violations on the page as it is now."""
    # Colours are judged once CSS transitions (Material's buttons fade) have finished.
    page.wait_for_function(TRANSITIONS_DONE)
    results = AXE.run(page, options=AXE_OPTIONS)
    return [
        {"id": v["id"], "impact": v.get("impact"), "help": v["help"],
         "targets": [node["target"] for node in v["nodes"]][:5]}
        for v in results.response["violations"]
    ]


def html_files(site: Path) -> list[Path]:
    """Every built HTML page; vendored assets (Pyodide, Material) are not pages."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "assets")


def page_paths(site: Path) -> list[str]:
    """URL path of every built HTML page, e.g. "/", "/en/paid-twice/", "/fi/404.html"."""
    paths = []
    for file in html_files(site):
        rel = file.relative_to(site)
        if rel.name == "index.html":
            parent = rel.parent.as_posix()
            paths.append("/" if parent == "." else f"/{parent}/")
        else:
            paths.append("/" + rel.as_posix())
    return paths


def language_of(path: str) -> str:
    first = path.strip("/").split("/")[0]
    return first if first in LANGUAGES[1:] else LANGUAGES[0]


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(url: str, method: str = "GET") -> Response:
    """The server's response as is, error statuses included (urllib would raise)."""
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            headers = {k.lower(): v for k, v in resp.headers.items()}
            return Response(resp.status, headers, resp.read())
    except urllib.error.HTTPError as err:
        return Response(err.code, {k.lower(): v for k, v in err.headers.items()}, err.read())


def ui_strings(lang: str) -> dict[str, str]:
    """The UI catalogue of a language, so browser tests find controls by their visible names."""
    return catalogue(lang)


def article_title(lang: str, slug: str) -> str:
    """The title an article's front matter gives it: the text of every link to it."""
    text = (ROOT / "docs" / lang / f"{slug}.md").read_text(encoding="utf-8")
    front_matter = text.split("---", 2)[1]
    return str(yaml.safe_load(front_matter)["title"])


@dataclass(repr=False)
class Sweep:
    """What one visit of every page, in each of its states, showed."""

    origin: str
    states: list[str] = field(default_factory=list)
    axe_violations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    foreign_requests: list[str] = field(default_factory=list)
    requests_seen: int = 0
    failed_requests: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    script_errors: list[str] = field(default_factory=list)
    small_targets: list[str] = field(default_factory=list)
    targets_measured: int = 0
    calculators_computed: int = 0
    calculator_failures: list[str] = field(default_factory=list)
    feedback_forms_opened: int = 0

    def __repr__(self) -> str:
        # Short, so that pytest's report of a failed assertion stays readable.
        return f"Sweep({len(self.states)} page states on {self.origin})"


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
