"""How fast a reader gets their own first calculator result, measured in headless Chromium.

    make bench   (or: .venv/bin/python -m benchmarks.time_to_first_result [--site DIR] [--rounds N]
                  [--throttled-rounds N])

Prints ratios; it is a benchmark, not a test. Everything is measured side by side in one run,
rounds interleaved, against a baseline page that does the least anyone could: a module worker
calling plain `loadPyodide()` and summing two Decimals, its Pyodide files (the full standard library
and lock file) served gzip-compressed, the way a CDN serves them, from the same service.

- Throttled, cold cache (a fresh browser context), for two network profiles set with CDP's
  Network.emulateNetworkConditions (it slows the worker's downloads too): the time from navigation
  start to the reader's own first result (the reader types a new value as soon as the form is
  live; the build's prerendered example does not count), and the bytes on the wire. Bytes are
  counted from the context's `requestfinished` events, the only ones that see the worker's
  requests; a response from the HTTP cache counts nothing. Beside them, the same article with
  Python's preloads in <head> from the start ("early start"), the setting before Python waited
  for the article to load, and those preloads at fetchpriority="low" ("early, low"): what that
  wait costs the reader's first result.
- Loopback, cold and warm (the same page again in that context: HTTP cache and compiled wasm warm,
  and Python's memory snapshot in Cache Storage), also with the snapshot switched off.
- Pyodide bytes fetched by an article without a calculator; first contentful paint with and
  without a calculator; recalculation latency over many input changes.

The baseline page is written into a temporary copy of the site, never into the real one.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, Request, sync_playwright

import calculators
from benchmarks.early_python import write_variant
from helpcenter.calculator_format import format_value
from helpcenter.precompress import compress
from tools.local_site import CHROMIUM, CHROMIUM_ARGS, build_site, free_port, serving
from tools.slow_network import despite_stalls, throttled_page, wait_until

CALCULATOR_PAGE = "/licence-changes/"
# The same article with the memory snapshot switched off (data-snapshot="off"), to weigh it.
NO_SNAPSHOT_PAGE = "/licence-changes-no-snapshot/"
# The same article with Python's preloads in <head> from the start, as before it waited for the
# article to load (issue 25): the other side of the trade-off between LCP and the first result.
EARLY_PAGE = "/licence-changes-early-python/"
# The same, with fetchpriority="low" on those preloads: the middle way issue 25 proposed.
EARLY_LOW_PAGE = "/licence-changes-early-low-python/"
PLAIN_PAGE = "/service-plan/"
BASELINE_PAGE = "/bench-baseline/"
# Pyodide's own files, as a bare page loads them with plain loadPyodide().
BARE_RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json",
                "python_stdlib.zip")


@dataclass(frozen=True)
class Profile:
    name: str
    down_mbit: float
    up_mbit: float
    rtt_ms: float

    def conditions(self) -> dict[str, Any]:
        return {"offline": False, "latency": self.rtt_ms,
                "downloadThroughput": self.down_mbit * 1e6 / 8,
                "uploadThroughput": self.up_mbit * 1e6 / 8}


PROFILES = (Profile("9 Mbit/s, 150 ms", 9, 1.5, 150), Profile("1.6 Mbit/s, 300 ms", 1.6, 0.75, 300))

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
import { loadPyodide } from "./pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href });
self.postMessage(pyodide.runPython(
  "from decimal import Decimal\\nstr(Decimal('25.00') * 3 + Decimal('0.10'))"));
"""

# Runs before any page script. The reader types a new number of added licences as soon as the
# field exists, while the page is still arriving, as a reader on a slow phone does; a result
# counts only when the calculator shows the figure for the typed value (the prerendered example,
# or a figure for other values, never does).
READER = """
(() => {
  const expected = %s;
  const squash = (text) => text.replace(/[\\s\\u00a0\\u202f]+/g, " ").trim();
  document.addEventListener("calculator:result", (event) => {
    const root = event.target;
    const shown = root.querySelector('[data-result="order_amount"]')?.textContent ?? "";
    if (root.dataset.state === "ready" && squash(shown) === expected) {
      window.__firstResult ??= event.detail.renderedAt;
    }
  }, true);
  if (!location.pathname.startsWith("/licence-changes")) return;
  const typeAsSoonAsItExists = new MutationObserver(() => {
    const input = document.querySelector('[data-calculator="proration"] [name="licences_added"]');
    if (!input) return;
    typeAsSoonAsItExists.disconnect();
    window.__typedAt = performance.now();
    input.value = "4";
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  typeAsSoonAsItExists.observe(document, { childList: true, subtree: true });
})();
"""


