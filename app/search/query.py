"""Turns what someone typed into a Whoosh query: plain words only, bounded, typo-tolerant.

No query syntax is parsed: `AND (`, `*`, `"`, `field:` are just characters, and most of them are
not part of any word. The text is cleaned and length-checked, split into words and analysed with
the language's analyzer; then each word is looked for in every text field (title and keywords
weigh most), whole-query and two-word phrases score extra, words not in the index are corrected
to near spellings that are (Damerau-Levenshtein distance 1, or 2 for long words) at a lower
weight, and the plain-words vocabulary adds topics, and words looked for in all but the body, at
a lower weight still. All of it is one flat union of weighted clauses: a page scores for every
clause it matches, so pages matching more of the words rank higher without a separate
coordination factor.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from whoosh.query import And, ConstantScoreQuery, Or, Query, Term
from whoosh.support.levenshtein import damerau_levenshtein

from app.search.analyzers import (
    WORD_PATTERN,
    phrase_analyzer,
    plain_analyzer,
    text_analyzer,
    tokens,
)
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
# Phrases: every word of the query, in order, in the title or in one keyword phrase; and for
# longer queries each two neighbouring words in a keyword phrase.
WHOLE_PHRASE_FIELDS = {"title_pairs": 6.0, "keyword_pairs": 6.0}
PAIR_FIELDS = {"keyword_pairs": 4.0}
# A typed word in more than this share of the bodies is not looked for in bodies; a vocabulary
# word in more than this share of the summaries is not looked for in summaries.
COMMON_SHARE = 0.3
# Vocabulary expansions name what the page is about: look for them where pages say that, not in
# bodies (each word on its own; a title that says the whole expansion is rewarded by the searcher).
EXPANSION_FIELDS = {f: b for f, b in FIELD_BOOSTS.items() if f != "body"}


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
    term: str = ""  # stemmed even if a stop word: what vocabulary phrases are matched against


@dataclass(frozen=True)
class PreparedQuery:
    text: str
    words: tuple[Word, ...]
    topics: tuple[str, ...]  # from the vocabulary
    extra_words: tuple[str, ...]  # from the vocabulary, and the names of its topics
    query: Query | None  # None: nothing searchable
    expansion_stems: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def corrected(self) -> bool:
        return any(w.corrections for w in self.words)

    @property
    def meanings(self) -> list[tuple[str, ...]]:
        """The query's words and each vocabulary expansion, as stems: a title that says exactly
        one of these is what the person asked for."""
        found = [tuple(w.corrections[0] if w.corrections else w.stem for w in self.words if w.stem)]
        found += [tuple(self.expansion_stems[e]) for e in self.extra_words]
        return [m for m in found if m]

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
    # Distance 2 only for long words with nothing at distance 1: the wider search costs several
    # times more, and a nearer spelling is the likelier meaning.
    candidates = []
    for maxdist in (1, 2) if len(typed) > 6 else (1,):
        candidates = [
            (damerau_levenshtein(typed, word), -reader.doc_frequency("plain", word), word)
            for word in reader.terms_within("plain", typed, maxdist, prefix=1)
        ]
        if candidates:
            break
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
    plain, stemmed, phrased = plain_analyzer(lang), text_analyzer(lang), phrase_analyzer(lang)
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
        term = next(iter(tokens(phrased, raw)), typed)
        words.append(Word(typed, stem, fixes, term))
    return tuple(words)


def _merged(clauses: list[Query]) -> list[Query]:
    """The clauses with repeats folded into one: a word typed and also brought in by the
    vocabulary is looked for once, at the sum of the weights (the same score, half the work)."""
    merged: dict[tuple, Query] = {}
    for clause in clauses:
        key: tuple
        if type(clause) is Term:
            key = (clause.fieldname, clause.text)
            if key in merged:
                merged[key] = merged[key].copy()
                merged[key].boost += clause.boost
                continue
        else:
            key = (id(clause),)
        merged[key] = clause
    return list(merged.values())


def _union(clauses: list[Query]) -> Or:
    """One flat union of every clause, scored into an array in one pass per clause (Whoosh's
    array matcher): about twice as fast here as nested unions walked document by document."""
    union = Or(_merged(clauses))
    union.matcher_type = Or.ARRAY_MATCHER
    return union


def _fields_query(
    stem: str,
    weight: float,
    fields: Mapping[str, float],
    reader,
    prunable: tuple[str, ...] = ("body",),
) -> list[Query]:
    """The word in each field. In a `prunable` field that a large share of the pages have the
    word in, it says little about which page is wanted and costs the most to score, so it is not
    looked for there."""
    if reader is not None:
        most = COMMON_SHARE * reader.doc_count()
        fields = {
            f: b
            for f, b in fields.items()
            if f not in prunable or reader.doc_frequency(f, stem) <= most
        }
    return [Term(field, stem, boost=boost * weight) for field, boost in fields.items()]


def _phrases(stems: list[str]) -> list[Query]:
    """The run of words as a phrase, and each two neighbours on their own if there are more.

    Looked up in the index's word pairs (see schema.py): a run of three or more words counts as
    the phrase where all its pairs are.
    """
    pairs = [f"{first} {second}" for first, second in zip(stems, stems[1:], strict=False)]
    clauses: list[Query] = []
    for name, boost in WHOLE_PHRASE_FIELDS.items():
        whole = [Term(name, pair, boost=boost) for pair in pairs]
        clauses.append(whole[0] if len(whole) == 1 else And(whole))
    if len(pairs) >= 2:
        for name, boost in PAIR_FIELDS.items():
            clauses += [Term(name, pair, boost=boost) for pair in pairs]
    return clauses


def _words_query(stem_lists: list[list[str]], reader) -> list[Query]:
    """Each typed word in every field; the whole run of words and each pair as phrases."""
    groups: list[Query] = []
    for alternatives in stem_lists:
        first, *others = alternatives
        groups += _fields_query(first, 1.0, FIELD_BOOSTS, reader)
        for other in others:
            groups += _fields_query(other, CORRECTION_WEIGHT, FIELD_BOOSTS, reader)
    best = [alternatives[0] for alternatives in stem_lists]
    if len(best) >= 2:
        groups += _phrases(best)
    return groups


def prepare(
    text: str,
    lang: str,
    vocabulary: Vocabulary,
    reader=None,
    topic_names: Mapping[str, str] | None = None,
) -> PreparedQuery:
    """Build the query for cleaned `text` (see clean_query) in language `lang`.

    `topic_names` (topic → its name in `lang`): a topic the vocabulary finds also searches for
    its name, so "DV" looks for the words "domestic abuse".
    """
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
    # The vocabulary reads every word (stop words too), as corrected where the typed spelling is
    # not in the index.
    meaning = vocabulary.match(lang, [w.term for w in words])
    if any(w.corrections for w in words):
        corrected = vocabulary.match(
            lang, [w.corrections[0] if w.corrections else w.term for w in words]
        )
        meaning = meaning.merge(corrected)
    extra_words = list(meaning.words)
    for topic in meaning.topics:
        name = (topic_names or {}).get(topic)
        if name and name not in extra_words:
            extra_words.append(name)
    clauses: list[Query] = []
    if stem_lists:
        clauses += _words_query(stem_lists, reader)
    for topic in meaning.topics:
        clauses.append(ConstantScoreQuery(Term("topics", topic), score=TOPIC_SCORE))
    expansion_stems = {}
    for extra in extra_words:
        expansion_stems[extra] = tuple(tokens(text_analyzer(lang), extra))
        for stem in expansion_stems[extra]:
            clauses += _fields_query(
                stem, VOCABULARY_WEIGHT, EXPANSION_FIELDS, reader, prunable=("about",)
            )
    query = _union(clauses) if clauses else None
    return PreparedQuery(text, words, meaning.topics, tuple(extra_words), query, expansion_stems)
