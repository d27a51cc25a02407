"""The feedback service sends the site with a strict CSP and the right caching headers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from helpcenter_server.web.headers import content_security_policy, load_script_hashes
from tests.support.quality import Response, fetch

IMMUTABLE = "public, max-age=31536000, immutable"
PRIVATE_REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin",
                             "strict-origin-when-cross-origin"}


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name.lower()] = sources
    return directives


def only_file(site: Path, pattern: str) -> str:
    matches = sorted(site.glob(pattern))
    assert matches, f"the built site has no file matching {pattern}"
    return "/" + matches[0].relative_to(site).as_posix()


@pytest.fixture(scope="module")
def responses(built_site: Path, live_server: Any) -> dict[str, Response]:
    """One response of each kind the site serves."""
    urls = {
        "home page": "/",
        "article": "/en/paid-twice/",
        "missing page": "/fi/no-such-page/",
        "API error": "/api/no-such-endpoint",
        "Material bundle": only_file(built_site, "assets/javascripts/bundle.*.min.js"),
        "Material stylesheet": only_file(built_site, "assets/stylesheets/main.*.min.css"),
        "search worker": only_file(built_site, "assets/javascripts/workers/search.*.min.js"),
        "site script": "/assets/javascripts/feedback/feedback.js",
        "Pyodide wasm": only_file(built_site, "assets/pyodide/*/pyodide.asm.wasm"),
        "Pyodide loader": only_file(built_site, "assets/pyodide/*/pyodide.mjs"),
    }
    return {kind: fetch(live_server.url + url) for kind, url in urls.items()}


def test_every_response_carries_the_content_security_policy(
    responses: dict[str, Response],
) -> None:
    for kind, response in responses.items():
        assert "content-security-policy" in response.headers, kind
        assert response.headers["content-security-policy"] == responses["home page"].headers[
            "content-security-policy"], kind


def test_csp_allows_only_the_sites_own_files_webassembly_and_materials_inline_scripts(
    responses: dict[str, Response], built_site: Path,
) -> None:
    csp = csp_directives(responses["article"].headers["content-security-policy"])
    assert csp["default-src"] == ["'self'"]
    own, hashes = csp["script-src"][:2], csp["script-src"][2:]
    assert own == ["'self'", "'wasm-unsafe-eval'"]
    # Exactly the hashes of the inline scripts the build found, all of them Material's.
    assert hashes and hashes == list(load_script_hashes(built_site))
    assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", h) for h in hashes)
    assert csp["worker-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"]
    assert sorted(csp["img-src"]) == ["'self'", "data:"]
    assert csp["style-src"] == ["'self'"]
    assert csp["font-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    every_source = [source for sources in csp.values() for source in sources]
    for forbidden in ("'unsafe-eval'", "'unsafe-inline'", "*", "http:", "https:", "blob:"):
        assert forbidden not in every_source


def test_csp_lets_the_page_post_votes_to_a_feedback_endpoint_on_another_origin() -> None:
    csp = csp_directives(content_security_policy(["https://feedback.example.com"]))
    assert csp["connect-src"] == ["'self'", "https://feedback.example.com"]
    assert csp["default-src"] == ["'self'"]


def test_every_response_forbids_mime_sniffing_and_cross_origin_referrers(
    responses: dict[str, Response],
) -> None:
    for kind, response in responses.items():
        assert response.headers.get("x-content-type-options") == "nosniff", kind
        assert response.headers.get("referrer-policy") in PRIVATE_REFERRER_POLICIES, kind


def test_webassembly_is_served_as_application_wasm(responses: dict[str, Response]) -> None:
    wasm = responses["Pyodide wasm"]
    assert wasm.status == 200
    assert wasm.headers["content-type"] == "application/wasm"
    assert wasm.body[:4] == b"\0asm"


def test_fingerprinted_assets_are_cached_for_a_year(responses: dict[str, Response]) -> None:
    for kind in ("Material bundle", "Material stylesheet", "search worker", "Pyodide wasm",
                 "Pyodide loader"):
        assert responses[kind].status == 200, kind
        assert responses[kind].headers.get("cache-control") == IMMUTABLE, kind


def test_pages_and_unversioned_assets_are_revalidated(responses: dict[str, Response]) -> None:
    for kind in ("home page", "article", "missing page", "site script"):
        cache_control = responses[kind].headers.get("cache-control", "")
        assert re.search(r"\bno-cache\b|\bno-store\b|\bmax-age=0\b", cache_control), kind
        assert "immutable" not in cache_control, kind
    assert responses["missing page"].status == 404
    assert responses["home page"].headers["content-type"].startswith("text/html")
