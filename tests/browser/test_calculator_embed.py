"""The ```calculator block an author writes, and the form the build makes of it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import calculator_embed as embed
import pytest
import yaml
from mkdocs.exceptions import PluginError

import calculators

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
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.found if name == tag]


def rendered(body: str, lang: str) -> str:
    block = embed.parse_block(body, SPECS)
    return embed.render(block, SPECS[block.name], lang, UI[lang], RUNTIME)


def test_author_block_is_found_but_a_shown_example_of_the_syntax_is_not() -> None:
    markdown = "\n".join([
        "Intro", "", "````markdown", "```calculator", "name: proration", "```", "````", "",
        "```calculator", "name: spare_licences", "licences: 10", "```", "", "After",
    ])
    blocks = embed.find_blocks(markdown)
    assert [body for _, _, body in blocks] == ["name: spare_licences\nlicences: 10"]
    start, end, _ = blocks[0]
    assert markdown.split("\n")[start:end][0] == "```calculator"
    assert markdown.split("\n")[end - 1] == "```"


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


def test_wrong_block_fails_the_build_naming_the_page() -> None:
    page: Any = SimpleNamespace(file=SimpleNamespace(src_uri="sv/licence-changes.md"), meta={})
    config: Any = SimpleNamespace(plugins={})
    markdown = "Text\n\n```calculator\nname: prorate\n```\n"
    with pytest.raises(PluginError, match=r"sv/licence-changes\.md, line 3: .*'prorate'"):
        embed.on_page_markdown(markdown, page, config, files=None)  # type: ignore[arg-type]


def test_yaml_dates_and_money_become_the_calculators_json_values() -> None:
    block = embed.parse_block(
        "name: proration\nperiod_start: 2026-01-01\nunit_price: 25\nperiod_months: 6", SPECS)
    assert block.defaults == {"period_start": "2026-01-01", "unit_price": "25",
                              "period_months": 6}


@pytest.mark.parametrize("lang", ["sv", "en", "fi"])
def test_form_has_a_labelled_input_per_field_in_the_page_language(lang: str) -> None:
    html = rendered("name: proration\nunit_price: \"25.00\"", lang)
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


def test_each_result_has_its_data_result_element_inside_a_live_region() -> None:
    html = rendered("name: overpayment", "sv")
    parser = Elements(html)
    root = parser.all("section")[0]
    assert root["data-calculator"] == "overpayment"
    assert {a["data-result"] for a in parser.all("output")} == {
        r["name"] for r in SPECS["overpayment"]["results"]}
    live = [a for _, a in parser.found if a.get("aria-live") == "polite"]
    assert len(live) == 1
    assert UI["sv"]["calculator.invoice_authoritative"] in html
    assert UI["sv"]["calculator.loading"] in html
    assert parser.all("textarea")[0]["name"] == "upcoming_invoices"


def test_form_carries_no_inline_script_or_style() -> None:
    html = rendered("name: invoice_quantity", "fi")
    parser = Elements(html)
    assert parser.all("script") == []
    assert all("style" not in attrs and not any(k.startswith("on") for k in attrs)
               for _, attrs in parser.found)
