"""What readers and authors rely on in the article sources (docs/<lang>/*.md), read without a build.

Every article exists in Swedish, English and Finnish with the front matter the templates read,
the Swedish articles carry the source's facts (source_facts.yml, kept in the repository so a clone
tests without anything beside it) and no page in any language makes the claims the source does not
make (its `must_not_say`), and each translation has the same numbers and e-mail addresses as its
Swedish original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CATALOGUES = ROOT / "overrides" / "i18n"
SOURCE_FACTS = Path(__file__).with_name("source_facts.yml")

LANGS = ("sv", "en", "fi")
TRANSLATIONS = ("en", "fi")
SLUGS = (
    "users-vs-licences",
    "licence-changes",
    "invoice-quantity",
    "service-plan",
    "cancel-subscription",
    "paid-twice",
    "payment-extension",
    "payment-reminder",
)
TOPICS = {"licences", "subscription", "payments", "cancelling"}
CONTACT_ADDRESSES = {
    "support": "severa.support@visma.com",
    "invoicing": "severa.invoicing@visma.com",
    "local": None,
}
CALCULATORS = {
    "invoice-quantity": "invoice_quantity",
    "users-vs-licences": "spare_licences",
    "licence-changes": "proration",
    "paid-twice": "overpayment",
}
# The menu path in each language. The source gives only the Swedish interface's labels, so they are
# the ones in bold; a translation stands beside each one, and the article says it is one.
MENU_PATH = {
    "sv": ["kugghjulsikonen", "**Abonnemang**", "**Öppna**", "**Användarlicenser**",
           "papperskorgsikonen"],
    "en": ["cog icon", "Subscription (**Abonnemang**)", "Open (**Öppna**)",
           "User licences (**Användarlicenser**)", "bin icon", "our translations"],
    "fi": ["rataskuvake", "Tilaus (**Abonnemang**)", "Avaa (**Öppna**)",
           "Käyttäjälisenssit (**Användarlicenser**)", "roskakorikuvake", "käännöksiämme"],
}
HAND_WRITTEN_BOXES = {
    "sv": r"relaterade artiklar|kontakta oss",
    "en": r"related articles|contact us",
    "fi": r"aiheeseen liittyvät|liittyvät artikkelit|ota yhteyttä",
}

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)
LINK_TARGET = re.compile(r"\]\(([^)]*)\)")
LIST_MARKER = re.compile(r"^\s*\d+\.\s", re.M)
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december"),
}
# Dates as running text writes them: "15 mars 2026", "15 March 2026", "15.3.2026", and ranges within
# one year that give the year once: "1 januari–30 juni 2026", "1 January–30 June 2026", "1.1.–30.6.2026".
DASH = r"\s?[\u2013-]\s?"
NAMED_DATE = {lang: r"(\d{1,2}) (" + "|".join(months) + r")" for lang, months in MONTHS.items()}
NAMED_RANGE = {lang: re.compile(r"\b" + day + DASH + day + r" (\d{4})\b")
               for lang, day in NAMED_DATE.items()}
NAMED_SINGLE = {lang: re.compile(r"\b" + day + r" (\d{4})\b") for lang, day in NAMED_DATE.items()}
FI_RANGE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\." + DASH + r"(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
FI_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
# sv/fi: "1 950,00" (group separator a space of some kind, decimal comma); en: "1,950.00".
NORDIC_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
EN_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Page:
    lang: str
    slug: str
    meta: dict[str, Any]
    body: str

    @property
    def prose(self) -> str:
        """Title, description and body without code blocks or link targets: what a reader reads."""
        text = FENCE.sub("", self.body)
        text = LINK_TARGET.sub("]", text)
        return f"{self.meta.get('title', '')}\n{self.meta.get('description', '')}\n{text}"

    def calculator_blocks(self) -> list[dict[str, Any]]:
        return [yaml.safe_load(m.group(2)) for m in FENCE.finditer(self.body)
                if m.group(1) == "calculator"]


@dataclass(frozen=True)
class Claim:
    """Something the source does not say, the texts to keep it out of, and how it would be said."""

    claim: str
    where: tuple[str, ...]
    patterns: dict[str, tuple[re.Pattern[str], ...]]


@dataclass(frozen=True)
class Answer:
    """One question of the source, what its answer states and what it does not."""

    question: str
    slug: str
    numbers: frozenset[str]
    addresses: frozenset[str]
    words: tuple[str, ...]
    must_not_say: tuple[Claim, ...]


@dataclass(frozen=True)
class Source:
    answers: tuple[Answer, ...]
    keywords: tuple[str, ...]
    addresses: frozenset[str]

    def answer(self, slug: str) -> Answer:
        return next(a for a in self.answers if a.slug == slug)


def read_page(path: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
    assert match, f"{path.relative_to(ROOT)} has no YAML front matter"
    meta = yaml.safe_load(match.group(1)) or {}
    return Page(path.parent.name, path.stem, meta, match.group(2))


@cache
def pages(lang: str) -> dict[str, Page]:
    return {p.stem: read_page(p) for p in sorted((DOCS / lang).glob("*.md"))}


@cache
def articles(lang: str) -> dict[str, Page]:
    """Pages the templates treat as articles: those with a `topic`."""
    return {slug: page for slug, page in pages(lang).items() if "topic" in page.meta}


def article(lang: str, slug: str) -> Page:
    found = articles(lang).get(slug)
    assert found, f"docs/{lang}/{slug}.md is missing or has no `topic` in its front matter"
    return found


def read_claim(entry: dict[str, Any], slug: str) -> Claim:
    patterns = {lang: tuple(re.compile(p, re.I) for p in entry[lang]) for lang in LANGS}
    return Claim(" ".join(entry["claim"].split()), tuple(entry.get("in", [slug])), patterns)


@cache
def source() -> Source:
    data = yaml.safe_load(SOURCE_FACTS.read_text(encoding="utf-8"))
    answers = tuple(
        Answer(a["question"], a["slug"], frozenset(a["numbers"]), frozenset(a["addresses"]),
               tuple(a["words"]),
               tuple(read_claim(c, a["slug"]) for c in a.get("must_not_say", [])))
        for a in data["questions"])
    return Source(answers, tuple(data["keywords"]), frozenset(data["addresses"]))


@cache
def catalogue(lang: str) -> dict[str, str]:
    data = yaml.safe_load((CATALOGUES / f"{lang}.yml").read_text(encoding="utf-8"))
    return {str(key): str(value) for key, value in data.items()}


def text_of(where: str, lang: str) -> str:
    """What a reader reads of a page (`index`, an article's slug) or an interface string
    (`ui:<key>`), with runs of spaces as one space and its lines kept."""
    if where.startswith("ui:"):
        text = catalogue(lang)[where.removeprefix("ui:")]
    else:
        page = pages(lang).get(where)
        assert page, f"must_not_say names docs/{lang}/{where}.md, which does not exist"
        text = page.prose
    return re.sub(r"[ \t\u00a0]+", " ", text)


def dates(text: str, lang: str) -> tuple[set[str], str]:
    """ISO dates found in the text in the language's own format, and the text without them."""
    found: set[str] = set()

    def add(year: str, month: int, day: str) -> None:
        found.add(f"{year}-{month:02d}-{int(day):02d}")

    def iso(match: re.Match[str]) -> str:
        found.add(match.group(0))
        return " "

    def named(match: re.Match[str]) -> str:
        *days, year = match.groups()
        for day, month in zip(days[::2], days[1::2], strict=True):
            add(year, MONTHS[lang].index(month) + 1, day)
        return " "

    def numeric(match: re.Match[str]) -> str:
        *days, year = match.groups()
        for day, month in zip(days[::2], days[1::2], strict=True):
            add(year, int(month), day)
        return " "

    text = ISO_DATE.sub(iso, text)
    if lang in MONTHS:
        text = NAMED_SINGLE[lang].sub(named, NAMED_RANGE[lang].sub(named, text))
    if lang == "fi":
        text = FI_DATE.sub(numeric, FI_RANGE.sub(numeric, text))
    return found, text


def numbers(text: str, lang: str) -> set[str]:
    """Every number and date in the text, written the same way whatever the language."""
    text = EMAIL.sub(" ", text)
    found, text = dates(text, lang)
    text = LIST_MARKER.sub(" ", text)
    if lang == "en":
        raw = [n.replace(",", "") for n in EN_NUMBER.findall(text)]
    else:
        raw = [re.sub(r"[ \u00a0\u202f]", "", n).replace(",", ".")
               for n in NORDIC_NUMBER.findall(text)]
    return found | {canonical(n) for n in raw}


def canonical(value: Any) -> str:
    """A default or result of a calculator, written the way `numbers` writes it."""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return value
    return f"{Decimal(str(value)).normalize():f}"


def emails(text: str) -> set[str]:
    return {e.lower() for e in EMAIL.findall(text)}


def test_every_article_exists_in_every_language() -> None:
    for lang in LANGS:
        assert sorted(articles(lang)) == sorted(SLUGS), f"articles in docs/{lang}/"


def test_no_language_has_a_page_the_others_lack() -> None:
    swedish = set(pages("sv"))
    for lang in TRANSLATIONS:
        assert set(pages(lang)) == swedish, f"pages in docs/{lang}/ differ from docs/sv/"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_front_matter_gives_the_templates_what_they_need(lang: str, slug: str) -> None:
    meta = article(lang, slug).meta
    for key in ("title", "description"):
        assert isinstance(meta.get(key), str) and meta[key].strip(), f"{key} is empty"
    tags = meta.get("tags")
    assert isinstance(tags, list) and tags, "tags must be a non-empty list"
    assert all(isinstance(t, str) and t.strip() for t in tags), f"blank tag in {tags}"
    assert len({t.casefold() for t in tags}) == len(tags), f"duplicate tags in {tags}"
    assert meta.get("topic") in TOPICS
    assert meta.get("contact") in CONTACT_ADDRESSES
    related = meta.get("related")
    assert isinstance(related, list) and 2 <= len(related) <= 3, "related needs 2-3 slugs"
    assert set(related) <= set(SLUGS), f"unknown slugs in related: {related}"
    assert slug not in related and len(set(related)) == len(related)
    if "popular" in meta:
        assert isinstance(meta["popular"], int) and meta["popular"] >= 1


@pytest.mark.parametrize("lang", TRANSLATIONS)
@pytest.mark.parametrize("slug", SLUGS)
def test_grouping_ranking_related_and_contact_are_the_same_in_every_language(
    lang: str, slug: str
) -> None:
    swedish, translated = article("sv", slug).meta, article(lang, slug).meta
    for key in ("topic", "popular", "related", "contact"):
        assert translated.get(key) == swedish.get(key), key


def test_most_asked_list_ranks_four_articles_from_1_to_4() -> None:
    ranks = sorted(p.meta["popular"] for p in articles("sv").values() if "popular" in p.meta)
    assert ranks == [1, 2, 3, 4]


def test_every_home_page_topic_group_has_an_article() -> None:
    assert {p.meta["topic"] for p in articles("sv").values()} == TOPICS


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_article_heading_is_its_title_and_the_answer_comes_first(lang: str, slug: str) -> None:
    page = article(lang, slug)
    lines = [line for line in page.body.splitlines() if line.strip()]
    assert lines[0] == f"# {page.meta['title']}"
    assert sum(1 for line in page.body.splitlines() if line.startswith("# ")) == 1
    assert lines[1].startswith("**"), "the direct answer should open the article, in bold"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_articles_leave_related_lists_and_contact_boxes_to_the_template(
    lang: str, slug: str
) -> None:
    headings = re.findall(r"^#+\s+(.*)$", article(lang, slug).body, re.M)
    boxes = [h for h in headings if re.search(HAND_WRITTEN_BOXES[lang], h, re.I)]
    assert not boxes, f"hand-written related/contact section: {boxes}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_links_between_articles_stay_in_the_same_language(lang: str, slug: str) -> None:
    for target in LINK_TARGET.findall(article(lang, slug).body):
        if target.startswith("mailto:"):
            assert EMAIL.fullmatch(target.removeprefix("mailto:")), target
            continue
        assert not re.match(r"\w+://", target), f"external link {target}"
        assert (DOCS / lang / target.split("#")[0]).is_file(), f"broken link {target}"


def test_every_question_of_the_source_is_the_title_of_a_swedish_article() -> None:
    titles = {slug: page.meta["title"] for slug, page in articles("sv").items()}
    assert titles == {a.slug: a.question for a in source().answers}


def test_the_source_facts_cover_every_article() -> None:
    assert sorted(a.slug for a in source().answers) == sorted(SLUGS)
    for answer in source().answers:
        assert answer.addresses <= source().addresses
        assert answer.numbers == {canonical(n) for n in answer.numbers}, "write numbers canonically"


@pytest.mark.parametrize("slug", SLUGS)
def test_swedish_article_has_the_numbers_and_addresses_of_its_source_answer(slug: str) -> None:
    answer, page = source().answer(slug), article("sv", slug)
    assert answer.numbers <= numbers(page.prose, "sv")
    assert answer.addresses <= emails(page.prose)


@pytest.mark.parametrize("slug", SLUGS)
def test_swedish_article_states_the_source_facts_in_words(slug: str) -> None:
    prose = article("sv", slug).prose.casefold()
    missing = [fact for fact in source().answer(slug).words if fact.casefold() not in prose]
    assert not missing


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_no_page_says_what_the_source_does_not(lang: str, slug: str) -> None:
    said = [f"{where}: “{match[0]}”: {claim.claim}"
            for claim in source().answer(slug).must_not_say
            for where in claim.where
            for pattern in claim.patterns[lang]
            if (match := pattern.search(text_of(where, lang)))]
    assert not said, "\n".join(said)


def test_every_claim_the_source_does_not_make_has_patterns_in_every_language() -> None:
    claims = [claim for answer in source().answers for claim in answer.must_not_say]
    assert claims
    for claim in claims:
        assert all(claim.patterns[lang] for lang in LANGS), claim.claim
        for where in claim.where:
            for lang in LANGS:
                text_of(where, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_menu_path_to_user_licences_is_given_in_every_language(lang: str) -> None:
    body = article(lang, "users-vs-licences").body
    assert not [label for label in MENU_PATH[lang] if label not in body]
    steps = re.findall(r"^\d+\. ", body, re.M)
    assert len(steps) >= 4, "the menu path is a numbered list of steps"


@pytest.mark.parametrize("lang", TRANSLATIONS)
@pytest.mark.parametrize("slug", SLUGS)
def test_translation_has_the_same_numbers_as_the_swedish_article(lang: str, slug: str) -> None:
    swedish = numbers(article("sv", slug).prose, "sv")
    translated = numbers(article(lang, slug).prose, lang)
    assert translated == swedish, (
        f"only in sv: {sorted(swedish - translated)}; "
        f"only in {lang}: {sorted(translated - swedish)}"
    )


@pytest.mark.parametrize("lang", TRANSLATIONS)
@pytest.mark.parametrize("slug", SLUGS)
def test_translation_has_the_same_addresses_as_the_swedish_article(lang: str, slug: str) -> None:
    assert emails(article(lang, slug).prose) == emails(article("sv", slug).prose)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_addresses_in_an_article_agree_with_its_contact_box(lang: str, slug: str) -> None:
    page = article(lang, slug)
    address = CONTACT_ADDRESSES[page.meta["contact"]]
    assert emails(page.prose) <= ({address} if address else set())


@pytest.mark.parametrize("lang", LANGS)
def test_every_address_of_the_source_is_given_in_every_language(lang: str) -> None:
    given = set().union(*(emails(p.prose) for p in articles(lang).values()))
    assert source().addresses <= given
    assert source().addresses <= emails(pages(lang)["index"].body), "home page lacks an address"


def test_every_keyword_of_the_source_is_a_tag_of_a_swedish_article() -> None:
    tags = {t.casefold() for p in articles("sv").values() for t in p.meta["tags"]}
    assert not [k for k in source().keywords if k.casefold() not in tags]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_calculator_embed_is_where_the_worked_example_is(lang: str, slug: str) -> None:
    blocks = article(lang, slug).calculator_blocks()
    if slug not in CALCULATORS:
        assert blocks == []
        return
    assert len(blocks) == 1, "one calculator per article"
    assert blocks[0]["name"] == CALCULATORS[slug]
    assert blocks == article("sv", slug).calculator_blocks(), "defaults differ from Swedish"


@pytest.mark.parametrize("slug", sorted(CALCULATORS))
def test_calculator_defaults_reproduce_the_worked_example(slug: str) -> None:
    page = article("sv", slug)
    defaults = {k: v for k, v in page.calculator_blocks()[0].items() if k != "name"}
    values: list[Any] = []
    for value in defaults.values():
        values.extend(value if isinstance(value, list) else [value])
    in_example = numbers(page.prose, "sv")
    shown = {canonical(v) for v in values}
    assert shown <= in_example, f"defaults not in the example: {sorted(shown - in_example)}"


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_has_a_title_and_is_not_listed_as_an_article(lang: str) -> None:
    home = pages(lang).get("index")
    assert home, f"docs/{lang}/index.md is missing"
    assert isinstance(home.meta.get("title"), str) and home.meta["title"].strip()
    assert "topic" not in home.meta


@pytest.mark.parametrize("slug", sorted(CALCULATORS))
def test_calculator_with_the_article_defaults_gives_the_worked_example_results(slug: str) -> None:
    import calculators

    block = article("sv", slug).calculator_blocks()[0]
    name = block.pop("name")
    fields = {f["name"] for f in calculators.specs()[name]["fields"]}
    assert set(block) <= fields, f"unknown fields in the embed: {sorted(set(block) - fields)}"
    inputs = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in block.items()}
    outcome = calculators.run(name, inputs)
    assert outcome["ok"], outcome
    values: list[Any] = []
    for value in outcome["result"].values():
        values.extend(value if isinstance(value, list) else [value])
    # A zero (no credit, nothing left to pay) is a result the example need not spell out.
    shown = {canonical(v) for v in values}
    shown.discard("0")
    in_example = numbers(article("sv", slug).prose, "sv")
    assert shown <= in_example, f"results missing from the example: {sorted(shown - in_example)}"


@pytest.mark.parametrize("lang", LANGS)
def test_users_vs_licences_counts_the_invoice_the_way_invoice_quantity_does(lang: str) -> None:
    # The invoice shows licences × months (6 × 10 = 60), never just "10 licences".
    prose = article(lang, "users-vs-licences").prose
    assert "6 \u00d7 10 = 60" in prose
    assert "invoice-quantity.md" in article(lang, "users-vs-licences").body


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", sorted(CALCULATORS))
def test_article_and_calculator_multiply_in_the_same_order(lang: str, slug: str) -> None:
    # "6 × 10 = 60" in the article and "10 × 6" in the calculator beside it read as two rules.
    import itertools

    import calculators

    block = article(lang, slug).calculator_blocks()[0]
    name = block.pop("name")
    inputs = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in block.items()}
    prose = article(lang, slug).prose
    for tokens in calculators.explain(name, inputs).values():
        factors = [t["value"] for t in tokens if isinstance(t, dict)]
        if len(factors) < 2 or any(t != "\u00d7" for t in tokens if isinstance(t, str)):
            continue
        shown = " \u00d7 ".join(factors)
        for order in itertools.permutations(factors):
            other = " \u00d7 ".join(order)
            assert other == shown or f"{other} =" not in prose, f"“{other}” beside “{shown}”"
