"""Compound words, the way search matches them joined or apart.

"dubbelbetalning" is also indexed as "dubbel" + "betalning" (`compound_parts`), and "dubbel
betalning" also as "dubbelbetalning" (`joined_pairs`), because customers write compounds both
ways. The rules are linguistic only: no I/O, no HTML beyond stripping tags from a text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from itertools import pairwise

# Languages whose compounds are written closed; for them a known first part is enough
# evidence to index the rest of the word as a part even if it never occurs alone.
CLOSED_COMPOUNDING = frozenset({"sv", "fi", "da", "no", "de", "nl"})
MIN_PART = 4
MIN_UNKNOWN_HEAD = 6

_WORD = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"<[^>]+>")


def words(text: str) -> list[str]:
    """Lower-case words of a text that may contain HTML markup."""
    return [w.lower() for w in _WORD.findall(html.unescape(_TAG.sub(" ", text)))]


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(w for text in texts for w in words(text) if len(w) >= 3)


def _known_modifier(modifier: str, vocab: frozenset[str], lang: str) -> bool:
    """Whether a compound's first part is a word of the language, as compounds write it."""
    if modifier in vocab:
        return True
    # Linking -s (faktureringsperiod) and dropped final vowel (användar|licens, käyttäjä|n).
    linked = modifier[:-1] if lang == "sv" and modifier.endswith("s") else ""
    if len(linked) >= MIN_PART and linked in vocab:
        return True
    return any(w in vocab for w in (modifier + "e", modifier + "a", modifier + "n", modifier + "t"))


def compound_parts(word: str, vocab: frozenset[str], lang: str) -> list[str]:
    """The trailing parts of a compound word that are worth indexing on their own.

    A split needs a first part that is a word of the corpus, as compounds write it.
    The rest is accepted when it is a corpus word too (betalningspåminnelse ->
    påminnelse), or, in closed-compounding languages, when it is long enough to be a
    word; then only the longest known first part counts, so that asiakas|palvelumme
    wins over asia|kaspalvelumme. Parts are decomposed again (bankkontonumret ->
    kontonumret -> numret).
    """
    found: list[str] = []
    todo = [word]
    while todo:
        current = todo.pop()
        unknown_head = ""
        for i in range(3, len(current) - 2):
            modifier, head = current[:i], current[i:]
            if not _known_modifier(modifier, vocab, lang):
                continue
            if head in vocab and len(head) >= MIN_PART and (i >= MIN_PART or len(head) >= 5):
                if head not in found:
                    found.append(head)
                    todo.append(head)
            elif (lang in CLOSED_COMPOUNDING and i >= MIN_PART
                  and len(head) >= MIN_UNKNOWN_HEAD):
                unknown_head = head
        if unknown_head and unknown_head not in found:
            found.append(unknown_head)
            todo.append(unknown_head)
    return found


def parts_text(texts: Iterable[str], vocab: frozenset[str], lang: str) -> str:
    """Space-separated compound parts of all words in the texts, each once."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in words(text):
            for part in compound_parts(word, vocab, lang):
                seen.setdefault(part, None)
    return " ".join(seen)


def joined_pairs(texts: Iterable[str], stop_words: frozenset[str]) -> list[str]:
    """Adjacent content words written together: "dubbel betalning" -> "dubbelbetalning".

    Customers write compounds both open and closed; with the closed form indexed too, a search
    for either finds the article."""
    seen: dict[str, None] = {}
    for text in texts:
        for part in re.split(r"[,.;:!?()]", text):
            ws = [w for w in words(part) if w not in stop_words]
            for first, second in pairwise(ws):
                if len(first) >= 3 and len(second) >= 3:
                    seen.setdefault(first + second, None)
    return list(seen)
