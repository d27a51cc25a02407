"""The calculators' wheel for Pyodide: the `calculators` package alone, built by flit_core.

    python -m helpcenter.calculators_wheel --outdir DIR

pyproject.toml describes the project that `pip install -e .` installs (this build package and
the calculators); flit builds one package per configuration, so the wheel the browser loads has
its own, calculators-wheel.toml, beside pyproject.toml where flit finds `calculators/`. With
SOURCE_DATE_EPOCH set the same sources give the same bytes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from flit_core.wheel import make_wheel_in

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "calculators-wheel.toml"


def build(outdir: Path) -> Path:
    """Writes the wheel into outdir; returns its path."""
    outdir.mkdir(parents=True, exist_ok=True)
    wheel: Path = make_wheel_in(CONFIG, outdir).file
    return wheel


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outdir", type=Path, required=True)
    print(build(parser.parse_args(argv).outdir))


if __name__ == "__main__":
    main()
