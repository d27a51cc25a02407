"""The readable text of an article's HTML and its section headings, for the search index."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _TextOnly(HTMLParser):
    """The readable text of an article's HTML, without calculator forms or permalink signs."""

    SKIPPED = frozenset({"form", "script", "style", "svg", "button", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.headings: list[str] = []
        self._skip = 0
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in self.SKIPPED or "headerlink" in classes:
            self._skip += 1
        elif tag in {"p", "li", "h1", "h2", "h3", "h4", "td", "th", "br", "div", "blockquote"}:
            self.parts.append(" ")
            if tag in {"h2", "h3", "h4"}:
                self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if self._skip and (tag in self.SKIPPED or tag == "a"):
            self._skip -= 1
        elif tag in {"h2", "h3", "h4"} and self._heading is not None:
            self.headings.append(re.sub(r"\s+", " ", "".join(self._heading)).strip())
            self._heading = None

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)
            if self._heading is not None:
                self._heading.append(data)


def text_of(page_html: str) -> tuple[str, list[str]]:
    """An article's text and its section headings, which say in a few words what it covers."""
    parser = _TextOnly()
    parser.feed(page_html)
    text = re.sub(r"\s+", " ", "".join(parser.parts)).strip()
    return text, [h for h in parser.headings if h]


_TOKEN = re.compile(r"\w+")


def distinct_words(text: str) -> str:
    """Each word of a text once, lower case, in the order it first occurs.

    What the index needs of an article's body is which words it uses: its title, tags and the
    customers' phrasings carry the weight. Repeated, a common stem (lasku-) made every lookup
    return each of its twenty-odd places in every article, and the page score them all."""
    return " ".join(dict.fromkeys(w.lower() for w in _TOKEN.findall(text)))
