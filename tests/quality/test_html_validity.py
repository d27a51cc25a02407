"""Every built page is valid HTML according to the Nu Html Checker (vnu.jar)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.support.quality import ROOT, html_files

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_html_is_valid(built_site: Path) -> None:
    files = html_files(built_site)
    # One JVM for the whole site: the checker takes seconds to start.
    proc = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    report = json.loads(proc.stderr or proc.stdout)
    site_prefix = "file:" + str(built_site.resolve())
    errors = [
        f"{m.get('url', '').replace(site_prefix, '')}:{m.get('lastLine')}: {m.get('message')}"
        f"  [{m.get('extract', '').strip()}]"
        for m in report["messages"]
        if m.get("type") in ("error", "non-document-error")
    ]
    assert files, "the build produced no HTML page"
    assert not errors, f"{len(errors)} Nu Html Checker errors:\n" + "\n".join(errors)
