"""ASGI application: serves the built site (feedback API comes next)."""

from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles


def create_app(site_dir: Path, db_path: Path) -> Starlette:
    return Starlette(routes=[Mount("/", app=StaticFiles(directory=site_dir, html=True))])
