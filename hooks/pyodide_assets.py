"""Self-hosted Pyodide for the calculators: site/assets/pyodide/<version>/.

Copies the runtime from the npm package, builds the calculators wheel from the repository (flit),
and a standard library trimmed to what the calculators need; tools/pyodide_compile_stdlib.mjs
precompiles both to .pyc with Pyodide's own CPython, so the browser compiles no Python source.
The wheel and the trimmed zip are cached in .cache/pyodide/ by a hash of everything they are
made from, so a rebuild or `mkdocs serve` reuses them. Their file names
carry that hash because the server marks /assets/pyodide/<version>/ immutable.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
COMPILER = ROOT / "tools" / "pyodide_compile_stdlib.mjs"
CACHE_DIR = ROOT / ".cache" / "pyodide"
# The runtime itself, plus the full lock file and standard library so that plain loadPyodide()
# also works from the same folder (the benchmark's baseline uses it).
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json",
                 "python_stdlib.zip")
# Zip timestamps of a reproducible wheel: the same sources give the same bytes and the same hash.
SOURCE_DATE_EPOCH = "946684800"


@dataclass(frozen=True)
class PyodideAssets:
    version: str
    directory: str  # relative to the site root, ends with "/"
    wheel: str  # relative to `directory`
    stdlib: str  # relative to `directory`
    built: Path  # the cache folder holding the wheel and the trimmed standard library


def _sources_hash() -> str:
    digest = hashlib.sha256()
    files = sorted((ROOT / "calculators").rglob("*.py"))
    for path in [*files, ROOT / "pyproject.toml", COMPILER, PYODIDE_DIR / "package.json"]:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _run(command: list[str], what: str, env: dict[str, str] | None = None) -> None:
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout)[-3000:]
        raise PluginError(f"pyodide_assets: {what} failed:\n{tail}")


def _build(target: Path) -> None:
    with tempfile.TemporaryDirectory(dir=CACHE_DIR, ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONDONTWRITEBYTECODE": "1"}
        plain = work / "plain"
        _run([sys.executable, "-m", "flit_core.wheel", "--outdir", str(plain)],
             "building the wheel", env)
        wheels = list(plain.glob("calculators-*.whl"))
        if len(wheels) != 1:
            raise PluginError(f"pyodide_assets: expected one calculators wheel, found {wheels}")
        if shutil.which("node") is None:
            raise PluginError("pyodide_assets: Node.js is needed to precompile Pyodide's stdlib")
        _run(["node", str(COMPILER), "--pyodide", str(PYODIDE_DIR), "--wheel", str(wheels[0]),
              "--out", str(work / "python_stdlib.zip"),
              "--compiled-wheel", str(work / wheels[0].name),
              "--report", str(work / "report.json")],
             "precompiling the standard library and the wheel")
        shutil.rmtree(plain)
        try:
            work.rename(target)
        except OSError:
            # Another build (a parallel test run) finished the same key first.
            if not (target / "report.json").exists():
                raise


def prepare() -> PyodideAssets:
    """Builds (or finds in the cache) the wheel and the trimmed standard library.

    Keyed by the sources' hash, so `mkdocs serve` picks up an edit to calculators/."""
    return _prepare(_sources_hash())


@cache
def _prepare(key: str) -> PyodideAssets:
    package = json.loads((PYODIDE_DIR / "package.json").read_text(encoding="utf-8"))
    version = str(package["version"])
    built = CACHE_DIR / key
    # The folder appears whole, by one rename, so it is either complete or absent.
    if not (built / "report.json").exists():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        _build(built)
    wheel = next(built.glob("calculators-*.whl")).name
    return PyodideAssets(
        version=version,
        directory=f"assets/pyodide/{version}/",
        wheel=f"wheels/{key}/{wheel}",
        stdlib=f"python_stdlib.calculators.{key}.zip",
        built=built,
    )


def sources(assets: PyodideAssets) -> dict[str, Path]:
    """Where each file of the runtime folder comes from, by its path inside the folder."""
    files = {name: PYODIDE_DIR / name for name in RUNTIME_FILES}
    files[assets.stdlib] = assets.built / "python_stdlib.zip"
    files[assets.wheel] = assets.built / Path(assets.wheel).name
    return files


def _copy(source: Path, target: Path) -> None:
    if target.exists() and target.stat().st_size == source.stat().st_size:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def on_post_build(config: MkDocsConfig) -> None:
    # The i18n plugin runs the post-build of every language into the same site_dir; _copy skips
    # what is already there.
    assets = prepare()
    folder = Path(config.site_dir) / assets.directory
    for name, source in sources(assets).items():
        _copy(source, folder / name)
