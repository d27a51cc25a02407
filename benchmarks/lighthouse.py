"""Lighthouse 12.2.3 (npm, pinned in package.json) on every page type, in every language.

    make lighthouse   (or: .venv/bin/python -m benchmarks.lighthouse [--site DIR] [--runs N]
                       [--presets mobile,desktop] [--langs sv,en,fi] [--pages home,article,...]
                       [--reports DIR] [--tabulate DIR])

Builds the site (or takes a built one), serves it with the feedback service on a free loopback
port, as `make serve` does, and runs Lighthouse's command line against it with Debian's Chromium
(headless), with its default mobile preset (simulated slow 4G, 4x CPU slowdown) and its desktop
preset. Prints one table of scores per preset and the audits that fail. With --runs N each page is
measured N times, rounds interleaved, and every number is the median of the N. It is a benchmark,
not a test: its scores move with the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.early_python import VARIANTS, write_variant
from tools.local_site import CHROMIUM, CHROMIUM_ARGS, build_site, free_port, serving

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LANGUAGES = ("sv", "en", "fi")
NOT_FOUND_PREVIEW = "lighthouse-404-preview"
# One page of each type, by its path inside a language.
PAGES = {
    "home": "",
    "article": "service-plan/",
    "topic": "topics/licences/",
    "calculator": "licence-changes/",
    # Lighthouse refuses to audit a response with status 404, and both servers answer the 404
    # page with 404 wherever it is asked for. So it audits a copy of the same bytes at an
    # address that answers 200 (with_not_found_previews): its content, not its status.
    "404": f"{NOT_FOUND_PREVIEW}/",
}
# Not measured unless asked for (PAGES=…): the calculator article with Python's preloads in <head>
# from the start, at their own priority and at fetchpriority="low" (benchmarks/early_python.py),
# the options issue 25 weighed against waiting for the article.
VARIANT_PAGES = {f"calculator-{variant}": f"licence-changes-{variant}/" for variant in VARIANTS}
PRESETS = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# An audit fails when its score is below this (a binary audit scores 0 or 1).
PASSING = 0.9
METRICS = {"largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "first-contentful-paint", "speed-index"}


@dataclass(frozen=True)
class Result:
    scores: dict[str, float]  # category id: 0-100
    lcp_ms: float
    tbt_ms: float
    cls: float
    bytes: float
    failing: tuple[str, ...]  # "audit-id (category)"
    # Lighthouse's own CPU benchmark of the machine during the run: TBT, which the mobile preset
    # simulates at 4x the observed CPU time, moves with it.
    cpu_index: float


def with_not_found_previews(site: Path, out: Path) -> Path:
    """The site, hard-linked (or copied) to out, with each language's 404 page copied to
    NOT_FOUND_PREVIEW/index.html beside it, precompressed variants too, and the calculator
    article's VARIANT_PAGES. The build is unchanged."""

    def link_or_copy(source: str, target: str) -> None:
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)

    shutil.copytree(site, out, copy_function=link_or_copy)
    for lang in LANGUAGES:
        folder = out if lang == LANGUAGES[0] else out / lang
        preview = folder / NOT_FOUND_PREVIEW
        preview.mkdir()
        for page in folder.glob("404.html*"):
            shutil.copy2(page, preview / page.name.replace("404.html", "index.html"))
        for variant in VARIANTS:
            write_variant(folder / PAGES["calculator"] / "index.html",
                          folder / f"licence-changes-{variant}", variant)
    return out


def url_of(origin: str, lang: str, page: str) -> str:
    prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
    return f"{origin}/{prefix}{(PAGES | VARIANT_PAGES)[page]}"


