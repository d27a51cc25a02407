"""What a calculator is: its published spec, its cross-field checks and its computation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .fields import Field, Json, Values
from .messages import Problem, Text, text_json
from .tokens import Explanation

ResultKind = Literal["count", "money", "quantity", "date", "money_list"]
Result = dict[str, Json]
Computation = tuple[Result, Explanation]


@dataclass(frozen=True)
class ResultField:
    name: str
    kind: ResultKind
    label: Text

    def to_json(self) -> dict[str, Json]:
        return {"name": self.name, "kind": self.kind, "label": dict(text_json(self.label))}


@dataclass(frozen=True)
class Spec:
    name: str
    title: Text
    description: Text
    fields: tuple[Field, ...]
    results: tuple[ResultField, ...]

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def to_json(self) -> dict[str, Json]:
        return {
            "name": self.name,
            "title": dict(text_json(self.title)),
            "description": dict(text_json(self.description)),
            "fields": [f.to_json() for f in self.fields],
            "results": [r.to_json() for r in self.results],
        }


def no_checks(values: Values) -> list[Problem]:
    return []


@dataclass(frozen=True)
class Calculator:
    """`check` finds problems that involve several fields; it sees only the fields that are valid.
    `compute` runs only when there is no problem at all."""

    spec: Spec
    compute: Callable[[Values], Computation]
    check: Callable[[Values], list[Problem]] = no_checks
