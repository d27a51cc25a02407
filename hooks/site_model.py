"""Builds the site model (helpcenter/site_model.py) once per build, for every other hook to read.

Listed first in mkdocs.yml. The i18n plugin runs a build pass per language and narrows each pass's
files to its own language (on_files, priority -100); the model needs every language, so it is
built from the full file list of the first pass and kept for the others. Missing translations and
front matter that points nowhere are reported here, once, as warnings (fatal under --strict).
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from ui_catalogue import catalogue

from helpcenter import site_model

log = logging.getLogger("mkdocs.hooks.site_model")


def _first_pass(config: MkDocsConfig) -> bool:
    plugin: Any = config.plugins.get("i18n")
    return plugin is None or not plugin.building


@event_priority(100)  # before the i18n plugin hides the other languages' files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if _first_pass(config):
        titles = {
            lang.code: {
                topic: catalogue(lang.code)["topic.page_title"].format(
                    topic=catalogue(lang.code)[f"topic.{topic}"]
                )
                for topic in site_model.TOPICS
            }
            for lang in site_model.languages_of(config)
        }
        model = site_model.build(files.documentation_pages(), config, titles)
        for problem in model.problems(config.extra.get("contact_email", {})):
            log.warning(problem)
    return files
