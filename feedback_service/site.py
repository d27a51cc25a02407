"""The built site: files only (no directory listings), with a 404 page in the reader's language."""

from __future__ import annotations

import mimetypes
import stat
from pathlib import Path

import anyio
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".mjs")


class SiteFiles(StaticFiles):
    def __init__(self, site_dir: Path) -> None:
        super().__init__(directory=site_dir, html=True)

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            response = await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404:
                raise
            return await self.not_found(scope)
        if response.status_code == 404:
            return await self.not_found(scope)
        return response

    async def not_found(self, scope: Scope) -> Response:
        # A language's pages live under /<lang>/ and the i18n build puts its 404 page there.
        first = scope["path"].lstrip("/").split("/", 1)[0]
        candidates = [f"{first}/404.html", "404.html"] if first.isalpha() else ["404.html"]
        for candidate in candidates:
            full_path, stat_result = await anyio.to_thread.run_sync(self.lookup_path, candidate)
            if stat_result is not None and stat.S_ISREG(stat_result.st_mode):
                return FileResponse(full_path, stat_result=stat_result, status_code=404)
        return PlainTextResponse("Not Found", status_code=404)
