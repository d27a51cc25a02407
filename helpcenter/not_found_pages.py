"""A 404 page per language: /404.html (default language), /en/404.html, /fi/404.html.

Material renders 404.html as a static template in every language build, all to the same
/404.html, so the last-built language would win. The default-language build keeps Material's
rendering; the other builds skip it and write <locale>/404.html themselves.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.utils import write_file

from helpcenter.site_model import SiteModel

TEMPLATE = "404.html"


def keep_material_rendering(config: MkDocsConfig, lang: str, model: SiteModel) -> None:
    """Material renders the default language's 404 page; the other languages' are written by
    `write_page`. Static templates are rendered after the pages, so on_files decides."""
    static_templates: set[str] = config.theme.static_templates
    if lang == model.default.code:
        static_templates.add(TEMPLATE)
    else:
        static_templates.discard(TEMPLATE)


def write_page(config: MkDocsConfig, env: Environment, nav: Navigation, files: Files,
               model: SiteModel, lang: str) -> None:
    """<lang>/404.html, rendered as MkDocs renders a static template, plugins' events included."""
    if lang == model.default.code:
        return
    template = config.plugins.on_pre_template(
        env.get_template(TEMPLATE), template_name=TEMPLATE, config=config
    )
    # Error pages are served at any path, so links are absolute (as MkDocs does for /404.html).
    context = get_context(nav, files, config, base_url=model.site_path)
    context = config.plugins.on_template_context(context, template_name=TEMPLATE, config=config)
    output = config.plugins.on_post_template(
        template.render(context), template_name=TEMPLATE, config=config
    )
    write_file(output.encode("utf-8"), str(Path(config.site_dir) / lang / TEMPLATE))
