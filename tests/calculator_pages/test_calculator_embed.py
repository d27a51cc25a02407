"""The ```calculator block an author writes, and the form the build makes of it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import markdown
import pytest
import yaml
from babel.numbers import format_currency
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException

import calculators
from helpcenter import calculator_embed as embed
from helpcenter import calculator_format

ROOT = Path(__file__).resolve().parents[2]

SPECS = calculators.specs()
UI = {lang: yaml.safe_load((ROOT / "overrides" / "i18n" / f"{lang}.yml").read_text("utf-8"))
      for lang in ("sv", "en", "fi")}
RUNTIME = embed.Runtime(index_url="../assets/pyodide/1/", stdlib="stdlib.zip",
                        wheel="wheels/x/calculators-1.0.0-py3-none-any.whl",
                        lock='{"info":{},"packages":{}}')


class Elements(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.found if name == tag]


FENCE = embed.CalculatorEmbed()


@pytest.fixture(scope="module")
def config() -> Iterator[Any]:
    """The site's own configuration, with the calculator fence registered as the build does."""
    loaded = load_config(str(ROOT / "mkdocs.yml"))
    FENCE.configure(loaded)
    yield loaded


def page(src_uri: str = "sv/licence-changes.md", url: str = "licence-changes/") -> Any:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url, meta={})


def convert(config: Any, text: str, target: Any | None = None) -> str:
    """Markdown as MkDocs renders a page: the configured extensions, then the build's checks."""
    target = target or page()
    FENCE.start_page(target, "sv", UI["sv"])
    md = markdown.Markdown(extensions=config.markdown_extensions,
                           extension_configs=config.mdx_configs)
    html = md.convert(text)
    return FENCE.finish_page(html, target)


def rendered(config: Any, body: str, lang: str) -> str:
    block = embed.parse_block(body, SPECS)
    return embed.render(FENCE.templates, block, SPECS[block.name], lang, UI[lang], RUNTIME)


def test_a_calculator_block_becomes_the_form_and_a_shown_example_of_the_syntax_does_not(
        config: Any) -> None:
    text = "\n".join(["## Example", "", "Intro", "", "````markdown", "```calculator",
                      "name: proration", "```", "````", "", "```calculator",
                      "name: spare_licences", "licences: 10", "```", "", "After"])
    target = page()
    html = convert(config, text, target)
    assert [a["data-calculator"] for a in Elements(html).all("section")] == ["spare_licences"]
    assert "```calculator\nname: proration" in "".join(Elements(html).text)
    assert target.meta["calculators"] == ["spare_licences"]


@pytest.mark.parametrize("text", [
    '## Example\n\n!!! example "Try it"\n\n    ```calculator\n    name: spare_licences\n    ```\n',
    '## Exempel\n\n=== "Räknare"\n\n    ```calculator\n    name: spare_licences\n    ```\n\n'
    '=== "Text"\n\n    Something else.\n',
    "## Steps\n\n1. First\n\n    ```calculator\n    name: spare_licences\n    ```\n",
])
def test_a_calculator_in_an_admonition_a_content_tab_or_a_list_works(
        config: Any, text: str) -> None:
    html = convert(config, text)
    assert [a["data-calculator"] for a in Elements(html).all("section")] == ["spare_licences"]
    assert "<code" not in html


def test_a_calculator_block_markdown_cannot_read_fails_the_build_instead_of_showing_code(
        config: Any) -> None:
    # Indented more than the admonition's body: Markdown reads an indented code block.
    text = '!!! note\n\n        ```calculator\n        name: spare_licences\n        ```\n'
    with pytest.raises(PluginError, match=r"sv/licence-changes\.md: a ```calculator block"):
        convert(config, text)


@pytest.mark.parametrize(("body", "complaint"), [
    ("name: mortgage", "unknown calculator 'mortgage'"),
    ("licences: 3", "needs `name"),
    ("name: spare_licences\nseats: 3", "has no field seats"),
    ("name: spare_licences\nlicences: -1", "bad default"),
    ("name: proration\nchange_date: 2026-02-30", "not valid YAML"),
    ("name: [unclosed", "not valid YAML"),
])
def test_author_learns_of_a_wrong_block_at_build_time(body: str, complaint: str) -> None:
    with pytest.raises(embed.CalculatorBlockError, match=re.escape(complaint)):
        embed.parse_block(body, SPECS)


def test_a_bad_default_is_explained_with_its_limit_written_out() -> None:
    # The build fills the calculator's message as the page would: no "{max}" left for the author.
    with pytest.raises(embed.CalculatorBlockError, match=re.escape("can be at most 100,000.")):
        embed.parse_block("name: spare_licences\nlicences: 100001", SPECS)


