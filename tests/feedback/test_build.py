"""The build tells the service which articles exist, and every article asks its question."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
import pytest

from helpcenter_server.manifest import MANIFEST_NAME
from tests.support.feedback import LANGUAGES, SLUGS


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


SEARCH_INSIGHTS_META = re.compile(r'<meta name="hc-search-insights" content="([^"]*)">')


def test_every_page_says_where_search_reports_go_beside_the_votes(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if "search-insights.js" not in html:
            continue
        assert SEARCH_INSIGHTS_META.findall(html) == ["/api/search-insights"], page
    script = built_site / "assets" / "javascripts" / "insights" / "search-insights.js"
    assert "/api/" not in script.read_text(encoding="utf-8"), "the script names an address itself"


def service_endpoints(endpoint: str | None, base_url: str = "..") -> tuple[str, str]:
    """The vote and search-insights addresses partials/service.html gives for a setting."""
    overrides = Path(__file__).resolve().parents[2] / "overrides"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(overrides), autoescape=True)
    page = env.from_string(
        '{% from "partials/service.html" import vote_endpoint, search_insights_endpoint'
        ' with context %}{{ vote_endpoint() }} {{ search_insights_endpoint() }}')
    feedback = {} if endpoint is None else {"endpoint": endpoint}
    vote, search = page.render(config={"extra": {"feedback": feedback}},
                               base_url=base_url).split(" ")
    return vote, search


@pytest.mark.parametrize(("endpoint", "vote", "search"), [
    (None, "/api/feedback", "/api/search-insights"),
    ("/api/feedback", "/api/feedback", "/api/search-insights"),
    # A static host with the service elsewhere: search reports go to that service too.
    ("https://feedback.example/api/feedback", "https://feedback.example/api/feedback",
     "https://feedback.example/api/search-insights"),
    ("https://help.example/service/api/feedback", "https://help.example/service/api/feedback",
     "https://help.example/service/api/search-insights"),
    ("api/feedback", "../api/feedback", "../api/search-insights"),
])
def test_search_reports_follow_the_configured_vote_endpoint(
        endpoint: str | None, vote: str, search: str) -> None:
    assert service_endpoints(endpoint) == (vote, search)


def test_the_page_and_the_service_share_one_comment_limit_and_reason_list(
        built_site: Path) -> None:
    from helpcenter import limits
    from helpcenter_server.manifest import load_manifest
    from helpcenter_server.votes.validation import REASONS

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
