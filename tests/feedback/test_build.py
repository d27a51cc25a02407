"""The build tells the service which articles exist, and every article asks its question."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from feedback_service.manifest import MANIFEST_NAME

from .helpers import LANGUAGES, SLUGS


def page_path(site: Path, language: str, slug: str) -> Path:
    prefix = "" if language == "sv" else f"{language}/"
    return site / prefix / slug / "index.html"


def data_attributes(html: str) -> dict[str, str]:
    match = re.search(r"<section[^>]*data-hc-feedback[^>]*>", html)
    assert match, "no feedback question on the page"
    return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', match.group()))


def test_the_manifest_lists_every_article_in_every_language(built_site: Path) -> None:
    manifest = json.loads((built_site / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert {lang: sorted(pages) for lang, pages in manifest["articles"].items()} == {
        lang: sorted(SLUGS) for lang in LANGUAGES}


def test_the_manifest_gives_each_articles_path_as_a_reader_opens_it(built_site: Path) -> None:
    manifest = json.loads((built_site / MANIFEST_NAME).read_text(encoding="utf-8"))
    for language, pages in manifest["articles"].items():
        for slug, info in pages.items():
            assert info["path"] == "/" + page_path(Path(), language, slug).parent.as_posix() + "/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_article_page_carries_its_slug_language_and_version(
        built_site: Path, language: str) -> None:
    manifest = json.loads((built_site / MANIFEST_NAME).read_text(encoding="utf-8"))
    for slug in SLUGS:
        data = data_attributes(page_path(built_site, language, slug).read_text(encoding="utf-8"))
        assert (data["article"], data["language"], data["endpoint"]) == (
            slug, language, "/api/feedback")
        assert data["version"] == manifest["articles"][language][slug]["version"]


def test_pages_that_are_not_articles_do_not_ask(built_site: Path) -> None:
    for home in (built_site / "index.html", built_site / "en" / "index.html",
                 built_site / "404.html"):
        assert "data-hc-feedback" not in home.read_text(encoding="utf-8")


def test_the_script_and_styles_are_same_origin_files(built_site: Path) -> None:
    html = page_path(built_site, "en", "paid-twice").read_text(encoding="utf-8")
    assert re.search(r'<script src="[./]*assets/javascripts/feedback/feedback\.js"', html)
    assert re.search(r'href="[./]*assets/stylesheets/feedback\.css"', html)
    assert (built_site / "assets" / "javascripts" / "feedback" / "feedback.js").is_file()


def test_the_page_and_the_service_share_one_comment_limit_and_reason_list(
        built_site: Path) -> None:
    from feedback_service.manifest import load_manifest
    from feedback_service.validation import REASONS
    from helpcenter import limits

    service = load_manifest(built_site)
    assert service.reasons == limits.REASONS == REASONS
    assert service.comment_max_chars == limits.COMMENT_MAX_CHARS
    assert (service.query_min_chars, service.query_max_chars) == (
        limits.QUERY_MIN_CHARS, limits.QUERY_MAX_CHARS)
    html = page_path(built_site, "sv", SLUGS[0]).read_text(encoding="utf-8")
    assert data_attributes(html)["comment-max"] == str(service.comment_max_chars)
    assert f'maxlength="{service.comment_max_chars}"' in html
    offered = re.findall(r'name="reason" value="([a-z_]+)"', html)
    assert tuple(offered) == service.reasons
    search = re.search(r"<div[^>]*data-site-search[^>]*>", html)
    assert search and f'data-query-max="{service.query_max_chars}"' in search.group()
