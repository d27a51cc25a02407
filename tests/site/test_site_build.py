"""The strict build publishes every article and home page in every language, and refuses to
build when a translation is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.site_html import DOCS, LANGUAGES, ROOT, articles, file_for, page_path


def test_every_article_and_home_page_is_published_in_every_language(built_site: Path) -> None:
    slugs = {""} | {slug for lang in LANGUAGES for slug in articles(lang)}
    assert len(slugs) > 1, "no articles found in docs/"
    missing = [
        page_path(lang, slug)
        for lang in LANGUAGES
        for slug in sorted(slugs)
        if file_for(built_site, page_path(lang, slug)) is None
    ]
    assert missing == []


def test_strict_build_fails_when_an_article_lacks_a_translation(tmp_path: Path) -> None:
    # A copy of the project whose docs/ misses one Finnish article; everything else is linked.
    for entry in ROOT.iterdir():
        if entry.name not in ("docs", "site", ".git") and not entry.name.startswith("."):
            (tmp_path / entry.name).symlink_to(entry)
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    shutil.copytree(DOCS, tmp_path / "docs")
    victim = sorted(articles("fi"))[0]
    (tmp_path / "docs" / "fi" / f"{victim}.md").unlink()

    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
        cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True,
    )

    assert proc.returncode != 0
    assert f"'{victim}' has no Suomi version" in proc.stderr
