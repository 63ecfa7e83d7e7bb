"""The plain-words vocabulary (content/synonyms.yaml): everyday phrases → our topics and words.

People search with their own words ("he checks my phone", "DV", "nudes shared"); pages use ours
("coercive control", "domestic abuse", "intimate image abuse"). Each entry lists phrases and what
they mean: `topics` (from the fixed topic list; pages and services tagged with them rank higher)
and/or `words` (added to the search at a lower weight). Phrases are compared after the language's
analysis (lower-cased, folded and stemmed, every word kept), so "checking my phone" matches the
phrase "checks my phone" but "am I abusive" needs all three words. The file is checked against
a schema at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import yaml

from app.content.models import TOPICS
from app.search.analyzers import ANALYZERS, phrase_analyzer, tokens

SCHEMA = {
    "type": "object",
    "propertyNames": {"enum": sorted(ANALYZERS)},
    "additionalProperties": {
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["phrases"],
            "anyOf": [{"required": ["topics"]}, {"required": ["words"]}],
            "properties": {
                "phrases": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"type": "string", "minLength": 1},
                },
                "topics": {"type": "array", "items": {"enum": list(TOPICS)}},
                "words": {"type": "array", "items": {"type": "string", "minLength": 1}},
            },
        },
    },
}


class VocabularyError(Exception):
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


def parse_vocabulary(data) -> Vocabulary:
    """Validate raw YAML data and analyse every phrase with its language's analyzer."""
    try:
        jsonschema.validate(data or {}, SCHEMA)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "top level"
        raise VocabularyError(f"{where}: {exc.message}") from exc
    entries = {}
    for lang, items in (data or {}).items():
        analyzer = phrase_analyzer(lang)
        entries[lang] = tuple(
            Entry(
                phrases=tuple(tuple(tokens(analyzer, p)) for p in item["phrases"]),
                topics=tuple(item.get("topics", ())),
                words=tuple(item.get("words", ())),
            )
            for item in items
        )
    return Vocabulary(entries)


def load_vocabulary(path: Path) -> Vocabulary:
    if not path.exists():
        return Vocabulary({})
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return parse_vocabulary(data)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, VocabularyError) as exc:
        raise VocabularyError(f"{path}: {exc}") from exc
