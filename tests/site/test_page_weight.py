"""A help center that grows keeps its pages light: with three times the articles, an article page
and the home page weigh the same, the navigation shows an article's own topic and the article
itself, and every article stays reachable from the home page through its topic's page.

Built from benchmarks/corpus.py (the real articles copied under new slugs) at 40 and 120 articles
per language: both beyond what the home page and the navigation show of a topic."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support.site_html import LANGUAGES, catalogue, file_for, page_path, parse, resolve

from benchmarks.corpus import write_corpus

SIZES = (40, 120)
# Listing every article would add some 150 bytes per article: 12 KB from 40 to 120. Bounded lists
# only change which titles, of different lengths, they show: a few hundred bytes.
TOLERANCE = 2048


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, Path]]:
    work = tmp_path_factory.mktemp("corpora")
    built: dict[int, Path] = {}
    for n in SIZES:
        project = write_corpus(n, parent=work)
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
             str(project / "site")],
            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True, text=True,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        built[n] = project / "site"
    yield built
    shutil.rmtree(work, ignore_errors=True)


def size(site: Path, lang: str, slug: str) -> int:
    found = file_for(site, page_path(lang, slug))
    assert found is not None, page_path(lang, slug)
    return found.stat().st_size


def corpus_articles(site: Path, lang: str) -> dict[str, str]:
    """{slug: topic} of the corpus the site was built from."""
    docs = site.parent / "docs" / lang
    found = {}
    for path in docs.glob("*.md"):
        match = re.search(r"^topic: (\w+)$", path.read_text(encoding="utf-8"), re.M)
        if match:
            found[path.stem] = match[1]
    return found


def primary_nav_links(site: Path, lang: str, slug: str) -> list[str]:
    path = page_path(lang, slug)
    found = file_for(site, path)
    assert found is not None
    html = found.read_text(encoding="utf-8")
    nav = html[html.index("md-nav--primary"): html.index("md-sidebar--secondary")]
    hrefs = re.findall(r'<a href="([^"#]*)" class="md-nav__link', nav)
    return [resolve(path, href) for href in hrefs]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_article_page_weighs_the_same_with_three_times_the_articles(
    sites: dict[int, Path], lang: str
) -> None:
    small, large = sites[SIZES[0]], sites[SIZES[1]]
    for slug in ("paid-twice-1", "licence-changes-2", "service-plan-3", "users-vs-licences"):
        assert size(large, lang, slug) - size(small, lang, slug) <= TOLERANCE, slug


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_weighs_the_same_with_three_times_the_articles(
    sites: dict[int, Path], lang: str
) -> None:
    small, large = sites[SIZES[0]], sites[SIZES[1]]
    assert size(large, lang, "") - size(small, lang, "") <= TOLERANCE


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_article_navigation_shows_its_own_topic_with_the_article_itself(
    sites: dict[int, Path], lang: str
) -> None:
    site = sites[SIZES[1]]
    topics = corpus_articles(site, lang)
    # The last copy is beyond the first titles of its topic that the navigation shows.
    slug = "paid-twice-14"
    links = primary_nav_links(site, lang, slug)
    assert page_path(lang, slug) in links
    assert page_path(lang, f"topics/{topics[slug]}") in links
    others = [s for s, t in topics.items() if t != topics[slug]]
    assert not {page_path(lang, s) for s in others} & set(links)
    assert len(links) <= 1 + 4 + 8 + 1  # home, the topic pages, the first titles, itself


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_article_is_reachable_from_the_home_page_through_its_topic_page(
    sites: dict[int, Path], lang: str
) -> None:
    site = sites[SIZES[1]]
    topics = corpus_articles(site, lang)
    home = parse(file_for(site, page_path(lang, "")) or Path())
    show_all = catalogue(lang)["topic.show_all"].split("{count}")[0]
    topic_links = [resolve(page_path(lang, ""), e.attrs["href"]) for e in home.find("a")
                   if e.text.startswith(show_all)]
    expected = {page_path(lang, f"topics/{topic}") for topic in topics.values()}
    assert sorted(topic_links) == sorted(expected)
    reached: set[str] = set()
    for link in topic_links:
        topic_page = parse(file_for(site, link) or Path())
        reached |= {resolve(link, e.attrs["href"]) for e in topic_page.find("a")
                    if "href" in e.attrs}
    assert {page_path(lang, slug) for slug in topics} <= reached
