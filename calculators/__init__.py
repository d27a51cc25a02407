"""Billing rules of the help center, as pure functions over JSON-like inputs.

The same code runs in CPython and, in the browser, in Pyodide:

- `run(name, inputs)` → {"ok": True, "result": {...}} or {"ok": False, "errors": [...]};
  it never raises.
- `explain(name, inputs)` → the arithmetic behind each result, as tokens ({} for invalid input).
- `specs()` → every calculator's fields and results, with labels and help in sv, en and fi.
- `run_json`, `explain_json`, `specs_json`: the same with JSON text in and out, which crosses
  the JavaScript boundary without proxies.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from .fields import Json, validate
from .messages import Problem, render, text_json
from .registry import calculators
from .spec import Calculator, Computation

__all__ = ["NAMES", "explain", "explain_json", "run", "run_json", "specs", "specs_json"]

NAMES: tuple[str, ...] = tuple(calculators())
_NAME_SHOWN = 60


def specs() -> dict[str, dict[str, Json]]:
    return {name: calculator.spec.to_json() for name, calculator in calculators().items()}


def run(name: object, inputs: object) -> dict[str, Json]:
    try:
        outcome = _evaluate(name, inputs)
    except Exception:
        # A last resort so that the page always gets an answer; tests assert it is never reached.
        return {"ok": False, "errors": [_error(None, Problem(None, "internal_error"))]}
    if isinstance(outcome, list):
        errors: list[Json] = list(outcome)
        return {"ok": False, "errors": errors}
    return {"ok": True, "result": outcome[0]}


def explain(name: object, inputs: object) -> dict[str, list[Json]]:
    try:
        outcome = _evaluate(name, inputs)
    except Exception:
        return {}
    if isinstance(outcome, list):
        return {}
    return {key: [_token_json(token) for token in tokens] for key, tokens in outcome[1].items()}


def run_json(name: str, inputs_json: str) -> str:
    return json.dumps(run(name, _loads(inputs_json)), ensure_ascii=False)


def explain_json(name: str, inputs_json: str) -> str:
    return json.dumps(explain(name, _loads(inputs_json)), ensure_ascii=False)


def specs_json() -> str:
    return json.dumps(specs(), ensure_ascii=False)


def _loads(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, TypeError, RecursionError):
        # Not an object, so run() reports inputs_not_object.
        return None


def _token_json(token: object) -> Json:
    if isinstance(token, str):
        return token
    if isinstance(token, dict):
        return {"kind": str(token["kind"]), "value": str(token["value"])}
    raise TypeError("not a token")


def _evaluate(name: object, inputs: object) -> Computation | list[dict[str, Json]]:
    calculator = calculators().get(name) if isinstance(name, str) else None
    if calculator is None:
        shown = name if isinstance(name, str) else repr(name)
        if len(shown) > _NAME_SHOWN:
            shown = shown[:_NAME_SHOWN] + "…"
        problem = Problem(None, "unknown_calculator", {"name": shown})
        return [_error(None, problem)]
    inputs = _from_javascript(inputs)
    if not isinstance(inputs, Mapping):
        return [_error(calculator, Problem(None, "inputs_not_object"))]
    values, problems = validate(calculator.spec.fields, inputs)
    problems.extend(calculator.check(values))
    if problems:
        return [_error(calculator, problem) for problem in problems]
    return calculator.compute(values)


def _from_javascript(inputs: object) -> object:
    """In Pyodide a JavaScript object arrives as a JsProxy, whose to_py() gives the plain dict."""
    to_py = getattr(type(inputs), "to_py", None)
    return to_py(inputs) if callable(to_py) else inputs


def _error(calculator: Calculator | None, problem: Problem) -> dict[str, Json]:
    spec = calculator.spec.field(problem.field) if calculator and problem.field else None
    message = render(problem, spec.label if spec else None, spec.kind if spec else None)
    error: dict[str, Json] = {
        "field": problem.field,
        "code": problem.code,
        "message": dict(text_json(message)),
    }
    if problem.index is not None:
        error["index"] = problem.index
    return error
