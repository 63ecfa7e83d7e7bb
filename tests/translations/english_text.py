"""A careful heuristic for English sentences left in a translated page.

A sentence counts as English when, after taking out what may stay English, it still has at least
two of the small English words a sentence cannot do without ("the", "you", "and", "if", "with"…),
and they make up at least a quarter of its words in Latin letters. What may stay English:
- names of organisations and services (from the services data), the site's name, and the names
  of the council areas;
- anything in brackets: a glossed English term, "przemoc domowa (domestic abuse)";
- an English name glossed in brackets right after it, as the translation guide asks for laws
  and orders: "Code of Practice for Victims of Crime (…)";
- anything in quotation marks of any language: words people must say in English, "police";
- text marked lang="en" (e.g. a service description not translated yet).
The small words were chosen because they are not words of Polish, Slovak or Romanian ("to", "a",
"in", "on", "do", "are", "we" and "was" are, so they are left out).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bs4 import BeautifulSoup

ENGLISH_WORDS = frozenset(
    "the and you your is with this that if not have has will what who they their them can "
    "should would could there about from when which been were or of it be for".split()
)
MIN_ENGLISH_WORDS = 2
MIN_SHARE = 0.25

BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# A capitalised name, its small joining words included, then a gloss in brackets.
GLOSSED_NAME = re.compile(
    r"[A-Z][A-Za-z'’-]*(?:\s+(?:of|for|and|the|from|to|in|on|[A-Z][A-Za-z'’-]*))*\s*\([^()]*\)"
)
QUOTES = re.compile(r"\"[^\"]*\"|“[^”]*”|„[^”“\"]*[”“\"]|«[^»]*»|‘[^’]*’|‚[^‘’]*[‘’]")
SENTENCE_END = re.compile(r"[.!?\u06d4\u061f\u0964\u0965\n:;]+")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
BLOCKS = "p, li, h1, h2, h3, h4, td, th, dt, dd, figcaption, summary"


def _without(text: str, names: Iterable[str]) -> str:
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return QUOTES.sub(" ", BRACKETS.sub(" ", GLOSSED_NAME.sub(" ", text)))


def english_sentences(text: str, names: Iterable[str] = ()) -> list[str]:
    """The sentences of `text` that read as English."""
    found = []
    names = list(names)
    for sentence in SENTENCE_END.split(text):
        kept = _without(sentence, names)
        words = [w.lower() for w in LATIN_WORD.findall(kept)]
        small = [w for w in words if w in ENGLISH_WORDS]
        if len(small) >= MIN_ENGLISH_WORDS and len(small) / len(words) >= MIN_SHARE:
            found.append(" ".join(sentence.split()))
    return found


def english_in_html(html: str, names: Iterable[str] = ()) -> list[str]:
    """English sentences in the blocks of a piece of HTML, leaving out anything marked lang="en"
    (the reader is told it is English)."""
    soup = BeautifulSoup(html, "html.parser")
    for marked in soup.select('[lang="en"]'):
        marked.decompose()
    found = []
    names = list(names)
    for block in soup.select(BLOCKS):
        # A list item's nested list is read as its own block.
        for nested in block.select("ul, ol"):
            nested.extract()
        found += english_sentences(block.get_text(" "), names)
    return found
