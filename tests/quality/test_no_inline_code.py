"""Built pages carry no inline executable code but Material's own inline scripts, which the CSP
allows by hash alone (helpcenter/csp_hashes.py): no handlers, no style attributes, no other
script."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from helpcenter.csp_hashes import csp_hash, inline_scripts, material_patterns, script_hashes
from helpcenter_server.web.headers import load_script_hashes
from tests.support.quality import html_files

# Script types a browser never executes: data blocks for the site's scripts.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineCodeFinder(HTMLParser):
    def __init__(self, allowed_scripts: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_scripts = allowed_scripts
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
            body = "".join(self._script_text)
            if csp_hash(body) not in self.allowed_scripts:
                self.findings.append(f"{self._inline_script} {body.strip()[:80]!r}")
            self._inline_script = None


def inline_code(html: str, allowed_scripts: frozenset[str] = frozenset()) -> list[str]:
    """What the CSP would block; inline scripts whose hash is in `allowed_scripts` pass."""
    finder = InlineCodeFinder(allowed_scripts)
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
    assert len(inline_code(sample, frozenset({csp_hash("alert(1)")}))) == 4


def test_materials_inline_scripts_are_allowed_by_hash_and_nothing_else(built_site: Path) -> None:
    hashes = load_script_hashes(built_site)
    scripts = {s for f in html_files(built_site) for s in inline_scripts(f.read_text("utf-8"))}
    assert scripts, "Material's inline scripts are missing from the pages"
    assert {csp_hash(s) for s in scripts} == set(hashes)
    assert all(any(p.fullmatch(s) for p in material_patterns()) for s in scripts)


def test_pages_have_no_other_inline_scripts_handlers_or_styles(built_site: Path) -> None:
    allowed = frozenset(load_script_hashes(built_site))
    findings = []
    for file in html_files(built_site):
        rel = file.relative_to(built_site).as_posix()
        findings += [f"{rel} {f}" for f in inline_code(file.read_text(encoding="utf-8"), allowed)]
    assert not findings, "inline code the Content-Security-Policy would block:\n" + "\n".join(
        findings
    )


def test_an_inline_script_that_is_not_materials_fails_the_build(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>x</p><script>track(1)</script>")
    with pytest.raises(PluginError, match="inline scripts that are not Material's"):
        script_hashes(tmp_path)
