"""`python -m feedback_service …`, the server's name before `helpcenter_server`, still works for
one release: an operator's scripts and units keep running while they are updated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True,
                          timeout=60)


def test_the_former_module_name_runs_the_same_commands(tmp_path: Path) -> None:
    for args in (("serve", "--db", "mysql://user@127.0.0.1/votes", "--site-dir", str(tmp_path)),
                 ("report", "--db", str(tmp_path / "never-created.sqlite3"))):
        old, new = run("feedback_service", *args), run("helpcenter_server", *args)
        assert (old.returncode, old.stdout, old.stderr) == (new.returncode, new.stdout,
                                                            new.stderr)
        assert old.returncode != 0 and old.stderr.strip()


def test_the_former_module_name_lists_the_same_subcommands() -> None:
    help_text = run("feedback_service", "--help").stdout
    for command in ("serve", "report", "hash-password", "nginx-config"):
        assert command in help_text
