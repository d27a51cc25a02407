"""Headers on every response: `response_headers` decides, `HeadersMiddleware` applies.

Add site-wide headers in `response_headers`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from helpcenter_server.manifest import load_manifest

# Material's bundle.a5f9d56c.min.js, main.342714a4.min.css, and versioned Pyodide directories
# never change under the same URL; everything else is revalidated so a rebuild shows at once.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.min\.(?:js|css)$|/assets/pyodide/v?\d+(?:\.\d+)+/")
IMMUTABLE = "public, max-age=31536000, immutable"


FEEDBACK_ENDPOINT_ENV = "FEEDBACK_ENDPOINT"
"""An absolute feedback API URL on another origin, if the site posts votes there."""


def load_script_hashes(site_dir: Path) -> tuple[str, ...]:
    """The build's script hashes, from its manifest; none if the site is not built (then no
    inline script runs)."""
    return load_manifest(site_dir).script_hashes



def content_security_policy(connect_origins: Iterable[str] = (),
                            script_hashes: Iterable[str] = ()) -> str:
    """Only what the site needs: its own files, and WebAssembly compilation for Pyodide.

    'wasm-unsafe-eval' lets Pyodide compile its .wasm; it allows no JavaScript eval. Every
    site script is a same-origin file and Material's few inline scripts are allowed by their
    sha256 hashes (helpcenter/csp_hashes.py), so neither 'unsafe-inline' nor 'unsafe-eval' is
    needed; styles likewise come from files only, and
    scripts change styles through the CSSOM, which CSP does not restrict. Pyodide runs from
    same-origin files, so workers need no blob:. Sent on every response, not only HTML: a
    worker's policy is the one delivered with its script.
    """
    connect = " ".join(["'self'", *sorted(set(connect_origins))])
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", "'wasm-unsafe-eval'", *script_hashes]),
        "worker-src": "'self'",
        "connect-src": connect,
        "img-src": "'self' data:",
        "style-src": "'self'",
        "font-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def feedback_origins() -> list[str]:
    endpoint = os.environ.get(FEEDBACK_ENDPOINT_ENV, "")
    parts = urlsplit(endpoint)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


API_CACHE = "no-store"
PAGE_CACHE = "no-cache"


def security_headers(script_hashes: Iterable[str] = ()) -> dict[str, str]:
    """Sent on every response, by the service and by nginx (helpcenter_server/web/nginx.py)."""
    return {
        "Content-Security-Policy": content_security_policy(feedback_origins(), script_hashes),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }


def response_headers(path: str, content_type: str,
                     script_hashes: Iterable[str] = ()) -> dict[str, str]:
    headers = security_headers(script_hashes)
    if path.startswith("/api/"):
        headers["Cache-Control"] = API_CACHE
    elif FINGERPRINTED.search(path) and not content_type.startswith("text/html"):
        headers["Cache-Control"] = IMMUTABLE
    else:
        headers["Cache-Control"] = PAGE_CACHE
    return headers


class HeadersMiddleware:
    def __init__(self, app: ASGIApp, script_hashes: Iterable[str] = ()) -> None:
        self.app = app
        self.script_hashes = tuple(script_hashes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in response_headers(path, headers.get("content-type", ""),
                                                    self.script_hashes).items():
                    if name.lower() == "cache-control" and name in headers:
                        continue
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
