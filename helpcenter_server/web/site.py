"""The built site: files only (no directory listings), precompressed variants chosen by the reader's
`Accept-Encoding`, and a 404 page in the reader's language, with status 404 even at its own address.

ServeStatic does the file serving: it picks `name.br` or `name.gz` written beside a file at
build time (helpcenter/precompress.py) when the browser accepts that encoding, with
`Vary: Accept-Encoding`
and that variant's own `Content-Length`. The same files serve nginx's `gzip_static`/`brotli_static`.
Cache-Control and the CSP come from helpcenter_server/web/headers.py, one place for every response.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import anyio
from servestatic import ServeStaticASGI
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MEDIA_TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript"}


class LanguageNotFound:
    """Whatever ServeStatic has no file for: the 404 page of the path's language."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir.resolve()

    @staticmethod
    def names(path: str) -> list[str]:
        # A language's pages live under /<lang>/ and the i18n build puts its 404 page there.
        first = path.lstrip("/").split("/", 1)[0]
        return [f"{first}/404.html", "404.html"] if first.isalpha() else ["404.html"]

    def candidates(self, path: str) -> list[Path]:
        return [self.site_dir / name for name in self.names(path)]

    @classmethod
    def is_page_address(cls, path: str) -> bool:
        """/404.html or /<lang>/404.html: the 404 page asked for by its own file name."""
        return path.lstrip("/") in cls.names(path)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response: Response = PlainTextResponse("Not Found", status_code=404)
        accepted = _accepted_encodings(Headers(scope=scope).get("accept-encoding", ""))
        for candidate in self.candidates(scope["path"]):
            result = await anyio.to_thread.run_sync(_regular_file, candidate)
            if result is None:
                continue
            # The build's brotli or gzip copy, as ServeStatic serves every other page.
            headers = {"Vary": "Accept-Encoding"}
            for suffix, coding in PRECOMPRESSED:
                variant = candidate.with_name(candidate.name + suffix)
                packed = await anyio.to_thread.run_sync(_regular_file, variant) \
                    if coding in accepted else None
                if packed is not None:
                    candidate, result = variant, packed
                    headers["Content-Encoding"] = coding
                    break
            response = FileResponse(candidate, stat_result=result, status_code=404,
                                    media_type="text/html", headers=headers)
            break
        await response(scope, receive, send)


# The variants helpcenter/precompress.py writes, in the order they are preferred.
PRECOMPRESSED = ((".br", "br"), (".gz", "gzip"))


def _accepted_encodings(header: str) -> set[str]:
    """The codings an Accept-Encoding header allows (one with q=0 is refused)."""
    accepted = set()
    for item in header.split(","):
        coding, *params = (part.strip().lower() for part in item.split(";"))
        refused = any(p.replace(" ", "") in {"q=0", "q=0.", "q=0.0", "q=0.00", "q=0.000"}
                      for p in params)
        if coding and not refused:
            accepted.add(coding)
    return accepted


def _regular_file(path: Path) -> os.stat_result | None:
    try:
        result = path.stat()
    except OSError:
        return None
    return result if stat.S_ISREG(result.st_mode) else None


class EncodingETags:
    """One ETag per encoding, as HTTP asks of strong validators.

    ServeStatic gives a file's brotli, gzip and plain bytes the same ETag. Like Apache's
    mod_deflate, this suffixes the encoding (`"abc-12"` becomes `"abc-12-br"`) and strips the
    suffix from `If-None-Match` again, so revalidation still answers 304 for the right variant.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = Headers(scope=scope).get("if-none-match")
        encoding = ""
        if asked and asked.endswith(('-br"', '-gzip"')):
            base, encoding = asked[:-1].rsplit("-", 1)
            raw = [(k, v) for k, v in scope["headers"] if k != b"if-none-match"]
            scope = {**scope, "headers": [*raw, (b"if-none-match", f'{base}"'.encode("latin-1"))]}

        async def send_tagged(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                tag = headers.get("etag")
                coding = headers.get("content-encoding") or (
                    encoding if message["status"] == 304 else "")
                if tag and coding and tag.endswith('"'):
                    headers["etag"] = f'{tag[:-1]}-{coding}"'
            await send(message)

        await self.app(scope, receive, send_tagged)


class NotFoundPagesAnswer404:
    """A 404 page asked for by its own address answers 404 as well, like nginx's `internal`.

    Its status, not a robots meta, keeps it out of search indexes: a 200 at /404.html would be
    a "soft 404" a crawler could index.
    """

    def __init__(self, app: ASGIApp, not_found: LanguageNotFound) -> None:
        self.app = app
        self.not_found = not_found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and LanguageNotFound.is_page_address(scope["path"]):
            await self.not_found(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def site_files(site_dir: Path) -> ASGIApp:
    """The built site as an ASGI app.

    autorefresh: a file is looked up on each request (a few stat calls), so a rebuilt site or a
    file written after the service started is served at once, like Starlette's StaticFiles did.
    """
    not_found = LanguageNotFound(site_dir)
    files = ServeStaticASGI(
        not_found,
        root=site_dir,
        autorefresh=True,
        index_file=True,
        # Cache-Control is decided by helpcenter_server/web/headers.py, for every response alike.
        max_age=None,
        immutable_file_test=lambda path, url: False,
        allow_all_origins=False,
        mimetypes=MEDIA_TYPES,
    )
    return EncodingETags(NotFoundPagesAnswer404(files, not_found))
