"""Self-hosted Pyodide for the calculators: site/assets/pyodide/<version>/.

Copies the runtime from the npm package, builds the calculators wheel from the repository (flit,
helpcenter/calculators_wheel.py),
and a standard library trimmed to what the calculators need; tools/pyodide_compile_stdlib.mjs
precompiles both to .pyc with Pyodide's own CPython, so the browser compiles no Python source.
pyodide-build's `pyodide lockfile add-wheels` then writes the site's own pyodide-lock.json: the
calculators package alone, with the compiled wheel's sha256, which Pyodide checks (as the fetch's
integrity) before it installs the wheel. `pyodide build` would make the same pure-Python wheel,
but it first downloads a cross-build environment, so flit builds it.
The wheel, the lock and the trimmed zip are cached in .cache/pyodide/ by a hash of everything
they are made from, so a rebuild or `mkdocs serve` reuses them. The wheel's and the zip's paths
carry that hash because the server marks /assets/pyodide/<version>/ immutable.
"""

from __future__ import annotations

import base64
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
PACKAGE = "calculators"
WHEEL_CONFIG = ROOT / "calculators-wheel.toml"
LOCK = "pyodide-lock.json"


@dataclass(frozen=True)
class PyodideAssets:
    version: str
    directory: str  # relative to the site root, ends with "/"
    wheel: str  # relative to `directory`, as the lock's file_name
    wheel_integrity: str  # the wheel's sha256 from the lock, as a fetch's `integrity`
    stdlib: str  # relative to `directory`
    lock: str  # the site's pyodide-lock.json, compact
    built: Path  # the cache folder holding the wheel, the lock and the trimmed standard library


def _sources_hash() -> str:
    digest = hashlib.sha256()
    files = sorted((ROOT / "calculators").rglob("*.py"))
    # This file too: what it makes of them (the lock, say) is part of what is cached.
    for path in [*files, WHEEL_CONFIG, COMPILER, Path(__file__).resolve(),
                 Path(__file__).with_name("calculators_wheel.py"),
                 PYODIDE_DIR / "package.json"]:
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
        _run([sys.executable, "-m", "helpcenter.calculators_wheel", "--outdir", str(plain)],
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
        _write_lock(work, work / wheels[0].name, f"wheels/{target.name}/")
        try:
            work.rename(target)
        except OSError:
            # Another build (a parallel test run) finished the same key first.
            if not (target / "report.json").exists():
                raise


def _write_lock(work: Path, wheel: Path, wheel_url: str) -> None:
    """The site's lock: Pyodide's own `info` (its ABI and platform, which loadPyodide checks) and
    the calculators package only; none of Pyodide's other packages is ever loaded."""
    upstream = json.loads((PYODIDE_DIR / LOCK).read_text(encoding="utf-8"))
    empty = work / "pyodide-lock.empty.json"
    empty.write_text(json.dumps({"info": upstream["info"], "packages": {}}), encoding="utf-8")
    _run([sys.executable, "-m", "pyodide_cli", "lockfile", "add-wheels", "--input", str(empty),
          "--output", str(work / LOCK), "--base-path", str(wheel.parent),
          "--wheel-url", wheel_url, str(wheel)],
         "writing the lock file (pyodide lockfile add-wheels)")
    empty.unlink()


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
    lock = json.loads((built / LOCK).read_text(encoding="utf-8"))
    entry = lock["packages"][PACKAGE]
    digest = base64.b64encode(bytes.fromhex(entry["sha256"])).decode()
    return PyodideAssets(
        version=version,
        directory=f"assets/pyodide/{version}/",
        wheel=entry["file_name"],
        wheel_integrity=f"sha256-{digest}",
        stdlib=f"python_stdlib.calculators.{key}.zip",
        lock=json.dumps(lock, separators=(",", ":")),
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


def copy_runtime(site_dir: Path) -> None:
    """The runtime folder into the site; each language pass writes into the same site_dir, and
    what is already there is skipped."""
    assets = prepare()
    folder = site_dir / assets.directory
    for name, source in sources(assets).items():
        _copy(source, folder / name)