class ExampleValues(HTMLParser):
    """The values in the proration form's fields, as the article's HTML has them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.inside = False
        self.values: dict[str, str] = {}
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "section" and "data-calculator" in found:
            self.inside = found["data-calculator"] == "proration"
        elif self.inside and tag == "input" and found.get("name"):
            self.values[str(found["name"])] = found.get("value") or ""


def expected_amount(site: Path) -> str:
    """The order amount for the article's example with 4 licences added, as the Swedish page
    shows it: computed by the calculators package and formatted by the build's Babel."""
    html = (site / CALCULATOR_PAGE.strip("/") / "index.html").read_text(encoding="utf-8")
    values = {**ExampleValues(html).values, "licences_added": "4"}
    outcome = calculators.calculate("proration", values, "sv")
    assert outcome["ok"], outcome
    text = format_value("money", outcome["result"]["order_amount"], "sv")
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


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
    """A copy of the site with the baseline page and its own gzip-only copy of Pyodide."""
    site = work / "site"
    shutil.copytree(built, site)
    runtime = next((site / "assets" / "pyodide").iterdir())
    bench = site / BASELINE_PAGE.strip("/")
    (bench / "pyodide").mkdir(parents=True)
    for name in BARE_RUNTIME:
        data = (runtime / name).read_bytes()
        (bench / "pyodide" / name).write_bytes(data)
        (bench / "pyodide" / f"{name}.gz").write_bytes(compress(data, ".gz"))
    (bench / "index.html").write_text(BASELINE_HTML, encoding="utf-8")
    article = (site / CALCULATOR_PAGE.strip("/") / "index.html").read_text(encoding="utf-8")
    no_snapshot = site / NO_SNAPSHOT_PAGE.strip("/")
    no_snapshot.mkdir()
    (no_snapshot / "index.html").write_text(
        article.replace(" data-check=", ' data-snapshot="off" data-check='), encoding="utf-8")
    for path, variant in ((EARLY_PAGE, "early"), (EARLY_LOW_PAGE, "early-low")):
        write_variant(site / CALCULATOR_PAGE.strip("/") / "index.html", site / path.strip("/"),
                      variant)
    (bench / "baseline.js").write_text(BASELINE_JS, encoding="utf-8")
    (bench / "baseline-worker.js").write_text(BASELINE_WORKER_JS, encoding="utf-8")
    return site


class Wire:
    """Bytes a context received from the network: headers and (encoded) body of each response."""

    def __init__(self, context: BrowserContext) -> None:
        self.requests: list[tuple[str, int]] = []
        context.on("requestfinished", self.count)

    def count(self, request: Request) -> None:
        sizes = request.sizes()
        body = max(0, sizes["responseBodySize"])
        self.requests.append((request.url, body + sizes["responseHeadersSize"] if body else 0))

    def total(self, part: str = "") -> int:
        return sum(size for url, size in self.requests if part in url)


def new_context(browser: Browser, expected: str) -> BrowserContext:
    context = browser.new_context()
    context.add_init_script(READER % json.dumps(expected))
    return context


def first_result(page: Page, url: str) -> float:
    page.goto(url)
    page.wait_for_function("() => window.__firstResult !== undefined", timeout=300_000)
    return float(page.evaluate("window.__firstResult"))


def throttled(browser: Browser, url: str, profile: Profile, expected: str) -> tuple[float, int]:
    """One cold load on the throttled network; loaded again if Chromium's emulation stalls."""
    def load() -> tuple[float, int]:
        context = new_context(browser, expected)
        try:
            wire = Wire(context)
            page, watch = throttled_page(context, profile.conditions())
            page.goto(url, wait_until="commit")
            if not wait_until(page, watch, "() => window.__firstResult !== undefined", None, 300):
                raise SystemExit(f"no first result on {url} after 300 s")
            page.wait_for_timeout(300)  # responses finishing with the result
            return float(page.evaluate("window.__firstResult")), wire.total()
        finally:
            context.close()
    return despite_stalls(load)


def cold_and_warm(browser: Browser, url: str, expected: str) -> tuple[float, float]:
    context = new_context(browser, expected)
    try:
        first = context.new_page()
        cold = first_result(first, url)
        # The reader stays a moment, as readers do: time for the worker to keep its snapshot.
        first.wait_for_timeout(4000)
        first.close()
        warm = first_result(context.new_page(), url)
    finally:
        context.close()
    return cold, warm


