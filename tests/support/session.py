"""What one test run shares, made once however many pytest-xdist workers run it.

The pytest-xdist recipe: the first worker that needs a thing makes it under a file lock in the
run's shared folder (the parent of each worker's own temporary folder; without xdist, the run's
own) and writes down what it made as JSON; the other workers read that. A shared process, such
as the live server, outlives the worker that started it, so its pid is written down too, and the
process that runs the whole session stops it at the end (`stop_recorded_processes`, called from
tests/conftest.py once every worker is done).
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

PROCESSES = "processes"


def shared_dir(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The folder every worker of this run sees: the parent of a worker's basetemp under xdist."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


def once(folder: Path, name: str, make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """`make()`'s record, made by the first worker that asks and read by every later one.

    A `make` that fails leaves no record, so the next worker tries again and fails the same way
    with its own message, rather than reading half a result."""
    record = folder / f"{name}.json"
    with FileLock(str(folder / f"{name}.lock")):
        if record.is_file():
            data: dict[str, Any] = json.loads(record.read_text(encoding="utf-8"))
            return data
        made = make()
        record.write_text(json.dumps(made), encoding="utf-8")
        return made


def record_process(folder: Path, name: str, pid: int) -> None:
    """Writes down a shared process, for `stop_recorded_processes` at the end of the run."""
    (folder / PROCESSES).mkdir(exist_ok=True)
    (folder / PROCESSES / f"{name}.pid").write_text(str(pid), encoding="utf-8")


def _gone(pid: int) -> bool:
    try:
        # Our own child (no xdist) must be reaped, or it lingers as a zombie that kill(0) finds.
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return True
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def stop_pid(pid: int, timeout: float = 10.0) -> None:
    """SIGTERM, then SIGKILL if the process has not ended after `timeout` seconds."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if _gone(pid):
                return
            time.sleep(0.05)


def stop_recorded_processes(folder: Path) -> None:
    for pidfile in sorted((folder / PROCESSES).glob("*.pid")):
        stop_pid(int(pidfile.read_text(encoding="utf-8")))
        pidfile.unlink()
