"""How fast the calculators answer, measured in headless Chromium against the built site.

    make bench   (or: .venv/bin/python -m benchmarks.time_to_first_result [--site DIR] [--rounds N])

Prints a table; it is a benchmark, not a test. Everything is measured side by side in one run:

- time to first result, from navigation start, cold (a fresh browser context: empty HTTP cache)
  and warm (the same page again in that context), for the article's calculator and for a baseline
  page that loads the same self-hosted Pyodide with plain `loadPyodide()`, installs the same
  wheel and runs the same calculation in a module worker, as the article does. Rounds
  alternate which goes first.
- bytes fetched from /assets/pyodide/ by an article without a calculator;
- first contentful paint of an article with a calculator and of one without;
- recalculation latency: input event to rendered result, over many input changes.

The baseline page is written into a temporary copy of the site, never into the real one.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tools.local_site import CHROMIUM, CHROMIUM_ARGS, build_site, free_port, serving

CALCULATOR_PAGE = "/licence-changes/"
PLAIN_PAGE = "/service-plan/"
INPUTS = {"period_start": "2026-01-01", "period_months": 6, "change_date": "2026-03-15",
          "licences_current": 10, "licences_added": 3, "unit_price": "25.00"}

BASELINE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Baseline: plain loadPyodide()</title>
<script type="module" src="baseline.js"></script></head>
<body><p>Baseline</p><output id="result"></output></body></html>
"""

# Like the article, the baseline runs Python in a module worker: only the loading differs.
BASELINE_JS = """
const worker = new Worker("baseline-worker.js", { type: "module" });
worker.onmessage = (event) => {
  document.getElementById("result").textContent = event.data;
  window.__firstResult = performance.now();
};
"""

BASELINE_WORKER_JS = """
import { loadPyodide } from "%(index)spyodide.mjs";
const pyodide = await loadPyodide({ indexURL: "%(index)s" });
await pyodide.loadPackage("%(index)s%(wheel)s");
const calculators = pyodide.pyimport("calculators");
const response = JSON.parse(calculators.run_json("proration", JSON.stringify(%(inputs)s)));
self.postMessage(response.result.order_amount);
"""

# Runs before any page script: records when the calculator first shows a result.
FIRST_RESULT_PROBE = """
document.addEventListener("calculator:result", (event) => {
  window.__firstResult ??= event.detail.renderedAt;
}, true);
"""

RECALCULATION = """
async (count) => {
  const root = document.querySelector('[data-calculator="proration"]');
  const input = root.querySelector('[name="licences_added"]');
  const times = [];
  for (let i = 0; i < count; i++) {
    const done = new Promise((resolve) => root.addEventListener("calculator:result",
      (event) => resolve(event.detail.renderedAt - event.detail.startedAt), { once: true }));
    input.value = String(1 + (i % 50));
    input.dispatchEvent(new Event("input", { bubbles: true }));
    times.push(await done);
  }
  return times;
}
"""


def prepare_site(built: Path, work: Path) -> Path:
    site = work / "site"
    shutil.copytree(built, site)
    html = (site / CALCULATOR_PAGE.strip("/") / "index.html").read_text(encoding="utf-8")
    marker = 'data-pyodide="../assets/pyodide/'
    version = html.split(marker, 1)[1].split("/", 1)[0]
    wheel = html.split('data-wheel="', 1)[1].split('"', 1)[0]
    bench = site / "bench-baseline"
    bench.mkdir()
    (bench / "index.html").write_text(BASELINE_HTML, encoding="utf-8")
    (bench / "baseline.js").write_text(BASELINE_JS, encoding="utf-8")
    (bench / "baseline-worker.js").write_text(BASELINE_WORKER_JS % {
        "index": f"/assets/pyodide/{version}/", "wheel": wheel, "inputs": json.dumps(INPUTS)},
        encoding="utf-8")
    return site


def first_result(page: Page, url: str) -> float:
    page.goto(url)
    page.wait_for_function("() => window.__firstResult !== undefined", timeout=60_000)
    return float(page.evaluate("window.__firstResult"))


def new_context(browser: Browser) -> BrowserContext:
    context = browser.new_context()
    context.add_init_script(FIRST_RESULT_PROBE)
    return context


def cold_and_warm(browser: Browser, url: str) -> tuple[float, float]:
    context = new_context(browser)
    try:
        first = context.new_page()
        cold = first_result(first, url)
        first.close()
        warm = first_result(context.new_page(), url)
    finally:
        context.close()
    return cold, warm


def pyodide_bytes_and_fcp(browser: Browser, url: str) -> tuple[int, float]:
    context = browser.new_context()
    fetched = 0
    try:
        page = context.new_page()

        def count(response: Any) -> None:
            nonlocal fetched
            if "/assets/pyodide/" in response.url:
                fetched += int(response.headers.get("content-length", "0"))

        page.on("response", count)
        page.goto(url, wait_until="load")
        page.wait_for_timeout(1500)
        fcp = page.evaluate(
            "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN")
    finally:
        context.close()
    return fetched, float(fcp)


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--changes", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        built, port = args.site, free_port()
        if built is None:
            built = work / "built"
            if (proc := build_site(built, port)).returncode != 0:
                raise SystemExit(f"strict build failed:\n{proc.stderr}")
        site = prepare_site(built, work)
        with serving(site, work / "bench.sqlite3", port) as origin, \
                sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            variants: dict[str, Callable[[], tuple[float, float]]] = {
                "calculator": lambda: cold_and_warm(browser, origin + CALCULATOR_PAGE),
                "baseline": lambda: cold_and_warm(browser, origin + "/bench-baseline/"),
            }
            times: dict[str, dict[str, list[float]]] = {
                name: {"cold": [], "warm": []} for name in variants}
            for round_number in range(args.rounds):
                order = list(variants) if round_number % 2 == 0 else list(reversed(variants))
                for name in order:
                    cold, warm = variants[name]()
                    times[name]["cold"].append(cold)
                    times[name]["warm"].append(warm)

            plain_bytes, plain_fcp = [], []
            calc_fcp = []
            for _ in range(args.rounds):
                fetched, fcp = pyodide_bytes_and_fcp(browser, origin + PLAIN_PAGE)
                plain_bytes.append(fetched)
                plain_fcp.append(fcp)
                calc_fcp.append(pyodide_bytes_and_fcp(browser, origin + CALCULATOR_PAGE)[1])

            context = new_context(browser)
            page = context.new_page()
            first_result(page, origin + CALCULATOR_PAGE)
            recalculations = page.evaluate(RECALCULATION, args.changes)
            context.close()
            browser.close()

    print(f"Time to first result, median of {args.rounds} interleaved rounds "
          "(ms from navigation start)")
    print(f"{'':12}{'calculator':>12}{'baseline':>12}{'ratio':>8}{'target':>8}")
    for cache, target in (("cold", 0.8), ("warm", 0.5)):
        ours = median(times["calculator"][cache])
        base = median(times["baseline"][cache])
        print(f"{cache:12}{ours:12.0f}{base:12.0f}{ours / base:8.2f}{'≤' + str(target):>8}")
    print()
    print(f"Pyodide bytes fetched by {PLAIN_PAGE} (no calculator): max {max(plain_bytes)}")
    print(f"First contentful paint, median: with calculator {median(calc_fcp):.0f} ms, "
          f"without {median(plain_fcp):.0f} ms")
    print(f"Recalculation over {len(recalculations)} input changes: "
          f"median {median(recalculations):.1f} ms, p95 {p95(recalculations):.1f} ms (target < 16)")
    print("Raw:", json.dumps(times))


if __name__ == "__main__":
    main()
