"""Reading the built site the way a crawler does: pages, their links, ids and alternates."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CATALOGUE = ROOT / "overrides" / "i18n"
LANGUAGES = ("sv", "en", "fi")
DEFAULT = "sv"
TOPICS = ("licences", "subscription", "payments", "cancelling")
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class ParsedPage:
    lang: str = ""
    ids: set[str] = field(default_factory=set)
    elements: list[Element] = field(default_factory=list)

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e for e in self.elements
            if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def with_class(self, tag: str, css_class: str) -> list[Element]:
        return [
            e for e in self.elements
            if e.tag == tag and css_class in e.attrs.get("class", "").split()
        ]

    def hreflang_links(self) -> dict[str, str]:
        return {
            e.attrs["hreflang"]: e.attrs["href"]
            for e in self.find("link", rel="alternate")
            if "hreflang" in e.attrs
        }


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        if tag == "html":
            self.page.lang = element.attrs.get("lang", "")
        for key in ("id", "name"):
            if key in element.attrs and (key == "id" or tag == "a"):
                self.page.ids.add(element.attrs[key])
        self.page.elements.append(element)
        if tag in ("a", "h1", "h2", "h3", "title", "p", "li", "button"):
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i].tag == tag:
                del self.open[i:]
                break

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def parse(path: Path) -> ParsedPage:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    for element in parser.page.elements:
        element.text = normalise(element.text)
    return parser.page


def html_pages(site: Path) -> list[Path]:
    """Every built page (Material's and Pyodide's asset folders hold no pages)."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "assets")


def url_path(site: Path, page: Path) -> str:
    """The URL path a built file is served at: "/", "/en/paid-twice/", "/fi/404.html"."""
    rel = page.relative_to(site).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def file_for(site: Path, path: str) -> Path | None:
    """The built file a URL path resolves to, as a static server would find it."""
    target = site / unquote(path).lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def language_of(path: str) -> str:
    first = path.strip("/").split("/")[0]
    return first if first in LANGUAGES and first != DEFAULT else DEFAULT


def page_path(lang: str, slug: str) -> str:
    prefix = "" if lang == DEFAULT else f"{lang}/"
    return "/" + prefix + (f"{slug}/" if slug else "")


def site_origin(site: Path) -> str:
    """scheme://host:port of site_url, which the build used for absolute URLs."""
    tree = ElementTree.parse(site / "sitemap.xml")
    first = tree.getroot().find("s:url/s:loc", SITEMAP_NS)
    assert first is not None and first.text
    parts = urlsplit(first.text)
    return f"{parts.scheme}://{parts.netloc}"


def sitemap(site: Path) -> dict[str, dict[str, str]]:
    """{page URL: {hreflang: URL}} from sitemap.xml."""
    tree = ElementTree.parse(site / "sitemap.xml")
    result: dict[str, dict[str, str]] = {}
    for url in tree.getroot().findall("s:url", SITEMAP_NS):
        loc = url.find("s:loc", SITEMAP_NS)
        assert loc is not None and loc.text
        result[loc.text] = {
            link.attrib["hreflang"]: link.attrib["href"]
            for link in url.findall("x:link", SITEMAP_NS)
        }
    return result


def resolve(page_url: str, href: str) -> str:
    """An href as a URL path (and fragment), resolved against the page's URL path."""
    parts = urlsplit(href)
    path = parts.path
    if not path:
        path = page_url
    elif not path.startswith("/"):
        base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
        joined = posixpath.normpath(posixpath.join(base, path))
        path = joined + ("/" if path.endswith("/") and not joined.endswith("/") else "")
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def front_matter(lang: str, slug: str) -> dict[str, Any]:
    text = (DOCS / lang / f"{slug or 'index'}.md").read_text(encoding="utf-8")
    match = re.match(r"^---\s*\n(.*?)\n---\s*\n", text, re.S)
    return dict(yaml.safe_load(match.group(1))) if match else {}


def articles(lang: str) -> dict[str, dict[str, Any]]:
    """Front matter of the articles (pages with a `topic`) of a language, by slug."""
    found = {p.stem: front_matter(lang, p.stem) for p in sorted((DOCS / lang).glob("*.md"))}
    return {slug: meta for slug, meta in found.items() if "topic" in meta}


@cache
def catalogue(lang: str) -> dict[str, str]:
    """A language's UI catalogue (overrides/i18n/<lang>.yml): the one reader the tests share."""
    data = yaml.safe_load((CATALOGUE / f"{lang}.yml").read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


def material_string(lang: str, key: str) -> str:
    """A string of Material's own UI translation for a language (e.g. "select.language")."""
    import material

    source = Path(material.__file__).parent / "templates" / "partials" / "languages"
    text = (source / f"{lang}.html").read_text(encoding="utf-8")
    match = re.search(rf'"{re.escape(key)}":\s*"([^"]*)"', text)
    assert match, f"Material has no {key} in {lang}"
    return match.group(1)
