"""A PostgreSQL server from Debian's packages, for the tests and `make serve-production`.

PostgreSQL refuses to run as root, and the tests run as root: every server command then runs as
the `postgres` user (runuser), on a data folder that user owns, listening on loopback only.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tools.local_site import free_port

SERVER_USER = "postgres"


def bin_dir() -> Path:
    """Debian keeps the server programs out of PATH, under /usr/lib/postgresql/<major>/bin."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                   key=lambda p: int(Path(p).parts[4]))
    if found:
        return Path(found[-1]).parent
    which = shutil.which("pg_ctl")
    if which:
        return Path(which).parent
    raise RuntimeError("PostgreSQL is not installed: run `make postgresql` (Debian's postgresql)")


def as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", SERVER_USER, "--", *command] if os.geteuid() == 0 else command


def hand_to_server_user(path: Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, SERVER_USER, SERVER_USER)


class PostgresServer:
    """`initdb` (once) into `data_dir`, then `pg_ctl start/stop` on 127.0.0.1:`port`."""

    def __init__(self, data_dir: Path, port: int | None = None, *, durable: bool = True) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.durable = durable
        self.bin = bin_dir()
        self.log = data_dir.parent / f"{data_dir.name}.log"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{SERVER_USER}@127.0.0.1:{self.port}/{dbname}"

    def _run(self, *command: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(as_server_user([str(self.bin / command[0]), *command[1:]]),
                              capture_output=True, text=True, cwd="/")
        if proc.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(command[:2])} failed:\n{proc.stderr}{log}")
        return proc

    def initdb(self) -> None:
        if (self.data_dir / "PG_VERSION").exists():
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir.chmod(0o700)
        hand_to_server_user(self.data_dir)
        # Local trust over loopback only: nothing else can reach a server bound to 127.0.0.1.
        self._run("initdb", "--pgdata", str(self.data_dir), "--username", SERVER_USER,
                  "--auth", "trust", "--encoding", "UTF8", "--locale", "C.UTF-8")

    def start(self) -> None:
        self.initdb()
        if not self.log.exists():
            self.log.touch()
            hand_to_server_user(self.log)
        options = [f"-p {self.port}", "-c listen_addresses=127.0.0.1",
                   f"-c unix_socket_directories={self.data_dir}"]
        if not self.durable:
            # Test data is thrown away: no fsync makes each test's setup quick.
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._run("pg_ctl", "start", "--pgdata", str(self.data_dir), "--wait", "--timeout", "60",
                  "--log", str(self.log), "-o", " ".join(options))

    def stop(self, mode: str = "fast") -> None:
        if (self.data_dir / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "--pgdata", str(self.data_dir), "--wait",
                      "--mode", mode)

    def sql(self, statement: str, dbname: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True) as conn:
            conn.execute(statement)

    def create_database(self, name: str) -> str:
        self.sql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class TemporaryPostgres(PostgresServer):
    """A server in a fresh folder under /tmp, which the server user can reach, removed on stop.

    (pytest's tmp_path lives under a root-only folder the postgres user cannot enter.)"""

    def __init__(self) -> None:
        root = Path(tempfile.mkdtemp(prefix="feedback-pg-"))
        root.chmod(0o755)
        super().__init__(root / "data", durable=False)
        self.root = root

    def remove(self) -> None:
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def wait_until_ready(server: PostgresServer, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while subprocess.run([str(server.bin / "pg_isready"), "-h", "127.0.0.1", "-p",
                          str(server.port)], capture_output=True).returncode != 0:
        if time.monotonic() > deadline:
            raise RuntimeError(f"PostgreSQL on port {server.port} not ready after {timeout} s")
        time.sleep(0.1)
