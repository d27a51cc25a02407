"""Command line: `python -m feedback_service serve ...`."""

import argparse
from pathlib import Path

import uvicorn

from feedback_service.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser(prog="feedback_service")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the built site and the feedback API")
    serve.add_argument("--site-dir", type=Path, default=Path("site"))
    serve.add_argument("--db", type=Path, default=Path("var/feedback.sqlite3"))
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    if args.command == "serve":
        args.db.parent.mkdir(parents=True, exist_ok=True)
        uvicorn.run(create_app(args.site_dir, args.db), host=args.host, port=args.port)


if __name__ == "__main__":
    main()
