"""The options of the help center's MkDocs plugin (`plugins: - helpcenter:` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


# MkDocs' Config.__init_subclass__ carries no annotations.
class HelpCenterConfig(Config):  # type: ignore[no-untyped-call]
    # Stop words and synonyms per language, kept by authors: <search_words>/<lang>.yml.
    search_words = c.Dir(exists=True, default="search")
    # Brotli and gzip copies beside every compressible file of the built site.
    precompress = c.Type(bool, default=True)
