"""Command line: `python -m helpcenter_server serve ...` and `... report ...`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from helpcenter_server.app import DEFAULT_RATE_LIMIT, create_app
from helpcenter_server.dashboard.accounts import AccountsError
from helpcenter_server.db.engine import open_database
from helpcenter_server.db.errors import StoreError
from helpcenter_server.db.location import DB_HELP, chosen, is_postgres
from helpcenter_server.votes.report import (
    DEFAULT_LATEST_COMMENTS,
    read_report,
    render_csv,
    render_text,
)
from helpcenter_server.web.connections import (
    MAX_CONNECTIONS,
    REQUEST_TIMEOUT_SECONDS,
    uvicorn_settings,
)


def origins(value: str) -> list[str]:
    return [o.strip().rstrip("/") for o in value.split(",") if o.strip()]


def positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def positive_seconds(value: str) -> float:
    seconds = float(value)
    if not seconds > 0:
        raise argparse.ArgumentTypeError("must be more than 0 seconds")
    return seconds


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpcenter_server")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the built site and the feedback API")
    serve.add_argument("--site-dir", type=Path, default=Path("site"))
    serve.add_argument("--db", default=None, help=DB_HELP)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--rate-limit", type=positive, default=DEFAULT_RATE_LIMIT, metavar="N",
                       help=f"votes a minute per client address (default {DEFAULT_RATE_LIMIT})")
    serve.add_argument("--cors-origin", action="append", type=origins, default=[],
                       metavar="ORIGIN[,ORIGIN]",
                       help="origin allowed to post votes from another host (repeatable; also "
                            "$FEEDBACK_CORS_ORIGINS, comma-separated); default same-origin only")
    serve.add_argument("--durable-on-power-loss", action="store_true",
                       help="fsync every vote (synchronous=FULL) instead of surviving crashes only")
    serve.add_argument("--trusted-proxy", action="append", type=origins, default=[],
                       metavar="ADDRESS[,ADDRESS]",
                       help="a proxy (address or network, e.g. 127.0.0.1) whose X-Forwarded-For "
                            "names the reader, for the rate limit (repeatable; also "
                            "$FEEDBACK_TRUSTED_PROXIES); default: none, the peer is the client")
    serve.add_argument("--request-timeout", type=positive_seconds,
                       default=REQUEST_TIMEOUT_SECONDS, metavar="SECONDS",
                       help="close a connection whose request (head and body) has not fully "
                            f"arrived within SECONDS (default {REQUEST_TIMEOUT_SECONDS:g})")
    serve.add_argument("--max-connections", type=positive, default=MAX_CONNECTIONS, metavar="N",
                       help="answer 503 to new requests while N connections are open "
                            f"(default {MAX_CONNECTIONS})")
    serve.add_argument("--no-access-log", dest="access_log", action="store_false")
    serve.add_argument("--admin-users", type=Path, metavar="FILE",
                       help="staff accounts for the dashboard at /admin/, username:argon2-hash "
                            "lines (also $FEEDBACK_ADMIN_USERS_FILE); none turns the dashboard off")

    report = sub.add_parser("report", help="print yes/no counts, reasons and latest comments")
    report.add_argument("--db", default=None, help=DB_HELP)
    report.add_argument("--csv", type=Path, metavar="FILE", help="also write the report as CSV")
    report.add_argument("--comments", type=int, default=DEFAULT_LATEST_COMMENTS, metavar="N",
                        help=f"latest comments per page (default {DEFAULT_LATEST_COMMENTS})")
    hashing = sub.add_parser("hash-password",
                             help="print a staff account line for --admin-users (asks twice)")
    hashing.add_argument("username")

    nginx = sub.add_parser("nginx-config", help="write nginx's config from the service's headers")
    nginx.add_argument("--site-dir", type=Path, default=Path("site"),
                       help="the built site nginx serves (its language 404 pages are found here)")
    nginx.add_argument("--upstream", action="append", default=[], metavar="HOST:PORT",
                       help="a service instance (repeatable; default 127.0.0.1:8001)")
    nginx.add_argument("--listen", default="127.0.0.1:8080")
    nginx.add_argument("--language", action="append", default=[],
                       help="a URL prefix with its own 404 page (default: found in --site-dir)")
    nginx.add_argument("--brotli", choices=("auto", "on", "off"), default="auto",
                       help="brotli_static (auto: where Debian's module is installed)")
    nginx.add_argument("--include-dir", type=Path,
                       help="where nginx will read security-headers.conf (default: --out)")
    nginx.add_argument("--standalone", action="store_true",
                       help="also write an nginx.conf that runs from --out (make serve-production)")
    nginx.add_argument("--out", type=Path, required=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "hash-password":
        from helpcenter_server.dashboard.cli import hash_password_command

        return hash_password_command(args.username)
    try:
        if args.command == "nginx-config":
            return nginx_config(args)
        return serve(args) if args.command == "serve" else report(args)
    except (StoreError, AccountsError) as exc:
        # An operator's mistake (wrong URL, server down, no file yet): one line, no traceback.
        print(f"helpcenter_server: {exc}", file=sys.stderr)
        return 2


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    cors = [o for group in args.cors_origin for o in group]
    cors += origins(os.environ.get("FEEDBACK_CORS_ORIGINS", ""))
    proxies = [p for group in args.trusted_proxy for p in group]
    proxies += origins(os.environ.get("FEEDBACK_TRUSTED_PROXIES", ""))
    app = create_app(args.site_dir, chosen(args.db), rate_limit=args.rate_limit,
                     cors_origins=cors, durable_on_power_loss=args.durable_on_power_loss,
                     trusted_proxies=proxies, admin_users=args.admin_users)
    # The app applies proxy headers itself, only from --trusted-proxy; uvicorn's own default
    # would trust 127.0.0.1 without being asked.
    uvicorn.run(app, host=args.host, port=args.port, access_log=args.access_log,
                proxy_headers=False,
                **uvicorn_settings(args.request_timeout, args.max_connections))
    return 0


def nginx_config(args: argparse.Namespace) -> int:
    from helpcenter_server.web.nginx import (
        BROTLI_MODULE,
        NginxSite,
        languages_with_404,
        write_config,
    )

    brotli = BROTLI_MODULE.exists() if args.brotli == "auto" else args.brotli == "on"
    site = NginxSite(
        site_dir=args.site_dir.resolve(), upstreams=args.upstream or ["127.0.0.1:8001"],
        listen=args.listen, languages=args.language or languages_with_404(args.site_dir),
        brotli=brotli, include_dir=args.include_dir)
    for path in write_config(site, args.out, standalone=args.standalone):
        print(f"wrote {path}", file=sys.stderr)
    return 0


def report(args: argparse.Namespace) -> int:
    try:
        database = open_database(chosen(args.db), readonly=True)
    except StoreError as exc:
        hint = "" if is_postgres(chosen(args.db)) else (
            ": no votes yet (start the service with `make serve`)")
        print(f"{exc}{hint}", file=sys.stderr)
        return 1
    try:
        pages = read_report(database, args.comments)
    finally:
        database.close()
    sys.stdout.write(render_text(pages))
    if args.csv:
        args.csv.parent.mkdir(parents=True, exist_ok=True)
        args.csv.write_text(render_csv(pages), encoding="utf-8", newline="")
        print(f"CSV written to {args.csv}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
