"""Search at scale: Pagefind (this tree) against the former lunr setup, side by side in one run.

    make bench-search   (or: .venv/bin/python -m benchmarks.search_scale [--sizes 8,1000]
                  [--engines lunr,pagefind] [--baseline REF] [--queries FILE] [--slowest N]
                  [--keep DIR] [--load 0,4])
    make bench-search ENGINES=pagefind SIZES=1000 SLOWEST=5 KEEP=/tmp/search-sites
    make bench-search ENGINES=pagefind SIZES=1000 LOAD=0,4     # quiet, then beside 4 busy loops

For each engine and each size N (8 = the real help center, larger sizes = a corpus of N articles
per language made from the real ones by benchmarks/corpus.py), it builds the site strictly, serves
it with the feedback service on loopback and types the held-out questions into the real search
box in headless Chromium, each language in a fresh browser context (cold cache). It prints, per
engine, size and language: top-1 and top-3 (a copy "paid-twice-7" counts as its original), the
rate of questions with no result, p95 latency from the last keystroke to rendered results, and
the bytes the first search downloaded (every search file fetched from opening the page to the
first results: the index, worker, wasm and result fragments) against the issue's budget.

The baseline is the tree at --baseline (default: the last commit before Pagefind), taken with
`git archive`; it builds with its own hooks, theme overrides and mkdocs.yml. `--engines pagefind`
measures this tree alone (lunr at 1,000 articles per language takes long). `--slowest N` lists
each language's N slowest questions with their latency. A 1,000-article build takes minutes:
`--keep DIR` keeps each built site in DIR/<engine>-<size>/ and measures an existing one again
without building (delete it after changing the build; a search.js copied into it is measured as
is). `--load 0,4` measures every site twice, first as the machine is, then beside 4 processes
that keep a core busy each (benchmarks/busy.py: the 1-minute load average is at least 4 before
measuring), and prints the load average each row met and the loaded/quiet p95 ratio. A benchmark,
not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.busy import busy
from benchmarks.corpus import ROOT, write_docs
from tools.local_site import CHROMIUM, CHROMIUM_ARGS, free_port, serving
from tools.search_eval import evaluate as evaluation

BASELINE = "8c3ebf7"  # main before Pagefind: lunr indexes and the wrapped Material worker
FIRST_SEARCH_BUDGET = 300 * 1024
SEARCH_FILES = re.compile(
    r"/pagefind/|/search/search_index\.json|/workers/search\.|/javascripts/lunr/"
    r"|/javascripts/search/")
LINKED = ("node_modules", ".cache", "calculators", "helpcenter")
BUILT_MARK = ".search-scale-built"
ENGINES = ("lunr", "pagefind")


@dataclass
class Row:
    engine: str
    n: int
    lang: str
    report: evaluation.LanguageReport
    first_bytes: int
    busy: int = 0
    load: str = ""


def _original(slug: str) -> str:
    return re.sub(r"-\d+$", "", slug)


def project_at(ref: str, into: Path) -> Path:
    """The repository's files at a commit, unpacked into a folder."""
    data = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True,
                          capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def build_into(source: Path, n: int, port: int, site: Path) -> None:
    """Build a site from `source` (a project folder) with n articles per language into `site`."""
    with tempfile.TemporaryDirectory(prefix=f"search-scale-{n}-") as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(source, project, symlinks=True,
                        ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", ".cache",
                                                      "site", "docs"))
        for name in LINKED:
            if (ROOT / name).exists() and not (project / name).exists():
                (project / name).symlink_to(ROOT / name)
        if n <= 8:
            shutil.copytree(source / "docs", project / "docs")
        else:
            write_docs(project / "docs", n, source=source / "docs")
        env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/",
               "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
        proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                               "--site-dir", str(site)], cwd=project, env=env,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"build of {n} articles failed:\n{proc.stderr[-3000:]}")


@contextmanager
def built(source: Path, n: int, port: int, keep: Path | None = None) -> Iterator[Path]:
    """A site with n articles per language: built in a temporary folder, or with `keep` the site
    kept there (built there first unless a finished build is there)."""
    if keep is None:
        with tempfile.TemporaryDirectory(prefix=f"search-scale-site-{n}-") as tmp:
            build_into(source, n, port, Path(tmp) / "site")
            yield Path(tmp) / "site"
        return
    if not (keep / BUILT_MARK).exists():
        shutil.rmtree(keep, ignore_errors=True)
        build_into(source, n, port, keep)
        (keep / BUILT_MARK).touch()
    yield keep


def measure(browser: Any, url: str, lang: str, queries: list[evaluation.Query],
            keystrokes: bool = True) -> tuple[evaluation.LanguageReport, int]:
    context = browser.new_context()
    fetched: list[int] = []
    first_done = [False]

    def finished(request: Any) -> None:
        if first_done[0] or not SEARCH_FILES.search(request.url):
            return
        try:
            size = request.sizes()["responseBodySize"]
        except Exception:  # a request the browser cancelled has no sizes
            size = 0
        fetched.append(size)

    context.on("requestfinished", finished)
    # Room for every search file of the run in the page's resource timing (250 by default).
    context.add_init_script("performance.setResourceTimingBufferSize(100000)")
    page = context.new_page()
    report = evaluation.LanguageReport(lang)
    try:
        box = evaluation.open_search(page, url, lang)
        for i, query in enumerate(queries):
            # The first question always key by key: its downloads are the first search's.
            hits, latency = evaluation.run_query(page, box, query.text, keystrokes or i == 0)
            if i == 0:
                first_done[0] = True
            report.outcomes.append(evaluation.Outcome(
                evaluation.Query(query.text, query.expect, query.kind),
                [_original(h) for h in hits], latency, page.evaluate(evaluation.LAST_KEY_FILES)))
    finally:
        context.close()
    return report, sum(fetched)


