"""Brotli and gzip copies of every compressible file, written beside it: `x.js.br`, `x.js.gz`.

Any static host can serve them: the feedback service (ServeStatic) and nginx's
`brotli_static`/`gzip_static` pick the variant the browser accepts. A variant is kept only when it
saves at least 5 %, the rule nginx users and ServeStatic's compressor follow.

Large files (Material's bundle, Pyodide) get brotli's best quality. Pyodide's 9.6 MB wasm takes it
tens of seconds, so their compressed bytes are cached in .cache/precompressed/ by a hash of their
content: a rebuild pays once. The small files a build writes anew, thousands of pages and
sitemaps, get quality 8: about 30x faster than the best and about 10 % larger, half a kilobyte on a
page, where the best quality would be most of a 3,000-page build. Files are compressed on every
core: brotli and zlib release the GIL.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / ".cache" / "precompressed"
# Formats that are compressed already; Pagefind gzips its index chunks, fragments, metadata and
# wasm itself. The calculators wheel is a stored zip (tools/pyodide_compile_stdlib.mjs), so it is
# compressed here; a deflated one would get no variant (WORTH_IT).
SKIP = {".gz", ".br", ".zst", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".woff",
        ".woff2", ".ico", ".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", ".pagefind"}
CACHE_FROM = 64 * 1024
BEST = 11
FAST = 8
WORTH_IT = 0.95
ENCODINGS = (".br", ".gz")


def compress(data: bytes, suffix: str, quality: int = BEST) -> bytes:
    if suffix == ".br":
        return bytes(brotli.compress(data, quality=quality))
    # mtime=0: the same input gives the same bytes, so a rebuild changes no ETag.
    return gzip.compress(data, compresslevel=9, mtime=0)


def _cached(data: bytes, suffix: str) -> bytes:
    if len(data) < CACHE_FROM:
        return compress(data, suffix, FAST)
    key = CACHE_DIR / (hashlib.sha256(data).hexdigest() + suffix)
    if key.exists():
        return key.read_bytes()
    packed = compress(data, suffix)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    partial = key.with_name(f"{key.name}.{os.getpid()}.tmp")
    partial.write_bytes(packed)
    partial.replace(key)  # whole or absent, even with parallel builds
    return packed


def compressible(path: Path) -> bool:
    return path.suffix.lower() not in SKIP and path.is_file()


def served_sizes(path: Path) -> dict[str, int]:
    """The bytes a browser downloads for the file, by Content-Encoding: the variants
    precompress_file keeps, and the file itself. Large files' variants come from the cache that
    the build's own compression then reuses."""
    data = path.read_bytes()
    sizes = {"identity": len(data)}
    if compressible(path):
        for suffix, encoding in ((".br", "br"), (".gz", "gzip")):
            packed = _cached(data, suffix)
            if len(packed) <= WORTH_IT * len(data):
                sizes[encoding] = len(packed)
    return sizes


def served_sizes_of(paths: Sequence[Path]) -> list[dict[str, int]]:
    """served_sizes of each file, side by side on every core: in a fresh clone the first build
    compresses Pyodide's files here, and the wasm alone takes most of that build."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(served_sizes, paths))


def _files(site: Path) -> Iterator[Path]:
    for path in sorted(site.rglob("*")):
        if compressible(path):
            yield path


def precompress_file(path: Path) -> list[Path]:
    """Writes the variants worth keeping (and removes stale ones); returns those kept."""
    source = path.stat()
    kept: list[Path] = []
    data: bytes | None = None
    for suffix in ENCODINGS:
        target = path.with_name(path.name + suffix)
        # A variant carries its source's mtime: equal means it is up to date.
        if target.exists() and target.stat().st_mtime_ns == source.st_mtime_ns:
            kept.append(target)
            continue
        data = path.read_bytes() if data is None else data
        packed = _cached(data, suffix)
        if len(packed) <= WORTH_IT * len(data):
            target.write_bytes(packed)
            os.utime(target, ns=(source.st_atime_ns, source.st_mtime_ns))
            kept.append(target)
        else:
            target.unlink(missing_ok=True)
    return kept


def precompress_site(site: Path) -> list[Path]:
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return [variant for kept in pool.map(precompress_file, _files(site)) for variant in kept]
