"""Calculators in articles: a ```calculator fenced block becomes the calculator's form.

    ```calculator
    name: proration
    period_months: 6
    ```

The body is YAML: `name` plus optional default values keyed by field name. The form is rendered at
build time from `calculators.specs()` in the page's language, so it is readable before Python
loads; assets/javascripts/calculators/ brings it to life. A wrong block fails the build with the
page's name, so an author learns of it at build time.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from html import escape
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pyodide_assets  # noqa: E402
from ui_catalogue import current_locale, strings  # noqa: E402

import calculators  # noqa: E402

FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^\s`]*)")
PLACEHOLDER = '<div class="calculator-slot" data-calculator-slot="{index}"></div>'
PLACEHOLDER_RE = re.compile(
    r'(?:<p>)?<div class="calculator-slot" data-calculator-slot="(\d+)"></div>(?:</p>)?')
DATE_PLACEHOLDER_KEY = "calculator.date_placeholder"
NO_RESULT = "\u2013"  # an en dash until there is a current result


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
    fields = {str(field["name"]): field for field in specs[name]["fields"]}
    unknown = sorted(str(key) for key in data if key not in fields)
    if unknown:
        raise CalculatorBlockError(
            f"calculator {name!r} has no field {', '.join(unknown)}; fields: {', '.join(fields)}")
    defaults = {key: _json_value(str(fields[key]["kind"]), value) for key, value in data.items()}
    outcome = calculators.run(name, defaults)
    if not outcome["ok"]:
        wrong = [error for error in outcome["errors"]
                 if error["field"] in defaults or (error["field"] is None and defaults)]
        if wrong:
            details = "; ".join(f"{e['field']}: {e['message']['en']}" for e in wrong)
            raise CalculatorBlockError(f"bad default for calculator {name!r}: {details}")
    return Block(name, defaults)


def find_blocks(markdown: str) -> list[tuple[int, int, str]]:
    """(first line, line after the closing fence, body) of each top-level ```calculator block.

    Fences of other languages are skipped whole, so an article may show the syntax itself.
    """
    lines = markdown.split("\n")
    found: list[tuple[int, int, str]] = []
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        fence = match["fence"]
        end = index + 1
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        if match["info"] == "calculator":
            found.append((index, min(end + 1, len(lines)), "\n".join(lines[index + 1:end])))
        index = end + 1
    return found


def _display_value(kind: str, value: Any, locale: str) -> str:
    """A default as a reader types it: decimal comma in Swedish and Finnish."""
    if value is None:
        return ""
    if kind == "money_list" and isinstance(value, list):
        return "\n".join(_display_value("money", item, locale) for item in value)
    if kind == "money":
        try:
            text = f"{Decimal(str(value)):.2f}"
        except InvalidOperation:
            return str(value)
        return text.replace(".", ",") if locale in ("sv", "fi") else text
    return str(value)


def _attrs(**attributes: str | None) -> str:
    return "".join(f' {key.rstrip("_").replace("_", "-")}="{escape(value)}"'
                   for key, value in attributes.items() if value is not None)


# Status lines the script shows, in the page's language.
MESSAGES = ("calculating", "ready", "fix_errors", "failed", "copied", "line")
INPUT_MODES = {"count": "numeric", "months": "numeric", "money": "decimal", "date": "numeric"}


def _field_html(spec: Mapping[str, Any], prefix: str, value: Any, locale: str,
                ui: Mapping[str, str]) -> str:
    name = str(spec["name"])
    kind = str(spec["kind"])
    ident = f"{prefix}-{name}"
    label = escape(spec["label"][locale])
    help_text = escape(spec["help"][locale])
    shown = _display_value(kind, value, locale)
    common = _attrs(id=ident, name=name, aria_describedby=f"{ident}-help {ident}-error",
                    data_kind=kind)
    if kind == "money_list":
        control = (f'<textarea{common} rows="3" spellcheck="false" inputmode="decimal">'
                   f"{escape(shown)}</textarea>")
        help_text += " " + escape(ui["calculator.one_per_line"])
    else:
        placeholder = ui[DATE_PLACEHOLDER_KEY] if kind == "date" else None
        control = (f'<input{common}{_attrs(type="text", inputmode=INPUT_MODES[kind])}'
                   f'{_attrs(value=shown, placeholder=placeholder, autocomplete="off")}'
                   f'{" required" if spec["required"] else ""}>')
    optional = "" if spec["required"] else (
        f' <span class="calculator__optional">({escape(ui["calculator.optional"])})</span>')
    return (f'<div class="calculator__field" data-field="{escape(name)}">'
            f'<label for="{ident}">{label}{optional}</label>{control}'
            f'<p class="calculator__help" id="{ident}-help">{help_text}</p>'
            f'<p class="calculator__error" id="{ident}-error" data-error-for="{escape(name)}"></p>'
            f"</div>")


def _result_html(spec: Mapping[str, Any], prefix: str, locale: str) -> str:
    name = escape(str(spec["name"]))
    return (f'<div class="calculator__result" data-result-row="{name}">'
            f'<dt id="{prefix}-result-{name}">{escape(spec["label"][locale])}</dt>'
            f'<dd><output data-result="{name}" data-kind="{escape(str(spec["kind"]))}" '
            f'aria-labelledby="{prefix}-result-{name}">{NO_RESULT}</output>'
            f'<span class="calculator__explain" data-explain="{name}"></span></dd></div>')


@dataclass(frozen=True)
class Runtime:
    """Where the page finds Pyodide, the wheel and the trimmed standard library."""

    index_url: str
    stdlib: str
    wheel: str
    lock: str


def render(block: Block, spec: Mapping[str, Any], locale: str, ui: Mapping[str, str],
           runtime: Runtime, number: int = 1) -> str:
    """The calculator's HTML: form, results region, status line and share link."""
    name = block.name
    prefix = f"calculator-{name}" if number == 1 else f"calculator-{name}-{number}"
    values = {str(f["name"]): block.defaults.get(str(f["name"]), f["default"])
              for f in spec["fields"]}
    fields = "".join(_field_html(f, prefix, values[str(f["name"])], locale, ui)
                     for f in spec["fields"])
    results = "".join(_result_html(r, prefix, locale) for r in spec["results"])
    root = _attrs(id=prefix, class_="calculator", data_calculator=name, data_lang=locale,
                  aria_labelledby=f"{prefix}-title", data_pyodide=runtime.index_url,
                  data_stdlib=runtime.stdlib, data_wheel=runtime.wheel,
                  data_lock=runtime.lock, data_state="loading",
                  **{f"data_msg_{key}": ui[f"calculator.{key}"] for key in MESSAGES})
    return (
        f"<section{root}>"
        f'<p class="calculator__title" id="{prefix}-title">{escape(spec["title"][locale])}</p>'
        f'<p class="calculator__description">{escape(spec["description"][locale])}</p>'
        f'<form class="calculator__form" novalidate{_attrs(aria_labelledby=f"{prefix}-title")}>'
        f"{fields}"
        f'<p class="calculator__error calculator__error--form" data-error-for=""></p>'
        "</form>"
        f'<div class="calculator__output" aria-live="polite">'
        f'<p class="calculator__status" data-status>{escape(ui["calculator.loading"])}</p>'
        f'<dl class="calculator__results">{results}</dl>'
        "</div>"
        f'<p class="calculator__note">{escape(ui["calculator.invoice_authoritative"])}</p>'
        f'<p class="calculator__share"><a data-share-link href="#{prefix}">'
        f'{escape(ui["calculator.share_link"])}</a> '
        f'<button type="button" class="md-button" data-share-copy>'
        f'{escape(ui["calculator.copy_link"])}</button>'
        f'<span class="calculator__copied" data-share-status role="status"></span></p>'
        "</section>"
    )


_rendered: dict[str, list[str]] = {}
_runtimes: dict[str, Runtime] = {}
SCRIPT = "assets/javascripts/calculators/calculators.js"
CHARSET = re.compile(r"<meta charset=[^>]*>")


def _runtime(page: Page) -> Runtime:
    assets = pyodide_assets.prepare()
    lock = json.loads((pyodide_assets.PYODIDE_DIR / "pyodide-lock.json").read_text("utf-8"))
    return Runtime(
        index_url=get_relative_url(assets.directory, page.url).rstrip("/") + "/",
        stdlib=assets.stdlib,
        wheel=assets.wheel,
        lock=json.dumps({"info": lock["info"], "packages": {}}, separators=(",", ":")),
    )


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    blocks = find_blocks(markdown)
    key = page.file.src_uri
    _rendered.pop(key, None)
    _runtimes.pop(key, None)
    if not blocks:
        return markdown
    locale = current_locale(config)
    ui = strings(config)
    specs = calculators.specs()
    parsed: list[Block] = []
    for start, _end, body in blocks:
        try:
            parsed.append(parse_block(body, specs))
        except CalculatorBlockError as error:
            raise PluginError(
                f"{page.file.src_uri}, line {start + 1}: ```calculator block: {error}") from error
    runtime = _runtime(page)
    lines = markdown.split("\n")
    html: list[str] = []
    counts: dict[str, int] = {}
    for block in parsed:
        counts[block.name] = counts.get(block.name, 0) + 1
        html.append(render(block, specs[block.name], locale, ui, runtime, counts[block.name]))
    for index, (start, end, _body) in reversed(list(enumerate(blocks))):
        lines[start:end] = ["", PLACEHOLDER.format(index=index), ""]
    _rendered[key] = html
    _runtimes[key] = runtime
    page.meta["calculators"] = list(counts)
    return "\n".join(lines)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    rendered = _rendered.pop(page.file.src_uri, None)
    if not rendered:
        return html
    return PLACEHOLDER_RE.sub(lambda m: rendered[int(m.group(1))], html)


def early_start_tag(runtime: Runtime, script_url: str) -> str:
    """An async module script at the top of <head>: it runs as soon as it arrives, before the page
    has finished parsing, and starts Pyodide. It is the same module the page loads at the end of
    <body> (extra_javascript), so the browser runs it once."""
    return (f'<script type="module" async{_attrs(src=script_url)} data-calculator-runtime'
            f"{_attrs(data_pyodide=runtime.index_url, data_stdlib=runtime.stdlib)}"
            f"{_attrs(data_wheel=runtime.wheel, data_lock=runtime.lock)}></script>")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    runtime = _runtimes.pop(page.file.src_uri, None)
    if runtime is None:
        return output
    tag = early_start_tag(runtime, get_relative_url(SCRIPT, page.url))
    charset = CHARSET.search(output)
    if charset is None:
        return output.replace("</head>", tag + "</head>", 1)
    return output[:charset.end()] + tag + output[charset.end():]
