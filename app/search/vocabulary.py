"""The plain-words vocabulary (content/synonyms.yaml): everyday phrases → our topics and words.

People search with their own words ("he checks my phone", "DV", "nudes shared"); pages use ours
("coercive control", "domestic abuse", "intimate image abuse"). Each entry lists phrases and what
they mean: `topics` (from the fixed topic list; pages and services tagged with them rank higher)
and/or `words` (added to the search at a lower weight). Phrases are compared after the language's
analysis (lower-cased, folded and stemmed, every word kept), so "checking my phone" matches the
phrase "checks my phone" but "am I abusive" needs all three words. The file is checked against
its type (`VocabularyFile`) at start-up, like every content file (app/content/validation.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field, Strict, WithJsonSchema

from app.content.errors import ContentError
from app.content.models import FORBID_EXTRA, Text, Topic
from app.content.validation import check, read_yaml
from app.search.analyzers import ANALYZERS, phrase_analyzer, tokens

VOCABULARY_FILE = "synonyms.yaml"


def _served(lang: str) -> str:
    if lang not in ANALYZERS:
        raise ValueError(f"{lang!r} is not one of {sorted(ANALYZERS)}")
    return lang


Lang = Annotated[
    str, Strict(), AfterValidator(_served), WithJsonSchema({"enum": sorted(ANALYZERS)})
]


@dataclass(frozen=True)
class EntryData:
    """One entry of synonyms.yaml as written: phrases, and the topics and/or words they mean."""

    __pydantic_config__ = FORBID_EXTRA

    phrases: Annotated[tuple[Text, ...], Field(min_length=1)]
    topics: tuple[Topic, ...] | None = None
    words: tuple[Text, ...] | None = None

    def __post_init__(self) -> None:
        if self.topics is None and self.words is None:
            raise ValueError("an entry needs 'topics' or 'words'")


# The whole file: each language's entries.
VocabularyFile = dict[Lang, tuple[EntryData, ...]]


class VocabularyError(ContentError):
    """synonyms.yaml is malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class Entry:
    phrases: tuple[tuple[str, ...], ...]  # analysed
    topics: tuple[str, ...]
    words: tuple[str, ...]  # as written: they are searched like typed words


@dataclass(frozen=True)
class Match:
    topics: tuple[str, ...]
    words: tuple[str, ...]

    def merge(self, other: Match) -> Match:
        return Match(
            self.topics + tuple(t for t in other.topics if t not in self.topics),
            self.words + tuple(w for w in other.words if w not in self.words),
        )


@dataclass(frozen=True)
class Vocabulary:
    entries: dict[str, tuple[Entry, ...]]
    _starts: dict[str, dict[str, list[tuple[int, tuple[str, ...]]]]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        # Per language: first word of a phrase → (entry number, phrase), so a query is compared
        # only with the phrases that start with one of its words.
        starts: dict[str, dict[str, list[tuple[int, tuple[str, ...]]]]] = {}
        for lang, entries in self.entries.items():
            by_first = starts.setdefault(lang, {})
            for number, entry in enumerate(entries):
                for phrase in entry.phrases:
                    if phrase:
                        by_first.setdefault(phrase[0], []).append((number, phrase))
        object.__setattr__(self, "_starts", starts)

    def match(self, lang: str, query_tokens: Sequence[str]) -> Match:
        """Topics and words meant by the (analysed) query tokens, in entry order, no repeats."""
        starts = self._starts.get(lang, {})
        query = tuple(query_tokens)
        found = {
            number
            for i, token in enumerate(query)
            for number, phrase in starts.get(token, ())
            if query[i : i + len(phrase)] == phrase
        }
        topics: list[str] = []
        words: list[str] = []
        for number in sorted(found):
            entry = self.entries[lang][number]
            topics.extend(t for t in entry.topics if t not in topics)
            words.extend(w for w in entry.words if w not in words)
        return Match(tuple(topics), tuple(words))


def parse_vocabulary(data: Any, where: Path | str = VOCABULARY_FILE) -> Vocabulary:
    """Check raw YAML data and analyse every phrase with its language's analyzer."""
    try:
        checked = check(VocabularyFile, data or {}, where)
    except ContentError as exc:
        raise VocabularyError(str(exc)) from exc
    entries = {}
    for lang, items in checked.items():
        analyzer = phrase_analyzer(lang)
        entries[lang] = tuple(
            Entry(
                phrases=tuple(tuple(tokens(analyzer, p)) for p in item.phrases),
                topics=item.topics or (),
                words=item.words or (),
            )
            for item in items
        )
    return Vocabulary(entries)


def load_vocabulary(path: Path) -> Vocabulary:
    """The vocabulary in `path` (none if there is no file), or a VocabularyError naming it."""
    if not path.exists():
        return Vocabulary({})
    try:
        data = read_yaml(path)
    except ContentError as exc:
        raise VocabularyError(str(exc)) from exc
    return parse_vocabulary(data, path)
