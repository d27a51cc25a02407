"""The production shape started for a test: nginx in front of two service instances and a real
PostgreSQL of its own, and requests read exactly as sent."""

from __future__ import annotations

import http.client
import json
from pathlib import Path
from typing import Any

from tools.local_site import free_port
from tools.postgres import TemporaryPostgres
from tools.production import ProductionStack


def request(origin: str, path: str, method: str = "GET", body: Any = None,
            **headers: str) -> tuple[int, dict[str, str], bytes]:
    """The response exactly as sent (no decompression, no redirects followed)."""
    host, port = origin.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        data = json.dumps(body).encode() if body is not None else None
        if data is not None:
            headers["Content-Type"] = "application/json"
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def start_stack(site: Path, folder: Path, *service_args: str) -> ProductionStack:
    stack = ProductionStack(site, folder, port=free_port(), postgres=TemporaryPostgres(),
                            service_args=service_args)
    stack.start()
    return stack


def remove_stack(stack: ProductionStack) -> None:
    stack.stop()
    assert isinstance(stack.postgres, TemporaryPostgres)
    stack.postgres.remove()
