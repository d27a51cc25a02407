"""Interface strings: one catalogue per language in overrides/i18n/<locale>.yml.

Templates read them as `ui["feedback.question"]`; other hooks call `strings(config)`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from helpcenter.site_model import current_language

CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "overrides" / "i18n"


@cache
def catalogue(locale: str) -> dict[str, str]:
    with (CATALOGUE_DIR / f"{locale}.yml").open(encoding="utf-8") as f:
        data: dict[str, str] = yaml.safe_load(f) or {}
    return data


def strings(config: MkDocsConfig) -> dict[str, str]:
    return catalogue(current_language(config))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The catalogue lives in the theme folder, which MkDocs publishes; it is build input only."""
    for file in [f for f in files if f.src_uri.startswith("i18n/")]:
        files.remove(file)
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["ui"] = strings(config)
    env.globals["ui_locale"] = current_language(config)
    return env
