"""Tests are grouped by the component they test, and share their helpers through one package,
tests/support. No test module imports another test module or a conftest, and the benchmarks and
tools import nothing from tests: what both need (search evaluation) is a tool they both use."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
SUPPORT = TESTS / "support"
# The calculators suite also runs inside Pyodide, which is given that folder alone: its one
# helper modules have to live beside the tests that use them.
LOCAL_HELPERS = {TESTS / "calculators" / "calculator_arithmetic.py",
                 TESTS / "calculators" / "calculator_examples.py"}


def python_files(*folders: Path) -> Iterator[Path]:
    for folder in folders:
        yield from sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def wrong_imports(path: Path, source: str) -> list[str]:
    """The imports of `path` that break the layout, as `line: what`."""
    inside_tests = TESTS in path.parents
    in_support = SUPPORT in path.parents or path.parent == SUPPORT
    siblings = {p.stem for p in path.parent.glob("*.py")}
    wrong = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            if not in_support:
                wrong.append(f"{node.lineno}: relative import from {'.' * node.level}"
                             f"{node.module or ''}")
            continue
        if isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "tests" and not (inside_tests and parts[1:2] == ["support"]):
                wrong.append(f"{node.lineno}: import of {name}")
            elif inside_tests and parts[0] in siblings and len(parts) == 1:
                # pytest puts a test file's folder on sys.path: a bare name is a sibling file.
                sibling = path.parent / f"{parts[0]}.py"
                if sibling not in LOCAL_HELPERS:
                    wrong.append(f"{node.lineno}: import of the sibling file {sibling.name}")
    return wrong


@pytest.mark.parametrize("path", list(python_files(TESTS, ROOT / "benchmarks", ROOT / "tools")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_tests_benchmarks_and_tools_share_code_only_through_tests_support_or_tools(
        path: Path) -> None:
    assert wrong_imports(path, path.read_text(encoding="utf-8")) == []


def test_every_shared_test_helper_lives_in_tests_support() -> None:
    helpers = [p for p in python_files(TESTS)
               if not p.name.startswith("test_") and p.name not in ("conftest.py", "__init__.py")
               and SUPPORT not in p.parents and p not in LOCAL_HELPERS]
    assert helpers == []


def test_the_layout_check_finds_a_test_importing_another_test() -> None:
    test_file = TESTS / "feedback" / "test_example.py"
    source = ("from tests.feedback.test_browser import ui\n"
              "from .conftest import TestClient\n"
              "import test_load\n"
              "from tests.support.feedback import rows\n")
    assert wrong_imports(test_file, source) == [
        "1: import of tests.feedback.test_browser",
        "2: relative import from .conftest",
        "3: import of the sibling file test_load.py",
    ]
    bench = ROOT / "benchmarks" / "example.py"
    assert wrong_imports(bench, "from tests.support.feedback import rows\n") == [
        "1: import of tests.support.feedback"]