def run(engine: str, source: Path, n: int, queries: dict[str, list[evaluation.Query]],
        browser: Any, keep: Path | None = None, loads: tuple[int, ...] = (0,)) -> list[Row]:
    port = free_port()
    rows = []
    with built(source, n, port, keep / f"{engine}-{n}" if keep else None) as site, \
            tempfile.TemporaryDirectory(prefix="search-scale-db-") as db, \
            serving(site, Path(db) / "feedback.sqlite3", port) as url:
        for processes in loads:
            with busy(processes) as load:
                measured = [(lang, *measure(browser, url, lang, items))
                            for lang, items in queries.items()]
            rows += [Row(engine, n, lang, report, first, processes, load.summary())
                     for lang, report, first in measured]
    return rows


def format_rows(rows: list[Row]) -> str:
    lines = [f"{'engine':<10}{'articles':>9}{'lang':>6}{'top-1':>7}{'top-3':>7}{'none':>6}"
             f"{'p95 ms':>8}{'first search KB':>17}{'budget':>8}  load"]
    for r in rows:
        ok = "ok" if r.first_bytes <= FIRST_SEARCH_BUDGET else "OVER"
        lines.append(f"{r.engine:<10}{r.n:>9}{r.lang:>6}{r.report.rate(1):>7.0%}"
                     f"{r.report.rate(3):>7.0%}{r.report.no_result_rate:>6.0%}"
                     f"{r.report.p95_latency_ms:>8.1f}{r.first_bytes / 1024:>17.1f}{ok:>8}"
                     f"  {r.load}")
    by = {(r.engine, r.n, r.lang, r.busy): r for r in rows}
    for (engine, n, lang, processes), r in by.items():
        base = by.get(("lunr", n, lang, processes))
        if engine != "lunr" and base and base.report.p95_latency_ms and base.first_bytes:
            lines.append(
                f"  {engine}/lunr at {n} articles, {lang}, {processes} busy: p95 latency "
                f"{r.report.p95_latency_ms / base.report.p95_latency_ms:.2f}x, first-search "
                f"bytes {r.first_bytes / base.first_bytes:.2f}x")
        quiet = by.get((engine, n, lang, 0))
        if processes and quiet and quiet.report.p95_latency_ms:
            lines.append(
                f"  {engine} at {n} articles, {lang}: p95 with {processes} busy / as found "
                f"{r.report.p95_latency_ms / quiet.report.p95_latency_ms:.2f}x")
    return "\n".join(lines)


def format_slowest(rows: list[Row], count: int) -> str:
    """Per engine, size and language, the slowest questions: where a p95 comes from."""
    lines = []
    for r in rows:
        beside = f", {r.busy} busy" if r.busy else ""
        lines.append(f"slowest {r.engine} at {r.n} articles, {r.lang}{beside}:")
        for o in sorted(r.report.outcomes, key=lambda o: -o.latency_ms)[:count]:
            chunks = sum(1 for f in o.fetched if f.endswith(".pf_index"))
            fragments = sum(1 for f in o.fetched if f.endswith(".pf_fragment"))
            lines.append(f"  {o.latency_ms:7.1f} ms  {o.query.text!r}  (last key: {chunks} index "
                         f"chunks, {fragments} fragments fetched)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="8,1000")
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--queries", type=Path, default=evaluation.HELDOUT)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--slowest", type=int, default=0, metavar="N")
    parser.add_argument("--keep", type=Path, metavar="DIR")
    parser.add_argument("--load", default="0", metavar="N,M",
                        help="busy processes beside each measurement, one run per number")
    args = parser.parse_args(argv)
    loads = tuple(int(n) for n in args.load.split(","))
    sizes = [int(s) for s in args.sizes.split(",")]
    engines = [e for e in args.engines.split(",") if e]
    unknown = sorted(set(engines) - set(ENGINES))
    if unknown:
        parser.error(f"unknown engine {', '.join(unknown)}; choose from {', '.join(ENGINES)}")
    queries = evaluation.load_queries(args.queries)
    from playwright.sync_api import sync_playwright

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="search-baseline-") as tmp, \
            sync_playwright() as pw:
        baseline = project_at(args.baseline, Path(tmp))
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for n in sizes:
                for engine in engines:
                    source = baseline if engine == "lunr" else ROOT
                    rows += run(engine, source, n, queries, browser, args.keep, loads)
                print(format_rows(rows), flush=True)
        finally:
            browser.close()
    print("\n" + format_rows(rows))
    if args.slowest:
        print("\n" + format_slowest(rows, args.slowest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
