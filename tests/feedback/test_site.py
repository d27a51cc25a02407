"""The service serves the built site: language 404 pages (precompressed too), WebAssembly, no
directory listings."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest

from tests.support.feedback import TestClient


@pytest.fixture
def site(site_dir: Path) -> Path:
    (site_dir / "en" / "paid-twice").mkdir(parents=True)
    (site_dir / "en" / "paid-twice" / "index.html").write_text("<title>Paid twice</title>")
    (site_dir / "assets" / "pyodide" / "0.29.0").mkdir(parents=True)
    (site_dir / "assets" / "pyodide" / "0.29.0" / "pyodide.asm.wasm").write_bytes(b"\0asm")
    (site_dir / "assets" / "javascripts").mkdir()
    (site_dir / "assets" / "javascripts" / "bundle.a5f9d56c.min.js").write_text("1")
    return site_dir


@pytest.mark.parametrize(("path", "title"), [
    ("/en/no-such-page/", "404 en"),
    ("/fi/ei-ole", "404 fi"),
    ("/ingen-sida/", "Sidan hittades inte"),
    ("/de/nicht/", "Sidan hittades inte"),
])
def test_a_missing_page_gets_the_404_page_of_its_language(
        client: TestClient, site: Path, path: str, title: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert f"<title>{title}</title>" in response.text


@pytest.mark.parametrize(("path", "title"), [
    ("/404.html", "Sidan hittades inte"),
    ("/en/404.html", "404 en"),
    ("/fi/404.html", "404 fi"),
])
def test_a_404_page_asked_for_by_its_file_name_answers_404_so_no_search_engine_indexes_it(
        client: TestClient, site: Path, path: str, title: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert f"<title>{title}</title>" in response.text


@pytest.mark.parametrize(("accept", "encoding"), [
    ("gzip, deflate, br, zstd", "br"),
    ("gzip", "gzip"),
    ("br;q=0, gzip", "gzip"),
    ("identity", None),
])
def test_a_404_page_arrives_precompressed_like_every_other_page(
        client: TestClient, site: Path, accept: str, encoding: str | None) -> None:
    page = (site / "en" / "404.html").read_bytes()
    (site / "en" / "404.html.br").write_bytes(brotli.compress(page))
    (site / "en" / "404.html.gz").write_bytes(gzip.compress(page))
    response = client.get("/en/no-such-page/", headers={"Accept-Encoding": accept})
    assert response.status_code == 404
    assert response.headers.get("content-encoding") == encoding
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.content == page  # httpx decodes br and gzip
    assert response.headers["content-type"].startswith("text/html")


def test_pages_are_served_and_a_directory_without_index_is_not_listed(
        client: TestClient, site: Path) -> None:
    assert client.get("/en/paid-twice/").status_code == 200
    listing = client.get("/assets/pyodide/")
    assert listing.status_code == 404 and "pyodide.asm.wasm" not in listing.text


def test_webassembly_is_served_as_application_wasm(client: TestClient, site: Path) -> None:
    response = client.get("/assets/pyodide/0.29.0/pyodide.asm.wasm")
    assert response.headers["content-type"] == "application/wasm"


def test_html_is_revalidated_and_fingerprinted_files_are_cached_for_good(
        client: TestClient, site: Path) -> None:
    page = client.get("/en/paid-twice/")
    bundle = client.get("/assets/javascripts/bundle.a5f9d56c.min.js")
    wasm = client.get("/assets/pyodide/0.29.0/pyodide.asm.wasm")
    assert page.headers["cache-control"] == "no-cache"
    assert "immutable" in bundle.headers["cache-control"]
    assert "immutable" in wasm.headers["cache-control"]
    assert page.headers["x-content-type-options"] == "nosniff"


def test_files_outside_the_site_cannot_be_reached(client: TestClient, site: Path,
                                                  db: str) -> None:
    response = client.get("/../feedback.sqlite3")
    assert response.status_code == 404
    assert client.get("/%2e%2e/feedback.sqlite3").status_code == 404