def test_wrong_block_fails_the_build_naming_the_page(config: Any) -> None:
    text = "Text\n\n```calculator\nname: prorate\n```\n"
    with pytest.raises(SuperFencesException, match=r"sv/licence-changes\.md: .*'prorate'"):
        convert(config, text)


def test_yaml_dates_and_money_become_the_calculators_json_values() -> None:
    block = embed.parse_block(
        "name: proration\nperiod_start: 2026-01-01\nunit_price: 25\nperiod_months: 6", SPECS)
    assert block.defaults == {"period_start": "2026-01-01", "unit_price": "25",
                              "period_months": 6}


@pytest.mark.parametrize("lang", ["sv", "en", "fi"])
def test_form_has_a_labelled_input_per_field_in_the_page_language(config: Any, lang: str) -> None:
    html = rendered(config, "name: proration\nunit_price: \"25.00\"", lang)
    parser = Elements(html)
    controls = {a["name"]: a for a in parser.all("input") + parser.all("textarea")}
    labels = {a["for"] for a in parser.all("label")}
    for field in SPECS["proration"]["fields"]:
        control = controls[field["name"]]
        assert control["id"] in labels
        assert f'{control["id"]}-error' in (control["aria-describedby"] or "")
        assert field["label"][lang] in html
    price = controls["unit_price"]
    assert price["value"] == ("25.00" if lang == "en" else "25,00")
    assert price["inputmode"] == "decimal"


def test_a_calculator_outside_a_section_of_the_right_level_fails_the_build(config: Any) -> None:
    text = "# Title\n\n## Section\n\n### Deeper\n\n```calculator\nname: spare_licences\n```\n"
    with pytest.raises(PluginError, match="follows a level-3 heading"):
        convert(config, text)
    assert "<section" in convert(config, text.replace("### Deeper", "Text"))


def test_the_calculator_title_is_a_heading_under_the_articles_section(config: Any) -> None:
    parser = Elements(rendered(config, "name: overpayment", "en"))
    section = parser.all("section")[0]
    heading = parser.all(f"h{embed.HEADING_LEVEL}")
    assert heading and heading[0]["id"] == section["aria-labelledby"]
    assert SPECS["overpayment"]["title"]["en"] in parser.text


def test_the_example_result_is_in_the_page_before_any_script_runs(config: Any) -> None:
    body = ("name: proration\nperiod_start: 2026-01-01\nperiod_months: 6\nchange_date: 2026-03-15\n"
            "licences_current: 10\nlicences_added: 3\nunit_price: \"25.00\"")
    html = rendered(config, body, "fi")
    section = Elements(html).all("section")[0]
    assert section["data-state"] == "prerendered" and "data-prerendered" in section
    amount = re.search(r'data-result="order_amount"[^>]*>([^<]*)<', html)
    assert amount and amount.group(1) == format_currency(
        calculators.run("proration", embed.parse_block(body, SPECS).defaults)["result"][
            "order_amount"], "EUR", locale="fi_FI")
    assert UI["fi"]["calculator.ready"] in html


def test_a_calculator_without_complete_starting_values_waits_for_python(config: Any) -> None:
    html = rendered(config, "name: overpayment", "sv")
    assert Elements(html).all("section")[0]["data-state"] == "loading"
    assert UI["sv"]["calculator.loading"] in html
    assert set(re.findall(r'data-result="[a-z_]+"[^>]*>([^<]*)<', html)) == {embed.NO_RESULT}


def test_only_a_short_summary_is_a_live_region(config: Any) -> None:
    parser = Elements(rendered(config, "name: overpayment", "sv"))
    live = [a for _, a in parser.found if a.get("aria-live") or a.get("role") == "status"]
    assert ["data-summary" in a for a in live if "data-share-status" not in a] == [True]
    assert all("aria-live" not in a for a in parser.all("div"))


def test_form_carries_no_inline_script_or_style(config: Any) -> None:
    html = rendered(config, "name: invoice_quantity", "fi")
    parser = Elements(html)
    assert parser.all("script") == []
    assert all("style" not in attrs and not any(k.startswith("on") for k in attrs)
               for _, attrs in parser.found)


@pytest.mark.parametrize(("lang", "kind", "value", "cldr"), [
    ("de", "money", "1500.5", "1.500,50\u00a0€"),
    ("de", "date", "2026-03-15", "15. März 2026"),
    ("sv", "money", "1500.5", "1\u00a0500,50\u00a0€"),
    ("en", "date", "2026-03-15", "15 March 2026"),
    ("fi", "money_list", ["300", "100"], "300,00\u00a0€, 100,00\u00a0€"),
])
def test_build_time_formatting_follows_cldr_for_any_language_even_one_not_configured(
        lang: str, kind: str, value: Any, cldr: str) -> None:
    """A fourth language (German) needs no formatting rule of its own: CLDR has it."""
    assert calculator_format.format_value(kind, value, lang) == cldr
