"""The calculator article as it would be if Python did not wait for the article (issue 25).

A calculator page carries Python's preloads in a <template>
(overrides/partials/calculator-head.html) that calculators.js moves into <head> once the page has
loaded. The variants put them in <head>
from the start: "early" as they are (high priority, as before issue 25) and "early-low" with
fetchpriority="low". Both benchmarks measure them beside the real page: `make bench` for the
reader's own first result, `make lighthouse PAGES=…,calculator-early,calculator-early-low` for the
paint. Each variant is written beside the article with the build's own precompressed copies, so it
weighs on the wire what the real page weighs.
"""

from __future__ import annotations

from pathlib import Path

from helpcenter.precompress import precompress_file

TEMPLATE = ("<template data-calculator-preloads>", "</template>")
VARIANTS = ("early", "early-low")


def _variant_html(article: str, variant: str) -> str:
    start, end = TEMPLATE
    begin = article.index(start) + len(start)
    preloads = article[begin:article.index(end, begin)]
    if variant == "early-low":
        preloads = preloads.replace("<link ", '<link fetchpriority="low" ')
    return article.replace("</head>", preloads + "</head>", 1)


def write_variant(article_page: Path, folder: Path, variant: str) -> Path:
    """`folder`/index.html: the article at `article_page` (an index.html) as `variant`, with its
    .br and .gz beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "index.html"
    page.write_text(_variant_html(article_page.read_text(encoding="utf-8"), variant),
                    encoding="utf-8")
    precompress_file(page)
    return page
