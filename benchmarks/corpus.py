"""A help center with N articles per language, made from the real ones, for benchmarks.

    from benchmarks.corpus import write_corpus
    project = write_corpus(1000)          # a temporary folder; build it with `mkdocs build` there
    shutil.rmtree(project)

The copy holds its own mkdocs.yml and docs/; everything else the build reads (search/, overrides/,
calculators/, tools/, node_modules/, the Pyodide cache) is a symbolic link into this repository,
and the build itself is the installed helpcenter plugin, so a benchmark builds exactly what
`make build` builds. The real articles are copied
under new slugs ("paid-twice-7") as an author would add them: a title of their own, the same topic
and contact, `related` and in-text links pointing at the copies of the same round, and only the
originals keep their `popular` rank, so the most asked list keeps its length. Nothing is written
inside the repository.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parent.parent
LINKED = ("search", "overrides", "calculators", "tools", "node_modules", ".cache",
          "pyproject.toml", "calculators-wheel.toml")
_LINK = re.compile(r"\]\(([a-z0-9][a-z0-9-]*)\.md(#[^)]*)?\)")


def languages(docs: Path = ROOT / "docs") -> list[str]:
    return sorted(p.name for p in docs.iterdir() if p.is_dir())


def copy_slug(slug: str, round_: int) -> str:
    return slug if round_ == 0 else f"{slug}-{round_}"


def corpus_slugs(originals: list[str], n: int) -> list[tuple[str, str, int]]:
    """(new slug, original slug, round) for the first n articles: round 0 is the originals."""
    out = []
    round_ = 0
    while len(out) < n:
        for slug in originals:
            if len(out) == n:
                break
            out.append((copy_slug(slug, round_), slug, round_))
        round_ += 1
    return out


def _copy_article(text: str, round_: int, exists: set[str]) -> str:
    body, meta = get_data(text)
    if round_:
        meta = dict(meta)
        meta["title"] = f"{meta['title']} ({round_ + 1})"
        meta.pop("popular", None)
        meta["related"] = [
            copy_slug(r, round_) if copy_slug(r, round_) in exists else r
            for r in meta.get("related") or []
        ]

        def relink(match: re.Match[str]) -> str:
            target = copy_slug(match[1], round_)
            return f"]({target if target in exists else match[1]}.md{match[2] or ''})"

        body = _LINK.sub(relink, body)
        # The heading repeats the title.
        body = re.sub(r"^# .*$", f"# {meta['title']}", body, count=1, flags=re.M)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10**6)
    return f"---\n{front}---\n\n{body}"


def write_docs(docs: Path, n: int, source: Path = ROOT / "docs") -> int:
    """docs/<lang>/ with the home page and n articles per language; returns articles written."""
    written = 0
    for lang in languages(source):
        src, dest = source / lang, docs / lang
        dest.mkdir(parents=True)
        originals = sorted(p.stem for p in src.glob("*.md") if p.stem != "index")
        plan = corpus_slugs(originals, n)
        exists = {slug for slug, _, _ in plan}
        for extra in src.iterdir():
            if extra.stem not in originals:
                shutil.copy2(extra, dest / extra.name)
        for slug, original, round_ in plan:
            text = (src / f"{original}.md").read_text(encoding="utf-8")
            (dest / f"{slug}.md").write_text(_copy_article(text, round_, exists),
                                             encoding="utf-8")
            written += 1
    return written


def write_corpus(n: int, parent: Path | None = None, **mkdocs_overrides: Any) -> Path:
    """A copy of the project with n articles per language, in a new temporary folder (its path).

    `mkdocs_overrides` replace top-level keys of mkdocs.yml in the copy (e.g. site_url=...).
    The caller removes the folder."""
    project = Path(tempfile.mkdtemp(prefix=f"helpcenter-corpus-{n}-", dir=parent))
    for name in LINKED:
        if (ROOT / name).exists():
            (project / name).symlink_to(ROOT / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for key, value in mkdocs_overrides.items():
        config = re.sub(rf"^{key}:.*$", f"{key}: {value}", config, count=1, flags=re.M)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    write_docs(project / "docs", n)
    return project
