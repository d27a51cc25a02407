"""Built pages carry no inline executable code, so the CSP can forbid it."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from quality_support import html_files

# Script types a browser never executes: data blocks for the site's scripts.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineCodeFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self._inline_script: str | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"line {self.getpos()[0]}: <{tag} {name}=...> event handler")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower(
            ).startswith("javascript:"):
                self.findings.append(f"line {self.getpos()[0]}: <{tag} {name}=javascript:...>")
            if name == "style":
                self.findings.append(f"line {self.getpos()[0]}: <{tag} style=\"{value}\">")
        if tag == "style":
            self.findings.append(f"line {self.getpos()[0]}: <style> element")
        if tag == "script":
            kind = (attributes.get("type") or "").strip().lower()
            executable = kind not in DATA_SCRIPT_TYPES
            self._inline_script = None
            if executable and not attributes.get("src"):
                self._inline_script = f"line {self.getpos()[0]}: inline <script>"
            self._script_text = []

    def handle_data(self, data: str) -> None:
        if self._inline_script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inline_script is not None:
            body = "".join(self._script_text).strip()
            self.findings.append(f"{self._inline_script} {body[:80]!r}")
            self._inline_script = None


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.findings


def test_finder_sees_inline_code_it_must_reject() -> None:
    sample = (
        '<p style="color:red" onclick="x()">a</p><script>alert(1)</script>'
        '<a href="javascript:void 0">b</a><style>p{}</style>'
        '<script type="application/json" id="d">{"a": 1}</script><script src="/x.js"></script>'
    )
    assert len(inline_code(sample)) == 5


def test_pages_have_no_inline_scripts_handlers_or_styles(built_site: Path) -> None:
    findings = []
    for file in html_files(built_site):
        rel = file.relative_to(built_site).as_posix()
        findings += [f"{rel} {f}" for f in inline_code(file.read_text(encoding="utf-8"))]
    assert not findings, "inline code the Content-Security-Policy would block:\n" + "\n".join(
        findings
    )
