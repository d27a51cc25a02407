"""A reader's browser gets every text file brotli- or gzip-compressed, made once at build time.

The variants sit beside the originals (`x.br`, `x.gz`), so the feedback service and nginx's
`brotli_static`/`gzip_static` serve the same files.
"""

from __future__ import annotations

import gzip
import http.client
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import brotli
import pytest

from helpcenter.precompress import compressible
from helpcenter_server.web.headers import content_security_policy, load_script_hashes

TEXT_LIKE = (".html", ".js", ".mjs", ".css", ".json", ".wasm", ".xml", ".svg")


def get(origin: str, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """The response exactly as sent: no client-side decoding."""
    parts = urlsplit(origin)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def site_path(site: Path, pattern: str) -> str:
    matches = sorted(site.glob(pattern))
    assert matches, pattern
    return "/" + matches[0].relative_to(site).as_posix()


def test_every_text_file_of_the_build_has_brotli_and_gzip_copies_of_the_same_bytes(
        built_site: Path) -> None:
    checked = 0
    for path in sorted(built_site.rglob("*")):
        if path.suffix not in TEXT_LIKE or not path.is_file() or path.stat().st_size < 2048:
            continue
        original = path.read_bytes()
        br = path.with_name(path.name + ".br")
        gz = path.with_name(path.name + ".gz")
        assert br.exists() and gz.exists(), path
        assert brotli.decompress(br.read_bytes()) == original, br
        assert gzip.decompress(gz.read_bytes()) == original, gz
        assert br.stat().st_size < len(original) and gz.stat().st_size < len(original)
        checked += 1
    assert checked > 50


def test_already_compressed_formats_are_not_compressed_again() -> None:
    assert not compressible(Path("sitemap.xml.gz"))
    assert not compressible(Path("logo.png"))


@pytest.mark.parametrize("pattern", ["assets/pyodide/*/python_stdlib.calculators.*.zip",
                                     "assets/pyodide/*/wheels/*/calculators-*.whl"])
def test_the_python_zips_are_stored_so_brotli_shrinks_them_whole(
        built_site: Path, pattern: str) -> None:
    archive_path = built_site / site_path(built_site, pattern).lstrip("/")
    with zipfile.ZipFile(archive_path) as archive:
        assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_STORED}
    on_the_wire = archive_path.with_name(archive_path.name + ".br").stat().st_size
    assert on_the_wire < 0.4 * archive_path.stat().st_size


@pytest.mark.parametrize(("accept", "encoding"), [
    ("gzip, deflate, br, zstd", "br"),
    ("gzip", "gzip"),
    ("br;q=0, gzip", "gzip"),
    ("identity", None),
])
def test_the_service_sends_the_encoding_the_browser_accepts(
        built_site: Path, live_server: Any, accept: str, encoding: str | None) -> None:
    wasm = site_path(built_site, "assets/pyodide/*/pyodide.asm.wasm")
    status, headers, body = get(live_server.url, wasm, **{"Accept-Encoding": accept})
    original = (built_site / wasm[1:]).read_bytes()
    assert status == 200
    assert headers.get("content-encoding") == encoding
    assert headers["vary"] == "Accept-Encoding"
    assert int(headers["content-length"]) == len(body)
    decoded = {"br": brotli.decompress, "gzip": gzip.decompress}.get(encoding or "", bytes)(body)
    assert decoded == original
    assert headers["content-type"] == "application/wasm"
    assert "immutable" in headers["cache-control"]


def test_each_encoding_has_its_own_etag_and_revalidates_to_304(
        live_server: Any) -> None:
    tags = {}
    for accept in ("br", "gzip", "identity"):
        status, headers, _ = get(live_server.url, "/en/paid-twice/", **{"Accept-Encoding": accept})
        assert status == 200
        tags[accept] = headers["etag"]
        again, repeat, body = get(live_server.url, "/en/paid-twice/",
                                  **{"Accept-Encoding": accept, "If-None-Match": tags[accept]})
        assert again == 304 and body == b""
        assert repeat["etag"] == tags[accept]
    assert len(set(tags.values())) == 3


def test_compressed_pages_keep_the_sites_headers(live_server: Any, built_site: Path) -> None:
    status, headers, body = get(live_server.url, "/fi/", **{"Accept-Encoding": "br"})
    assert status == 200 and headers["content-encoding"] == "br"
    assert b"<html" in brotli.decompress(body)
    assert headers["cache-control"] == "no-cache"
    assert headers["content-security-policy"] == content_security_policy(
        script_hashes=load_script_hashes(built_site))
    assert headers["x-content-type-options"] == "nosniff"


def test_a_missing_page_is_still_the_404_of_its_language(live_server: Any,
                                                         built_site: Path) -> None:
    status, headers, body = get(live_server.url, "/fi/ei-ole/", **{"Accept-Encoding": "br, gzip"})
    assert status == 404
    # The 404 arrives brotli-compressed, like every other page.
    assert headers["content-encoding"] == "br"
    assert 'lang="fi"' in brotli.decompress(body).decode("utf-8")
    assert headers["content-security-policy"] == content_security_policy(
        script_hashes=load_script_hashes(built_site))
