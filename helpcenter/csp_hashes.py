"""sha256 hashes of Material's own inline scripts, for the Content-Security-Policy.

Material writes a few small inline scripts (partials/javascripts/*.html: storage helpers,
the tab and anchor restore, ...). Rather than re-implementing them in a file, which drifts on
every Material upgrade, the CSP allows exactly these scripts by hash: after the build, every
inline script of every page is hashed and the hashes go to the manifest (helpcenter/manifest.py),
which the service and nginx's generated config read (feedback_service/headers.py). `script-src`
stays strict: no 'unsafe-inline', and an inline script that is not one of Material's partials fails
the build, so a site script still has to be a file.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

from mkdocs.exceptions import PluginError

DATA_TYPES = {"application/json", "application/ld+json"}
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


class InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._parts: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        attributes = dict(attrs)
        kind = (attributes.get("type") or "").strip().lower()
        self._parts = [] if not attributes.get("src") and kind not in DATA_TYPES else None

    def handle_data(self, data: str) -> None:
        if self._parts is not None:
            self._parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._parts is not None:
            self.scripts.append("".join(self._parts))
            self._parts = None


# Script data runs to the first "</script", whatever it holds (HTML's tokenizer rule), so a page's
# scripts are found without tokenizing all of it; at thousands of pages that was seconds. Their
# start tags still go through the HTML parser.
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.S | re.I)


def inline_scripts(html: str) -> list[str]:
    parser = InlineScripts()
    for match in _SCRIPT.finditer(html):
        parser.feed(match.group(0))
    parser.close()
    return parser.scripts


def csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def material_patterns() -> list[re.Pattern[str]]:
    """Each inline script of Material's partials, its Jinja expressions as wildcards."""
    folder = files("material") / "templates" / "partials" / "javascripts"
    patterns = []
    for template in folder.iterdir():
        if not template.name.endswith(".html"):
            continue
        for body in re.findall(r"<script>(.*?)</script>", template.read_text("utf-8"), re.S):
            literal = [re.escape(part) for part in JINJA.split(body)]
            patterns.append(re.compile('[^"<]*'.join(literal), re.S))
    return patterns


def script_hashes(site: Path) -> list[str]:
    """The CSP hashes of every inline script of the built site, each one of Material's."""
    patterns = material_patterns()
    hashes: set[str] = set()
    strangers: list[str] = []
    for page in sorted(site.rglob("*.html")):
        for script in inline_scripts(page.read_text(encoding="utf-8")):
            if any(p.fullmatch(script) for p in patterns):
                hashes.add(csp_hash(script))
            else:
                strangers.append(f"{page.relative_to(site)}: {script[:80]!r}")
    if strangers:
        raise PluginError("inline scripts that are not Material's; make them files so the CSP "
                          "can stay strict:\n" + "\n".join(strangers[:10]))
    return sorted(hashes)
