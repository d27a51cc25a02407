"""Every link in every built page leads somewhere, and no page asks another origin for anything."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from tests.support.site_html import file_for, html_pages, parse, resolve, site_origin, url_path

SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")
# Elements whose URL the browser fetches by itself (as opposed to links a reader may follow).
REQUESTING = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
              ("video", "src"), ("audio", "src")}
REQUESTING_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "modulepreload",
                        "manifest", "dns-prefetch"}


def urls(site: Path, page: Path) -> list[tuple[str, str, str]]:
    """(tag, attribute, URL) of every href/src in a page."""
    return [
        (element.tag, attr, element.attrs[attr])
        for element in parse(page).elements
        for attr in ("href", "src")
        if attr in element.attrs
    ]


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    origin = site_origin(built_site)
    broken = []
    checked = 0
    for page in html_pages(built_site):
        here = url_path(built_site, page)
        for tag, attr, url in urls(built_site, page):
            if url.startswith(SKIPPED_SCHEMES) or url == "":
                continue
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                if f"{parts.scheme}://{parts.netloc}" != origin:
                    continue
                url = url[len(origin):] or "/"
            target = resolve(here, url)
            path, _, fragment = target.partition("#")
            found = file_for(built_site, path)
            checked += 1
            if found is None:
                broken.append(f"{here}: <{tag} {attr}={url!r}> -> {path} does not exist")
            elif fragment and found.suffix == ".html" and fragment not in parse(found).ids:
                broken.append(f"{here}: <{tag} {attr}={url!r}> -> no id {fragment!r} in {path}")
    assert checked > 100
    assert broken == []


def test_pages_request_nothing_from_another_origin(built_site: Path) -> None:
    origin = site_origin(built_site)
    foreign = []
    for page in html_pages(built_site):
        for element in parse(page).elements:
            rels = set(element.attrs.get("rel", "").split())
            for attr in ("href", "src"):
                url = element.attrs.get(attr, "")
                requested = (element.tag, attr) in REQUESTING or (
                    element.tag == "link" and rels & REQUESTING_LINK_RELS
                )
                parts = urlsplit(url)
                if requested and parts.netloc and f"{parts.scheme}://{parts.netloc}" != origin:
                    foreign.append(f"{url_path(built_site, page)}: <{element.tag} {attr}={url}>")
    assert foreign == []


def test_no_page_or_stylesheet_loads_google_fonts(built_site: Path) -> None:
    offenders = [
        str(path.relative_to(built_site))
        for path in built_site.rglob("*")
        if path.suffix in (".html", ".css") and path.is_file()
        and ("fonts.googleapis" in (text := path.read_text(encoding="utf-8", errors="replace"))
             or "fonts.gstatic" in text)
    ]
    assert offenders == []
