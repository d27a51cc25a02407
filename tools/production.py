"""The production shape on one machine: nginx in front of service instances sharing PostgreSQL.

`make serve-production` runs `python -m tools.production`: PostgreSQL with its data in
var/postgres, two `helpcenter_server serve` instances on their own ports, and nginx on 8080
serving the built site and proxying /api/ to the instances. Ctrl-C stops all of it. The
production tests start the same stack in a temporary folder.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType

from helpcenter_server.web.nginx import (
    BROTLI_MODULE,
    MAIN_FILE,
    NginxSite,
    languages_with_404,
    write_config,
)
from tools.local_site import free_port, start_service, stop_service, wait_for_port
from tools.postgres import PostgresServer

NGINX = "/usr/sbin/nginx"
DATABASE = "feedback"


class ProductionStack:
    def __init__(self, site_dir: Path, var_dir: Path, *, port: int = 8080, instances: int = 2,
                 postgres: PostgresServer | None = None, service_args: tuple[str, ...] = ()
                 ) -> None:
        self.site_dir, self.var_dir, self.port = site_dir.resolve(), var_dir.resolve(), port
        self.postgres = postgres or PostgresServer(self.var_dir / "postgres")
        self.instance_count = instances
        self.service_args = service_args
        self.instances: list[tuple[int, subprocess.Popen[bytes]]] = []
        self.nginx: subprocess.Popen[bytes] | None = None
        self.nginx_dir = self.var_dir / "nginx"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def db(self) -> str:
        return self.postgres.url(DATABASE)

    def start(self) -> None:
        try:
            self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self) -> None:
        self.postgres.start()
        import psycopg

        with psycopg.connect(self.postgres.url(), autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                (DATABASE,)).fetchone():
                conn.execute(f'CREATE DATABASE "{DATABASE}"')
        for _ in range(self.instance_count):
            self.start_instance()
        site = NginxSite(self.site_dir, [f"127.0.0.1:{p}" for p, _ in self.instances],
                         listen=f"127.0.0.1:{self.port}",
                         languages=languages_with_404(self.site_dir),
                         brotli=BROTLI_MODULE.exists())
        write_config(site, self.nginx_dir, standalone=True)
        self.nginx = subprocess.Popen([NGINX, "-p", str(self.nginx_dir),
                                       "-c", str(self.nginx_dir / MAIN_FILE)])
        try:
            wait_for_port(self.port)
        except RuntimeError:
            log = self.nginx_dir / "error.log"
            raise RuntimeError(f"nginx did not start:\n{log.read_text() if log.exists() else ''}"
                               ) from None

    def start_instance(self) -> int:
        port = free_port()
        # nginx on loopback is the one proxy whose X-Forwarded-For names the reader.
        proc = start_service(self.site_dir, self.db, port,
                             ("--trusted-proxy", "127.0.0.1", *self.service_args))
        self.instances.append((port, proc))
        return port

    def stop(self) -> None:
        """Everything, even if one part is already gone (Ctrl-C reaches the whole group)."""
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()
            self.nginx.wait(timeout=10)
        for _, proc in self.instances:
            stop_service(proc)
        try:
            self.postgres.stop()
        except RuntimeError as exc:
            if (self.postgres.data_dir / "postmaster.pid").exists():
                raise
            print(f"PostgreSQL had stopped already ({exc})", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.production", description=__doc__)
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--var", type=Path, default=Path("var"))
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--instances", type=int, default=2)
    args = parser.parse_args(argv)
    stack = ProductionStack(args.site_dir, args.var, port=args.port, instances=args.instances)

    def interrupted(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    # Explicitly: a shell that starts this in the background would leave SIGINT ignored.
    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)
    try:
        stack.start()
        instances = ", ".join(f"127.0.0.1:{p}" for p, _ in stack.instances)
        print(f"\nHelp center on {stack.url}/ (nginx) -> instances {instances} -> "
              f"{stack.postgres.url(DATABASE)} (data in {stack.postgres.data_dir}).\n"
              "Ctrl-C stops all of it.", flush=True)
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()
        print("stopped nginx, the service instances and PostgreSQL", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
