"""How the build and the pages grow with the number of articles.

    make bench-build   (or: .venv/bin/python -m benchmarks.build_scale [--sizes 100,300,1000]
                                                                 [--profile DIR] [--keep])

For each size N it writes a corpus of N articles per language made from the real ones
(benchmarks/corpus.py, in a temporary folder), builds it with `mkdocs build --strict` as
`make build` does, and prints, side by side in one run: pages built, build time, time per page,
the median and largest article HTML, the home page and the site's sitemap.xml, with ratios against
the smallest N. It is a benchmark, not a test: nothing here passes or fails.

The goals (issue #11): time per page at 1,000 articles per language at most 1.2x that at 100; the
~3,000-page build within 60 s on a 2-core machine; the median article page at most 40 KB.
`--profile DIR` also writes a cProfile of each build (`DIR/build-<N>.prof`; read it with
`python -m pstats` or snakeviz).
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import ROOT, write_corpus

TOPIC_FOLDER = "topics"


@dataclass
class Result:
    n: int
    pages: int
    seconds: float
    cpu_seconds: float
    article_median: int
    article_max: int
    home: int
    sitemap: int
    sitemap_gzip: int

    @property
    def per_page_ms(self) -> float:
        return 1000 * self.seconds / self.pages

    @property
    def cpu_per_page_ms(self) -> float:
        return 1000 * self.cpu_seconds / self.pages


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("index.html") if p.relative_to(site).parts[0] != "assets"]


def _article_pages(site: Path, langs: list[str]) -> list[Path]:
    """index.html of every article: one folder below a language root, not a topic page."""
    found = []
    for page in _pages(site):
        parts = page.relative_to(site).parts[:-1]
        if parts and parts[0] in langs[1:]:
            parts = parts[1:]
        if len(parts) == 1 and parts[0] != TOPIC_FOLDER:
            found.append(page)
    return found


def build(n: int, work: Path, profile: Path | None) -> Result:
    project = write_corpus(n, parent=work)
    site = project / "site"
    command = [sys.executable]
    if profile is not None:
        profile.mkdir(parents=True, exist_ok=True)
        command += ["-m", "cProfile", "-o", str(profile.resolve() / f"build-{n}.prof")]
    command += ["-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8000/"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time too: other work on a shared machine stretches wall time, not CPU time.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"build of {n} articles per language failed:\n{proc.stderr[-4000:]}")
    langs = ["sv", *sorted(p.name for p in (project / "docs").iterdir() if p.name != "sv")]
    sizes = [p.stat().st_size for p in _article_pages(site, langs)]
    result = Result(
        n=n,
        pages=len(_pages(site)),
        seconds=seconds,
        cpu_seconds=cpu,
        article_median=int(statistics.median(sizes)),
        article_max=max(sizes),
        home=(site / "index.html").stat().st_size,
        sitemap=(site / "sitemap.xml").stat().st_size,
        sitemap_gzip=len(gzip.compress((site / "sitemap.xml").read_bytes())),
    )
    return result


def _kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


def report(results: list[Result]) -> str:
    base = results[0]
    lines = [
        f"{'articles/lang':>13} {'pages':>6} {'build':>8} {'per page':>9} {'ratio':>6} "
        f"{'CPU/page':>9} {'ratio':>6} {'article median':>15} {'ratio':>6} {'article max':>12} "
        f"{'home':>9} {'sitemap.xml (gzip)':>20}"
    ]
    for r in results:
        lines.append(
            f"{r.n:>13} {r.pages:>6} {r.seconds:>7.1f}s {r.per_page_ms:>7.1f}ms "
            f"{r.per_page_ms / base.per_page_ms:>5.2f}x {r.cpu_per_page_ms:>7.1f}ms "
            f"{r.cpu_per_page_ms / base.cpu_per_page_ms:>5.2f}x {_kb(r.article_median):>15} "
            f"{r.article_median / base.article_median:>5.2f}x {_kb(r.article_max):>12} "
            f"{_kb(r.home):>9} {_kb(r.sitemap):>10} ({_kb(r.sitemap_gzip)})"
        )
    lines.append(f"load average while building: {os.getloadavg()[0]:.1f} "
                 f"on {os.cpu_count()} CPUs (wall time stretches when it exceeds them)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,300,1000",
                        help="articles per language, comma-separated (default 100,300,1000)")
    parser.add_argument("--profile", type=Path, help="write a cProfile of each build here")
    parser.add_argument("--keep", action="store_true", help="keep the corpora and built sites")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(os.environ.get("TMPDIR", "/tmp")) / f"helpcenter-bench-build-{os.getpid()}"
    work.mkdir(parents=True)
    results = []
    try:
        for n in sizes:
            print(f"building {n} articles per language ...", file=sys.stderr, flush=True)
            results.append(build(n, work, args.profile))
    finally:
        if args.keep:
            print(f"corpora and sites kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(report(results))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
