"""A 404 page per language: /404.html (default language), /en/404.html, /fi/404.html.

Material renders 404.html as a static template in every language build, all to the same
/404.html, so the last-built language would win. The default-language build keeps Material's
rendering; the other builds skip it and write <locale>/404.html themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.utils import write_file

from helpcenter.site_model import current, current_language

TEMPLATE = "404.html"
_build: dict[str, Any] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Static templates are rendered after the pages, so the site model (built in on_files) decides.
    static_templates: set[str] = config.theme.static_templates
    if current_language(config) == current().default.code:
        static_templates.add(TEMPLATE)
    else:
        static_templates.discard(TEMPLATE)
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    _build["env"], _build["files"] = env, files
    return env


@event_priority(-120)  # the nav as finally arranged (hooks/articles.py runs at -110)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _build["nav"] = nav
    return nav


def on_post_build(config: MkDocsConfig) -> None:
    locale = current_language(config)
    model = current()
    if locale == model.default.code:
        return
    env: Environment = _build["env"]
    template = config.plugins.on_pre_template(
        env.get_template(TEMPLATE), template_name=TEMPLATE, config=config
    )
    # Error pages are served at any path, so links are absolute (as MkDocs does for /404.html).
    context = get_context(_build["nav"], _build["files"], config, base_url=model.site_path)
    context = config.plugins.on_template_context(context, template_name=TEMPLATE, config=config)
    output = config.plugins.on_post_template(
        template.render(context), template_name=TEMPLATE, config=config
    )
    write_file(output.encode("utf-8"), str(Path(config.site_dir) / locale / TEMPLATE))