def pyodide_bytes_and_fcp(browser: Browser, url: str) -> tuple[int, float]:
    context = browser.new_context()
    try:
        wire = Wire(context)
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_timeout(1500)
        fcp = page.evaluate(
            "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN")
        return wire.total("/assets/pyodide/"), float(fcp)
    finally:
        context.close()


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def interleaved(rounds: int, variants: dict[str, Callable[[], Any]]) -> dict[str, list[Any]]:
    """Each variant once a round, alternating which goes first."""
    results: dict[str, list[Any]] = {name: [] for name in variants}
    for round_number in range(rounds):
        order = list(variants) if round_number % 2 == 0 else list(reversed(variants))
        for name in order:
            results[name].append(variants[name]())
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--rounds", type=int, default=5, help="loopback rounds")
    parser.add_argument("--throttled-rounds", type=int, default=2)
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
        expected = expected_amount(site)
        with serving(site, work / "bench.sqlite3", port) as origin, \
                sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            pages = {"calculator": origin + CALCULATOR_PAGE, "baseline": origin + BASELINE_PAGE}
            network: dict[str, dict[str, list[tuple[float, int]]]] = {}
            for profile in PROFILES:
                network[profile.name] = interleaved(args.throttled_rounds, {
                    name: (lambda u=u, p=profile: throttled(browser, u, p, expected))
                    for name, u in {**pages, "early": origin + EARLY_PAGE,
                                    "early low": origin + EARLY_LOW_PAGE}.items()})
            loopback = interleaved(args.rounds, {
                name: (lambda u=u: cold_and_warm(browser, u, expected))
                for name, u in {**pages, "no snapshot": origin + NO_SNAPSHOT_PAGE}.items()})

            plain_bytes, plain_fcp, calc_fcp = [], [], []
            for _ in range(args.rounds):
                fetched, fcp = pyodide_bytes_and_fcp(browser, origin + PLAIN_PAGE)
                plain_bytes.append(fetched)
                plain_fcp.append(fcp)
                calc_fcp.append(pyodide_bytes_and_fcp(browser, origin + CALCULATOR_PAGE)[1])

            context = new_context(browser, expected)
            page = context.new_page()
            first_result(page, origin + CALCULATOR_PAGE)
            recalculations = page.evaluate(RECALCULATION, args.changes)
            context.close()
            browser.close()

    print("Reader's own first result on a throttled network, cold cache "
          f"(median of {args.throttled_rounds} interleaved rounds, from navigation start)")
    print(f"{'profile':20}{'calculator':>12}{'baseline':>10}{'ratio':>7}{'target':>8}"
          f"{'MB ours':>9}{'MB base':>9}{'target':>8}{'early start':>13}{'ratio':>7}"
          f"{'early, low':>12}{'ratio':>7}")
    for profile in PROFILES:
        ours, base = network[profile.name]["calculator"], network[profile.name]["baseline"]
        t_ours, t_base = median([t for t, _ in ours]), median([t for t, _ in base])
        t_early = median([t for t, _ in network[profile.name]["early"]])
        t_low = median([t for t, _ in network[profile.name]["early low"]])
        b_ours, b_base = median([b for _, b in ours]) / 1e6, median([b for _, b in base]) / 1e6
        fast = profile is PROFILES[0]
        print(f"{profile.name:20}{t_ours / 1000:11.2f}s{t_base / 1000:9.2f}s{t_ours / t_base:7.2f}"
              f"{'≤0.6' if fast else '':>8}{b_ours:9.2f}{b_base:9.2f}{'≤5' if fast else '':>8}"
              f"{t_early / 1000:12.2f}s{t_early / t_base:7.2f}"
              f"{t_low / 1000:11.2f}s{t_low / t_base:7.2f}")
    print("early start: the same article with Python's preloads in <head> from the start; "
          "early, low: the same preloads with fetchpriority=\"low\".")
    print()
    print(f"Loopback, reader's own first result against bare loadPyodide() + one Decimal sum "
          f"(median of {args.rounds} interleaved rounds, ms from navigation start)")
    print(f"{'':12}{'calculator':>12}{'baseline':>12}{'ratio':>8}{'target':>8}"
          f"{'no snapshot':>13}{'ratio':>8}")
    for index, (cache, target) in enumerate((("cold", ""), ("warm", "≤0.5"))):
        ours = median([pair[index] for pair in loopback["calculator"]])
        base = median([pair[index] for pair in loopback["baseline"]])
        plain = median([pair[index] for pair in loopback["no snapshot"]])
        print(f"{cache:12}{ours:12.0f}{base:12.0f}{ours / base:8.2f}{target:>8}"
              f"{plain:13.0f}{plain / base:8.2f}")
    print()
    print(f"Pyodide bytes fetched by {PLAIN_PAGE} (no calculator): max {max(plain_bytes)}")
    print(f"First contentful paint, median: with calculator {median(calc_fcp):.0f} ms, "
          f"without {median(plain_fcp):.0f} ms")
    print(f"Recalculation over {len(recalculations)} input changes: "
          f"median {median(recalculations):.1f} ms, p95 {p95(recalculations):.1f} ms (target < 16)")
    print("Raw:", json.dumps({"throttled": network, "loopback": loopback}))


if __name__ == "__main__":
    main()
