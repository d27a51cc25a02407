"""Offline tuning aid: dumps, for every query of a set, the units search.js makes of it and each
unit's Pagefind scores per article, so ranking formulas can be compared without a browser.

    python -m tools.search_eval.tune --url http://127.0.0.1:PORT --queries FILE > scores.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tools.local_site import CHROMIUM, CHROMIUM_ARGS
from tools.search_eval import evaluate as evaluation


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--queries", type=Path, default=evaluation.TUNING)
    parser.add_argument("--ranking", type=json.loads, default=None,
                        help='Pagefind ranking options as JSON, e.g. {"termSaturation": 1}')
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for lang, queries in evaluation.load_queries(args.queries).items():
            page.goto(args.url.rstrip("/") + evaluation.LANGUAGE_ROOTS[lang])
            for q in queries:
                units = page.evaluate(
                    "async (q) => (await import(new URL('assets/javascripts/search/search.js',"
                    " document.querySelector('[data-site-search]').dataset.searchRoot"
                    " ? new URL(document.querySelector('[data-site-search]').dataset.searchRoot,"
                    " location.href) : location.href).href)).explain(q.q, q.ranking)",
                    {"q": q.text, "ranking": args.ranking})
                for u in units:
                    u["scores"] = {evaluation.slug_of(url): s for url, s in u["scores"].items()}
                out.append({"lang": lang, "q": q.text, "expect": q.expect, "units": units})
        browser.close()
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
