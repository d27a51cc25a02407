"""JSON request bodies as every endpoint reads them: decoded strictly, bounded in depth, and the
words an error uses for what was sent (`FieldError`, `json_type`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

# A report or vote is one flat object. Python's own recursion limit differs by version (3.13
# parses 5000 levels), so the depth is bounded here, the same on every interpreter.
MAX_DEPTH = 32


@dataclass(frozen=True)
class FieldError:
    field: str | None
    message: str

    def as_json(self) -> dict[str, str | None]:
        return {"field": self.field, "message": self.message}


class InvalidJSON(ValueError):
    pass


def decode_json(body: bytes) -> Any:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidJSON(f"body is not UTF-8 (byte {exc.start})") from exc
    try:
        data = json.loads(text, parse_constant=reject_constant)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise InvalidJSON(f"body is not valid JSON: {exc.msg} at {where}") from exc
    except ValueError as exc:
        raise InvalidJSON(f"body is not valid JSON: {exc}") from exc
    except RecursionError as exc:
        raise InvalidJSON("body is not valid JSON: nested too deeply") from exc
    if depth(data) > MAX_DEPTH:
        raise InvalidJSON("body is not valid JSON: nested too deeply")
    return data


def depth(data: Any) -> int:
    """How deeply arrays and objects nest, walked without recursion."""
    deepest = 0
    pending: list[tuple[Any, int]] = [(data, 1)]
    while pending:
        value, level = pending.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, level)
            pending.extend((item, level + 1) for item in value)
    return deepest


def reject_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not allowed", name, 0)


def is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"