def run_lighthouse(url: str, preset: str, out: Path) -> dict[str, Any]:
    flags = " ".join([*CHROMIUM_ARGS, "--headless=new"])
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
               f"--chrome-flags={flags}", f"--only-categories={','.join(CATEGORIES)}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0 or not out.exists():
        raise SystemExit(f"lighthouse failed on {url} ({preset}):\n{proc.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def failing_audits(report: dict[str, Any]) -> tuple[str, ...]:
    audits = report["audits"]
    found = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["id"] in METRICS or audit.get("scoreDisplayMode") not in (
                    "binary", "numeric", "metricSavings"):
                continue
            if audit.get("score") is not None and audit["score"] < PASSING:
                found.append(f"{ref['id']} ({category})")
    return tuple(dict.fromkeys(found))


def result_of(report: dict[str, Any]) -> Result:
    audits = report["audits"]
    return Result(
        scores={c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES},
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        bytes=audits["total-byte-weight"]["numericValue"],
        failing=failing_audits(report),
        cpu_index=float(report["environment"]["benchmarkIndex"]),
    )


def median_of(results: list[Result]) -> Result:
    """Each number the median of the runs; an audit fails if it failed in any run."""
    failing: dict[str, None] = {}
    for result in results:
        failing.update(dict.fromkeys(result.failing))
    return Result(
        scores={c: statistics.median(r.scores[c] for r in results) for c in CATEGORIES},
        lcp_ms=statistics.median(r.lcp_ms for r in results),
        tbt_ms=statistics.median(r.tbt_ms for r in results),
        cls=statistics.median(r.cls for r in results),
        bytes=statistics.median(r.bytes for r in results),
        failing=tuple(failing),
        cpu_index=statistics.median(r.cpu_index for r in results),
    )


def table(preset: str, rows: dict[tuple[str, str], Result], runs: int) -> str:
    head = (f"\n{preset} (median of {runs} run{'s' if runs > 1 else ''})\n"
            "| page | lang | perf | LCP | TBT | CLS | a11y | best pr. | SEO | bytes | CPU index |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|")
    lines = [head]
    for (page, lang), r in rows.items():
        s = r.scores
        lines.append(
            f"| {page} | {lang} | {s['performance']:.0f} | {r.lcp_ms / 1000:.1f} s | "
            f"{r.tbt_ms:.0f} ms | {r.cls:.3f} | {s['accessibility']:.0f} | "
            f"{s['best-practices']:.0f} | {s['seo']:.0f} | {r.bytes / 1000:,.0f} KB | "
            f"{r.cpu_index:.0f} |")
    failing = [f"- {page} ({lang}): {', '.join(r.failing)}"
               for (page, lang), r in rows.items() if r.failing]
    lines.append("\nfailing audits (score < 0.9, in any run):")
    lines.extend(failing or ["- none"])
    return "\n".join(lines)


def selection(args: argparse.Namespace) -> tuple[list[str], list[str], list[str]]:
    return ([p for p in args.presets.split(",") if p], [p for p in args.pages.split(",") if p],
            [lang for lang in args.langs.split(",") if lang])


def report_path(reports: Path, preset: str, page: str, lang: str, run: int) -> Path:
    return reports / f"{preset}-{page}-{lang}-{run}.json"


def print_tables(runs: dict[tuple[str, str, str], list[Result]], args: argparse.Namespace) -> None:
    presets, pages, langs = selection(args)
    for preset in presets:
        rows = {(page, lang): median_of(runs[(preset, page, lang)])
                for page in pages for lang in langs if (preset, page, lang) in runs}
        count = max((len(runs[(preset, *key)]) for key in rows), default=0)
        print(table(preset, rows, count), flush=True)
        print(targets(rows), flush=True)


def targets(rows: dict[tuple[str, str], Result]) -> str:
    """Issue 25's acceptance, side by side: performance at least 90 on every page type, and a
    calculator page's LCP within 1.2x that of an article without a calculator."""
    lines = ["\ntargets: performance >= 90; calculator LCP <= 1.2x article LCP"]
    low = [f"{page} ({lang}) {r.scores['performance']:.0f}" for (page, lang), r in rows.items()
           if r.scores["performance"] < 90]
    lines.append(f"- performance under 90: {', '.join(low) or 'none'}")
    for page, lang in rows:
        calc, plain = rows[(page, lang)], rows.get(("article", lang))
        if page.startswith("calculator") and plain and plain.lcp_ms:
            ratio = calc.lcp_ms / plain.lcp_ms
            lines.append(f"- {lang}: {page} LCP {calc.lcp_ms / 1000:.2f} s / article "
                         f"{plain.lcp_ms / 1000:.2f} s = {ratio:.2f}x "
                         f"({'ok' if ratio <= 1.2 else 'over 1.2x'})")
    return "\n".join(lines)


def measure(origin: str, args: argparse.Namespace, reports: Path) -> None:
    presets, pages, langs = selection(args)
    runs: dict[tuple[str, str, str], list[Result]] = {}
    for round_ in range(1, args.runs + 1):
        for preset in presets:
            for page in pages:
                for lang in langs:
                    out = report_path(reports, preset, page, lang, round_)
                    result = result_of(run_lighthouse(url_of(origin, lang, page), preset, out))
                    runs.setdefault((preset, page, lang), []).append(result)
                    print(f"  {preset} {page} {lang} run {round_}: perf "
                          f"{result.scores['performance']:.0f}, LCP {result.lcp_ms / 1000:.1f} s",
                          flush=True)
    print_tables(runs, args)


def tabulate(reports: Path, args: argparse.Namespace) -> None:
    """The tables again from reports kept with --reports, without running Lighthouse."""
    presets, pages, langs = selection(args)
    runs: dict[tuple[str, str, str], list[Result]] = {}
    for preset in presets:
        for page in pages:
            for lang in langs:
                for path in sorted(reports.glob(f"{preset}-{page}-{lang}-*.json")):
                    report = json.loads(path.read_text(encoding="utf-8"))
                    runs.setdefault((preset, page, lang), []).append(result_of(report))
    print_tables(runs, args)
    if args.reports:
        print(f"\nreports: {args.reports}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--port", type=int, help="the port the --site was built for")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; numbers are medians")
    parser.add_argument("--presets", default=",".join(PRESETS))
    parser.add_argument("--langs", default=",".join(LANGUAGES))
    parser.add_argument("--pages", default=",".join(PAGES),
                        help=f"of {', '.join(PAGES | VARIANT_PAGES)}")
    parser.add_argument("--reports", type=Path, help="keep the JSON reports here")
    parser.add_argument("--tabulate", type=Path, help="only print the tables of reports kept here")
    args = parser.parse_args()
    if args.tabulate:
        tabulate(args.tabulate, args)
        return
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `make setup`")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        work = Path(tmp)
        reports = args.reports or work / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        port = args.port or free_port()
        site = args.site
        if site is None:
            site = work / "site"
            built = build_site(site, port)
            if built.returncode != 0:
                raise SystemExit(f"the build failed:\n{built.stderr[-3000:]}")
        served = with_not_found_previews(site, work / "served")
        with serving(served, work / "feedback.sqlite3", port) as origin:
            measure(origin, args, reports)


if __name__ == "__main__":
    main()
