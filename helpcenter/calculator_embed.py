"""Calculators in articles: a ```calculator fenced block becomes the calculator's form.

    ```calculator
    name: proration
    period_months: 6
    ```

The body is YAML: `name` plus optional starting values keyed by field name. The block is a
pymdownx.superfences custom fence, so it works wherever Markdown allows a fence (in an admonition,
a content tab, a list). The form is rendered at build time by the Jinja partial
overrides/partials/calculator.html from `calculators.specs()` in the page's language, with the
result for the starting values already computed by the same `calculators` package (in CPython)
and formatted by Babel: the example answer is there at first paint, before any Python loads in
the browser. assets/javascripts/calculators/ takes over when the reader changes an input.
A wrong block fails the build naming the page.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jinja2
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from pymdownx.superfences import SuperFencesException

import calculators
from helpcenter import calculator_format, precompress, pyodide_assets

FENCE = "calculator"
PARTIAL = "partials/calculator.html"
WORKER = "assets/javascripts/calculators/worker.js"
NO_RESULT = "\u2013"  # an en dash until there is a current result
# What a ```calculator block turns into when Markdown does not read it as a fence: an indented
# code block (indented too far), or a fence of an unknown language. A highlighted ````markdown
# example of the syntax is neither.
NOT_READ = ("<code>```calculator", "<code>~~~calculator", 'class="language-calculator"')
# The articles put their worked example, and so the calculator, in a "##" section.
HEADING_LEVEL = 3
# Status lines the script shows, in the page's language.
MESSAGES = ("loading", "loading_progress", "starting", "waiting", "calculating", "ready",
            "example", "fix_errors", "failed", "copied")
INPUT_MODES = {"count": "numeric", "months": "numeric", "money": "decimal", "date": "numeric",
               "money_list": "decimal"}


class CalculatorBlockError(ValueError):
    """A ```calculator block an author must fix."""


@dataclass(frozen=True)
class Block:
    name: str
    defaults: Mapping[str, Any]


def _json_value(kind: str, value: Any) -> Any:
    """YAML's natural reading of a default, as the JSON value the calculator takes."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if kind == "money" and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if kind == "money_list" and isinstance(value, list):
        return [str(item) if isinstance(item, int | float) else item for item in value]
    return value


def parse_block(body: str, specs: Mapping[str, Mapping[str, Any]]) -> Block:
    """Reads and checks one block's YAML body against the calculators' specs."""
    try:
        data = yaml.safe_load(body)
    except (yaml.YAMLError, ValueError) as error:
        raise CalculatorBlockError(f"the block is not valid YAML: {error}") from error
    if not isinstance(data, dict) or "name" not in data:
        raise CalculatorBlockError("the block needs `name: <calculator>`")
    name = data.pop("name")
    if name not in specs:
        raise CalculatorBlockError(
            f"unknown calculator {name!r}; known: {', '.join(sorted(specs))}")
    fields = {str(f["name"]): f for f in specs[name]["fields"]}
    unknown = sorted(str(key) for key in data if key not in fields)
    if unknown:
        raise CalculatorBlockError(
            f"calculator {name!r} has no field {', '.join(unknown)}; fields: {', '.join(fields)}")
    defaults = {key: _json_value(str(fields[key]["kind"]), value) for key, value in data.items()}
    outcome: dict[str, Any] = calculators.calculate(name, defaults)
    if not outcome["ok"]:
        wrong = [error for error in outcome["errors"]
                 if error["field"] in defaults or (error["field"] is None and defaults)]
        if wrong:
            details = "; ".join(f"{e['field']}: {calculator_format.message(e, 'en')}"
                                for e in wrong)
            raise CalculatorBlockError(f"bad default for calculator {name!r}: {details}")
    return Block(name, defaults)


@dataclass(frozen=True)
class Runtime:
    """Where the page finds Pyodide, the wheel and the trimmed standard library; the lock that
    names the wheel and its sha256."""

    index_url: str
    stdlib: str
    wheel: str
    lock: str
    wheel_integrity: str = ""
    check: str = ""
    # What the worker downloads, relative to index_url, with the bytes each costs by encoding:
    # the reader's progress is counted against it (JSON).
    downloads: str = "[]"

    def files(self) -> dict[str, str]:
        """What Python needs from the runtime folder, by URL relative to it."""
        return {"loader": "pyodide.mjs", "runtime": "pyodide.asm.mjs", "wasm": "pyodide.asm.wasm",
                "stdlib": self.stdlib, "wheel": self.wheel}

    def head_links(self) -> dict[str, str]:
        """What a calculator page starts downloading from its <head>, by URL relative to it."""
        return {key: self.index_url + name for key, name in self.files().items()}


# A calculation whose answer the build knows: Python in the browser must give exactly this JSON
# before a restored memory snapshot is trusted (worker.js).
KNOWN_ANSWER = ("proration", {"period_start": "2026-01-01", "period_months": 6,
                              "change_date": "2026-03-15", "licences_current": 10,
                              "licences_added": 3, "licences_removed": 1, "unit_price": "25.00"})


def known_answer() -> str:
    name, inputs = KNOWN_ANSWER
    expected = calculators.calculate_json(name, json.dumps(inputs))
    return json.dumps({"name": name, "inputs": inputs, "expected": expected},
                      separators=(",", ":"), ensure_ascii=False)


def downloads(runtime: Runtime, sources: Mapping[str, Path]) -> str:
    """Each file the worker fetches, with its size and its bytes on the wire per encoding."""
    names = list(runtime.files().values())
    measured = precompress.served_sizes_of([sources[name] for name in names])
    files = [{"url": name, "size": sizes["identity"],
              **{k: v for k, v in sizes.items() if k != "identity"}}
             for name, sizes in zip(names, measured, strict=True)]
    return json.dumps(files, separators=(",", ":"))


def site_runtime() -> Runtime:
    """The runtime as the site root sees it; the same for every page of one build."""
    assets = pyodide_assets.prepare()
    runtime = Runtime(
        index_url=assets.directory,
        stdlib=assets.stdlib,
        wheel=assets.wheel,
        lock=assets.lock,
        wheel_integrity=assets.wheel_integrity,
        check=known_answer(),
    )
    return replace(runtime, downloads=downloads(runtime, pyodide_assets.sources(assets)))


def view(block: Block, spec: Mapping[str, Any], lang: str, number: int = 1) -> dict[str, Any]:
    """Everything the partial shows of one calculator, in the page's language.

    The result for the starting values comes from `calculators.calculate`, the code the browser
    runs, formatted by Babel as the page's Intl formats it; `prerendered` is False when the
    starting values leave a required field empty.
    """
    name = block.name
    prefix = f"calculator-{name}" if number == 1 else f"calculator-{name}-{number}"
    values = {str(f["name"]): block.defaults.get(str(f["name"]), f["default"])
              for f in spec["fields"]}
    outcome: dict[str, Any] = calculators.calculate(
        name, {k: v for k, v in values.items() if v is not None})
    ok = bool(outcome["ok"])
    result: Mapping[str, Any] = outcome.get("result", {}) if ok else {}
    explained: Mapping[str, Any] = outcome.get("explanation", {}) if ok else {}
    fields = [{
        "name": str(f["name"]),
        "id": f"{prefix}-{f['name']}",
        "kind": str(f["kind"]),
        "label": f["label"][lang],
        "help": f["help"][lang],
        "required": bool(f["required"]),
        "value": calculator_format.format_input(str(f["kind"]), values[str(f["name"])], lang),
        "inputmode": INPUT_MODES[str(f["kind"])],
    } for f in spec["fields"]]
    results = []
    for r in spec["results"]:
        key = str(r["name"])
        value = result.get(key)
        results.append({
            "name": key,
            "kind": str(r["kind"]),
            "label": r["label"][lang],
            "value": NO_RESULT if value is None else calculator_format.format_value(
                str(r["kind"]), value, lang),
            "explanation": calculator_format.explanation(explained[key], lang)
            if explained.get(key) else "",
        })
    return {"name": name, "prefix": prefix, "title": spec["title"][lang],
            "description": spec["description"][lang], "fields": fields, "results": results,
            "prerendered": ok}


class SectionLevels(HTMLParser):
    """The level of the last heading before each calculator, to keep the outline a tree."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.last = 1
        self.before_calculators: list[tuple[str, int]] = []
        self.inside = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "section" and "data-calculator" in found:
            self.before_calculators.append((str(found["data-calculator"]), self.last))
            self.inside += 1
        elif tag == "section" and self.inside:
            self.inside += 1
        elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456" and not self.inside:
            self.last = int(tag[1])

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self.inside:
            self.inside -= 1


@dataclass
class PageState:
    """What the fence formatter needs to know about the page being rendered."""

    src_uri: str
    lang: str
    ui: Mapping[str, str]
    runtime: Runtime
    counts: dict[str, int] = field(default_factory=dict)


def templates_of(config: MkDocsConfig) -> jinja2.Environment:
    """The theme's templates (custom_dir first), autoescaped: every value in the form is text."""
    return jinja2.Environment(loader=config.theme.get_env().loader, autoescape=True,
                              undefined=jinja2.StrictUndefined)


def render(templates: jinja2.Environment, block: Block, spec: Mapping[str, Any], lang: str,
           ui: Mapping[str, str], runtime: Runtime, number: int = 1) -> str:
    """The calculator's HTML: heading, form, results, status and share link."""
    return templates.get_template(PARTIAL).render(
        calc=view(block, spec, lang, number), ui=ui, lang=lang, runtime=runtime,
        heading_level=HEADING_LEVEL, format_locale=calculator_format.format_locale(lang),
        messages=calculator_format.status_messages({key: ui[f"calculator.{key}"]
                                                    for key in MESSAGES}))


class CalculatorEmbed:
    """The ```calculator fence of one build: registered with pymdownx.superfences, it renders
    each block with what it knows of the page being converted."""

    def __init__(self) -> None:
        self._templates: jinja2.Environment | None = None
        # Worked out once per build, not per page: it hashes calculators/ and reads the lock
        # file, which at thousands of pages cost seconds.
        self._site_runtime: Runtime | None = None
        self._page: PageState | None = None

    def configure(self, config: MkDocsConfig) -> None:
        """Registers the fence and loads the theme's templates (on every language's on_config)."""
        if "pymdownx.superfences" not in config.markdown_extensions:
            raise PluginError("```calculator blocks need pymdownx.superfences")
        settings = config.mdx_configs.setdefault("pymdownx.superfences", {})
        fences = [f for f in settings.get("custom_fences", []) if f.get("name") != FENCE]
        fences.append({"name": FENCE, "class": FENCE, "format": self.fence_format})
        settings["custom_fences"] = fences
        self._templates = templates_of(config)

    @property
    def templates(self) -> jinja2.Environment:
        if self._templates is None:
            raise PluginError("the calculator fence is used before the build's on_config")
        return self._templates

    def reset(self) -> None:
        """`mkdocs serve` rebuilds after an edit to calculators/: work the runtime out again."""
        self._site_runtime = None

    def runtime_for(self, page_url: str) -> Runtime:
        if self._site_runtime is None:
            self._site_runtime = site_runtime()
        return replace(self._site_runtime, index_url=get_relative_url(
            self._site_runtime.index_url, page_url).rstrip("/") + "/")

    def start_page(self, page: Page, lang: str, ui: Mapping[str, str]) -> None:
        """Before the page's Markdown is converted."""
        self._page = PageState(page.file.src_uri, lang, ui, self.runtime_for(page.url))

    def fence_format(self, source: str, language: str, css_class: str,
                     options: Mapping[str, Any], md: Any, **kwargs: Any) -> str:
        """pymdownx.superfences' formatter for ```calculator blocks."""
        state = self._page
        if state is None:
            raise SuperFencesException("a ```calculator block outside a page build")
        specs = calculators.specs()
        try:
            block = parse_block(source, specs)
        except CalculatorBlockError as error:
            # SuperFencesException, because superfences turns other errors into a plain code
            # block.
            raise SuperFencesException(
                f"{state.src_uri}: ```calculator block: {error}") from error
        number = state.counts[block.name] = state.counts.get(block.name, 0) + 1
        return render(self.templates, block, specs[block.name], state.lang, state.ui,
                      state.runtime, number)

    def finish_page(self, html: str, page: Page) -> str:
        """Records which calculators the page has, for the <head> (overrides/main.html); a block
        that Markdown did not read as a calculator (say, indented wrongly) fails the build."""
        state, self._page = self._page, None
        if any(sign in html for sign in NOT_READ):
            raise PluginError(
                f"{page.file.src_uri}: a ```calculator block was rendered as code; check that it "
                "is indented like the block (admonition, tab or list) it belongs to")
        counts = state.counts if state else {}
        # Only a page with a calculator has an outline to check: parsing every page cost
        # seconds.
        for name, level in SectionLevels(html).before_calculators if counts else ():
            if level != HEADING_LEVEL - 1:
                raise PluginError(
                    f"{page.file.src_uri}: calculator {name!r} follows a level-{level} heading; "
                    f"its title is a level-{HEADING_LEVEL} heading, so put it in a "
                    f"{'#' * (HEADING_LEVEL - 1)} section")
        page.meta["calculators"] = sorted(counts)
        if counts and state is not None:
            runtime = state.runtime
            # The preloads calculators.js puts into <head> when it starts Python.
            page.meta["calculator_runtime"] = {
                "worker": get_relative_url(WORKER, page.url),
                "preload": runtime.head_links(), "wheel_integrity": runtime.wheel_integrity,
            }
        return html
