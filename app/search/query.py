"""Turns what someone typed into a Whoosh query: plain words only, bounded, typo-tolerant.

No query syntax is parsed: `AND (`, `*`, `"`, `field:` are just characters, and most of them are
not part of any word. The text is cleaned and length-checked, split into words and analysed with
the language's analyzer; then each word is looked for in every text field (title and keywords
weigh most), whole-query and two-word phrases score extra, words not in the index are corrected
to near spellings that are (Damerau-Levenshtein distance 1, or 2 for long words) at a lower
weight, and the plain-words vocabulary adds topics and words at a lower weight still.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from whoosh.query import ConstantScoreQuery, Or, Phrase, Query, Term
from whoosh.support.levenshtein import damerau_levenshtein

from app.search.analyzers import WORD_PATTERN, plain_analyzer, text_analyzer, tokens
from app.search.schema import FIELD_BOOSTS
from app.search.vocabulary import Vocabulary

MAX_QUERY_CHARS = 200  # the search box's maxlength; longer is refused with a message
MAX_WORDS = 16  # words after the first 16 are ignored
MAX_CORRECTED_WORDS = 6
CORRECTIONS_PER_WORD = 2
MIN_CORRECTABLE = 4  # shorter words ("cut", "dv") are never "corrected"

CORRECTION_WEIGHT = 0.6
VOCABULARY_WEIGHT = 0.5
TOPIC_SCORE = 6.0
PHRASE_FIELDS = {"title": 6.0, "keywords": 6.0}
PAIR_FIELDS = {"keywords": 2.0}
COORDINATION = 0.9  # documents matching more of the words rank higher


class QueryTooLong(ValueError):
    """The query is longer than MAX_QUERY_CHARS."""


# Keep the zero-width joiners that Arabic-script and Indic words need; drop every other control
# or format character (bidi overrides, NUL, escape sequences).
_KEEP_FORMAT = {"\u200c", "\u200d"}


def clean_query(raw: str) -> str:
    """Normalise, remove control characters, collapse spaces. Raises QueryTooLong."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
        if ch in _KEEP_FORMAT or unicodedata.category(ch) not in ("Cf", "Cs", "Co", "Cn")
    )
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_CHARS:
        raise QueryTooLong(text)
    return text


@dataclass(frozen=True)
class Word:
    typed: str  # folded, not stemmed
    stem: str | None  # None for a stop word
    corrections: tuple[str, ...] = ()  # stems of near spellings found in the index


@dataclass(frozen=True)
class PreparedQuery:
    text: str
    words: tuple[Word, ...]
    topics: tuple[str, ...]  # from the vocabulary
    extra_words: tuple[str, ...]  # from the vocabulary
    query: Query | None  # None: nothing searchable

    @property
    def corrected(self) -> bool:
        return any(w.corrections for w in self.words)

    @property
    def highlight_stems(self) -> list[str]:
        """The stems to mark in excerpts: typed words (or their corrections), no repeats."""
        stems: list[str] = []
        for word in self.words:
            for stem in (*word.corrections, word.stem):
                if stem and stem not in stems:
                    stems.append(stem)
        return stems


def _corrections(reader, lang: str, typed: str) -> tuple[str, ...]:
    """Stems of the closest spellings in the index, most used first, if `typed` is not there."""
    if len(typed) < MIN_CORRECTABLE or not typed.isalpha():
        return ()
    if reader.doc_frequency("plain", typed):
        return ()
    maxdist = 1 if len(typed) <= 6 else 2
    candidates = [
        (damerau_levenshtein(typed, word), -reader.doc_frequency("plain", word), word)
        for word in reader.terms_within("plain", typed, maxdist, prefix=1)
    ]
    stems: list[str] = []
    for _distance, _freq, word in sorted(candidates):
        stem = next(iter(tokens(text_analyzer(lang), word)), None)
        if stem and stem not in stems:
            stems.append(stem)
        if len(stems) == CORRECTIONS_PER_WORD:
            break
    return tuple(stems)


def analyse_words(text: str, lang: str, reader=None) -> tuple[Word, ...]:
    """The typed words, each with its stem and (with a reader) its spelling corrections."""
    words = []
    plain, stemmed = plain_analyzer(lang), text_analyzer(lang)
    corrected = 0
    for raw in WORD_PATTERN.findall(text)[:MAX_WORDS]:
        typed = next(iter(tokens(plain, raw)), None)
        if typed is None:
            continue
        stem = next(iter(tokens(stemmed, raw)), None)
        fixes: tuple[str, ...] = ()
        if reader is not None and stem is not None and corrected < MAX_CORRECTED_WORDS:
            fixes = _corrections(reader, lang, typed)
            corrected += bool(fixes)
        words.append(Word(typed, stem, fixes))
    return tuple(words)


def _fields_query(stem: str, weight: float) -> list[Query]:
    return [Term(field, stem, boost=boost * weight) for field, boost in FIELD_BOOSTS.items()]


def _phrases(stems: list[str], fields: dict[str, float], weight: float) -> list[Query]:
    return [Phrase(field, stems, slop=1, boost=boost * weight) for field, boost in fields.items()]


def _words_query(stem_lists: list[list[str]], weight: float) -> list[Query]:
    """Each word in every field; the whole run of words and each pair as phrases."""
    groups: list[Query] = []
    for alternatives in stem_lists:
        first, *others = alternatives
        clauses = _fields_query(first, weight)
        for other in others:
            clauses += _fields_query(other, weight * CORRECTION_WEIGHT)
        groups.append(Or(clauses))
    best = [alternatives[0] for alternatives in stem_lists]
    if len(best) >= 2:
        groups.extend(_phrases(best, PHRASE_FIELDS, weight))
    if len(best) >= 3:
        for pair in zip(best, best[1:], strict=False):
            groups.extend(_phrases(list(pair), PAIR_FIELDS, weight))
    return groups


def prepare(text: str, lang: str, vocabulary: Vocabulary, reader=None) -> PreparedQuery:
    """Build the query for cleaned `text` (see clean_query) in language `lang`."""
    words = analyse_words(text, lang, reader)
    stem_lists = []
    for word in words:
        if word.stem is None:
            continue
        # A word not in the index is replaced by its corrections (the typed form is kept last,
        # in case it is a stem the index has under another spelling).
        if word.corrections:
            stem_lists.append([*word.corrections, word.stem])
        else:
            stem_lists.append([word.stem])
    # The vocabulary reads the words as typed, and as corrected.
    meaning = vocabulary.match(lang, [alts[0] for alts in stem_lists])
    clauses: list[Query] = []
    if stem_lists:
        clauses.append(Or(_words_query(stem_lists, 1.0), scale=COORDINATION))
    for topic in meaning.topics:
        clauses.append(ConstantScoreQuery(Term("topics", topic), score=TOPIC_SCORE))
    for extra in meaning.words:
        extra_stems = [[s] for s in tokens(text_analyzer(lang), extra)]
        if extra_stems:
            clauses.append(Or(_words_query(extra_stems, VOCABULARY_WEIGHT), scale=COORDINATION))
    query = Or(clauses) if clauses else None
    return PreparedQuery(text, words, meaning.topics, meaning.words, query)
