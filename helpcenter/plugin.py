"""The help center's build: one MkDocs plugin that calls the build library in event order.

Registered as `helpcenter` (pyproject.toml's `mkdocs.plugins` entry point) and listed last under
`plugins:` in mkdocs.yml. It keeps the state of one build on the instance: the site model, built
once from every language's files, and what the language passes gather for the post-build steps.

mkdocs-static-i18n builds one language per pass and runs the other languages' passes inside the
default language's on_post_build (priority -100); `languages.main_pass` tells the passes apart.
Events that must run before or after the i18n plugin's own have a priority of their own, combined
under one event name (mkdocs.plugins.CombinedEvent):

- on_files at 100 builds the site model, before the i18n plugin narrows the files to one
  language (-100); at -110 it adds the topic pages of the language being built.
- on_nav at -110 arranges the navigation the i18n plugin (-100) has cut to one language; at -120
  the 404 pages take the navigation as finally arranged.
- on_post_build at 0 writes what each pass adds (sitemaps, 404 page, Pyodide runtime); at -200,
  in the main pass, after every language: the search indexes, the manifest the server reads,
  and last the brotli and gzip copies of all of it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import is_error_template
from mkdocs.utils.templates import TemplateContext

from helpcenter import (
    articles,
    csp_hashes,
    limits,
    manifest,
    not_found_pages,
    precompress,
    pyodide_assets,
    site_model,
)
from helpcenter.calculator_embed import CalculatorEmbed
from helpcenter.config import HelpCenterConfig
from helpcenter.html_conformance import drop_checkbox_autocomplete
from helpcenter.language_alternates import SITEMAP, Alternates
from helpcenter.languages import current_language, languages_of, main_pass
from helpcenter.search import pagefind
from helpcenter.search.records import Article, article_of
from helpcenter.ui_catalogue import Catalogue, drop_from_site

log = logging.getLogger("mkdocs.plugins.helpcenter")


# MkDocs' BasePlugin.__init_subclass__ carries no annotations.
class HelpCenterPlugin(BasePlugin[HelpCenterConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.embed = CalculatorEmbed()
        self.catalogue: Catalogue | None = None
        self._model: site_model.SiteModel | None = None
        self._alternates: Alternates | None = None
        self.topics = articles.TopicNav()
        # What the 404 pages of the other languages are rendered with (not_found_pages).
        self._env: Environment | None = None
        self._files: Files | None = None
        self._nav: Navigation | None = None
        self._sitemap: Template | None = None
        # Articles of every language, by URL, gathered across the language passes.
        self.search_articles: dict[str, Article] = {}

    # The build's state

    @property
    def model(self) -> site_model.SiteModel:
        if self._model is None:
            raise RuntimeError("the site model is built in on_files; is the helpcenter plugin "
                               "enabled for this build?")
        return self._model

    @property
    def alternates(self) -> Alternates:
        if self._alternates is None or self._alternates.model is not self.model:
            self._alternates = Alternates(self.model)
        return self._alternates

    def ui(self, config: MkDocsConfig) -> dict[str, str]:
        """The interface strings of the language being built."""
        if self.catalogue is None:
            raise RuntimeError("the UI catalogue is loaded in on_config")
        return self.catalogue(current_language(config))

    # Events, in the order MkDocs runs them

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Every language pass runs on_config again, on the same configuration.
        self.catalogue = self.catalogue or Catalogue.of_theme(config)
        self.embed.configure(config)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if main_pass(config):  # a new build (`mkdocs serve` rebuilds), not the next language
            self.catalogue = Catalogue.of_theme(config)
            self.embed.reset()
            self._model = None
            self.search_articles = {}

    @event_priority(100)  # before the i18n plugin hides the other languages' files
    def _build_model(self, files: Files, *, config: MkDocsConfig) -> Files:
        if main_pass(config):
            assert self.catalogue is not None
            titles = self.catalogue.topic_titles(
                [lang.code for lang in languages_of(config)], site_model.TOPICS)
            self._model = site_model.build(files.documentation_pages(), config, titles)
            for problem in self.model.problems(config.extra.get("contact_email", {})):
                log.warning(problem)
        return files

    def _site_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        drop_from_site(files)
        # Material shows its header switcher only when extra.alternate is set; pages overwrite it.
        config.extra["alternate"] = self.alternates.of("")
        not_found_pages.keep_material_rendering(config, current_language(config), self.model)
        return files

    @event_priority(-110)  # after the i18n plugin (-100) has kept this language's files
    def _topic_pages(self, files: Files, *, config: MkDocsConfig) -> Files:
        return articles.add_topic_pages(files, config, self.model, current_language(config))

    on_files = CombinedEvent(_build_model, _site_files, _topic_pages)

    @event_priority(-110)  # after the i18n plugin (-100) has cut the nav down to this language
    def _arrange_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        arranged, self.topics = articles.arrange_nav(
            nav, self.model, current_language(config), self.ui(config))
        return arranged

    @event_priority(-120)  # the nav as finally arranged, for the 404 pages
    def _keep_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav
        return nav

    on_nav = CombinedEvent(_arrange_nav, _keep_nav)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.globals["ui"] = self.ui(config)
        env.globals["ui_locale"] = current_language(config)
        env.globals["default_locale"] = self.model.default.code
        env.globals["limits"] = limits.as_json()
        self._sitemap = env.get_template(SITEMAP)
        self._env, self._files = env, files
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        articles.set_home_template(page, self.model)
        # Material's search plugin stays enabled only for its header button and dialog; its lunr
        # index is never used. Every page opts out of it with Material's documented front matter
        # (`search: exclude: true`), which spares parsing each page a second time.
        search = page.meta.get("search")
        page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
        self.embed.start_page(page, current_language(config), self.ui(config))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        return self.embed.finish_page(html, page)

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        model = self.model
        feedback = manifest.feedback_page(page, model)
        if feedback is not None:
            context["feedback_page"] = feedback  # type: ignore[typeddict-unknown-key]
        config.extra["alternate"] = self.alternates.of_source(page.file.src_uri)
        # The templates read keys of the site's own beside MkDocs' TemplateContext.
        articles.page_context(
            cast("dict[str, Any]", context), page, nav, model, self.topics, self.ui(config),
            config.extra.get("contact_email", {}))
        article = article_of(page, current_language(config))
        if article is None:
            self.search_articles.pop(page.url, None)
        else:
            self.search_articles[page.url] = article
        return context

    def on_template_context(self, context: TemplateContext, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        extra = cast("dict[str, Any]", context)
        if template_name == SITEMAP:
            extra["sitemap_entries"] = self.alternates.site_sitemap()
        elif is_error_template(template_name):
            # A 404 page has no counterpart: the switcher offers home pages, <head> no hreflang.
            config.extra["alternate"] = self.alternates.of("")
            extra["home_path"] = self.model.root_path(current_language(config), "")
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return drop_checkbox_autocomplete(output)

    def on_post_template(self, output_content: str, *, template_name: str,
                         config: MkDocsConfig) -> str:
        # 404.html is a static template, not a page: on_post_page never sees it.
        if not template_name.endswith(".html"):
            return output_content
        return drop_checkbox_autocomplete(output_content)

    def _after_pass(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        lang = current_language(config)
        if self._sitemap is not None:
            self.alternates.write_page_sitemaps(self._sitemap, site_dir, lang)
        if self._env is not None and self._nav is not None and self._files is not None:
            not_found_pages.write_page(config, self._env, self._nav, self._files, self.model,
                                       lang)
        pyodide_assets.copy_runtime(site_dir)

    @event_priority(-200)  # after the i18n plugin's (-100), which builds the other languages
    def _after_all(self, *, config: MkDocsConfig) -> None:
        if not main_pass(config):
            return
        site_dir = Path(config.site_dir)
        langs = {lang.code for lang in self.model.languages}
        pagefind.use_pinned_pagefind()
        pagefind.write_bundle([a for a in self.search_articles.values() if a.lang in langs],
                              site_dir / pagefind.BUNDLE_DIR, Path(self.config.search_words))
        # Material's search plugin must stay enabled for its header button and dialog; its lunr
        # index of every language is not used by anything.
        for path in site_dir.glob("**/search/search_index.json"):
            path.unlink()
        manifest.write(site_dir, self.model, csp_hashes.script_hashes(site_dir))
        if self.config.precompress:
            precompress.precompress_site(site_dir)

    on_post_build = CombinedEvent(_after_pass, _after_all)
