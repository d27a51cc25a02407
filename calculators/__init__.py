"""Billing rules of the help center, as pure functions over JSON-like inputs.

The same code runs in CPython and, in the browser, in Pyodide:

- `calculate(name, inputs, locale=None)` → {"ok": True, "result": {...}, "explanation": {...}} or
  {"ok": False, "errors": [...]}: one validation and one computation. It never raises.
  With `locale` ("sv", "en", "fi"), string inputs are read as a reader of that language types them
  ("1 500,50", "15.3.2026" in sv and fi; "1,500.50" in en); without, only canonical values.
- `run(name, inputs, locale=None)` and `explain(...)`: the result or the arithmetic alone.
- `specs()` → every calculator's fields and results, with labels and help in sv, en and fi.
- `calculate_json`, `run_json`, `explain_json`, `specs_json`: the same with JSON text in and out,
  which crosses the JavaScript boundary without proxies.

Explanations and error messages leave the core as parts: text to show as it is, spacing and words
included, and numbers and dates as tokens ({"kind", "value"}) for the edge to format in the
reader's locale. An explanation is a list of parts ("6", " + ", "3"); an error's "parts" holds one
list per language, its sentence filled in, in the plural form its number calls for. Joined, they
are the line the reader sees (`tokens.join`, and the page's `joinParts`), so no edge spaces
operators or fills placeholders. An error also keeps its templates ("message", "params" and, for a
sentence whose words follow a number, "plural": {"param", "forms": {lang: {CLDR category:
template}}}) for a caller with another plural rule (`messages.error_parts`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from .fields import Json, validate
from .messages import LANGS, Problem, error_parts, render, text_json
from .registry import calculators
from .spec import Calculator, Computation
from .tokens import spaced
from .typed import Locale, locale_of

__all__ = ["NAMES", "calculate", "calculate_json", "explain", "explain_json", "run", "run_json",
           "specs", "specs_json"]

NAMES: tuple[str, ...] = tuple(calculators())
_NAME_SHOWN = 60


def specs() -> dict[str, dict[str, Json]]:
    return {name: calculator.spec.to_json() for name, calculator in calculators().items()}


def calculate(name: object, inputs: object, locale: object = None) -> dict[str, Json]:
    try:
        outcome = _evaluate(name, inputs, locale_of(locale))
        if isinstance(outcome, list):
            errors: list[Json] = list(outcome)
            return {"ok": False, "errors": errors}
        result, tokens = outcome
        explanation: dict[str, Json] = {
            key: [_token_json(part) for part in spaced(found)] for key, found in tokens.items()}
        return {"ok": True, "result": result, "explanation": explanation}
    except Exception:
        # A last resort so that the page always gets an answer; tests assert it is never reached.
        return {"ok": False, "errors": [_error(None, Problem(None, "internal_error"))]}


def run(name: object, inputs: object, locale: object = None) -> dict[str, Json]:
    outcome = calculate(name, inputs, locale)
    outcome.pop("explanation", None)
    return outcome


def explain(name: object, inputs: object, locale: object = None) -> dict[str, Json]:
    explanation = calculate(name, inputs, locale).get("explanation")
    return explanation if isinstance(explanation, dict) else {}


def calculate_json(name: str, inputs_json: str, locale: str | None = None) -> str:
    return json.dumps(calculate(name, _loads(inputs_json), locale), ensure_ascii=False)


def run_json(name: str, inputs_json: str, locale: str | None = None) -> str:
    return json.dumps(run(name, _loads(inputs_json), locale), ensure_ascii=False)


def explain_json(name: str, inputs_json: str, locale: str | None = None) -> str:
    return json.dumps(explain(name, _loads(inputs_json), locale), ensure_ascii=False)


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


def _evaluate(name: object, inputs: object,
              locale: Locale | None) -> Computation | list[dict[str, Json]]:
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
    values, problems = validate(calculator.spec.fields, inputs, locale)
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
    params: dict[str, Json] = {name: {"kind": token["kind"], "value": token["value"]}
                               for name, token in message.params.items()}
    error: dict[str, Json] = {
        "field": problem.field,
        "code": problem.code,
        "message": dict(text_json(message.text)),
        "params": params,
    }
    if message.plural is not None:
        # The forms to choose from by the CLDR plural category of params[param]; "message" is
        # the "other" form, for a reader that does not choose.
        forms: dict[str, Json] = {lang: dict(message.plural.forms[lang]) for lang in LANGS}
        error["plural"] = {"param": message.plural.param, "forms": forms}
    if problem.index is not None:
        error["index"] = problem.index
    parts: dict[str, Json] = {lang: [_token_json(part) for part in error_parts(error, lang)]
                              for lang in LANGS}
    error["parts"] = parts
    return error
