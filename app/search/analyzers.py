"""Per-language text analysis for search: tokenising, lower-casing, folding and stemming.

Each language code maps to an `AnalyzerSpec`: which script-aware folding to apply, which stemmer
(Whoosh's own where it has one, else `snowballstemmer`, else none) and which stop words. Two
analyzers are built from a spec:

- `text_analyzer(lang)`: folded and stemmed, for the scored fields and for reading queries;
- `plain_analyzer(lang)`: folded but not stemmed and keeping every word, the word list that
  typo correction looks up.

Folding removes what people leave out when they type on a phone: accents on Latin letters, the
short-vowel marks (harakat) and letter variants of Arabic-script languages, and the nasal and
nukta marks of Gurmukhi. The same analyzer reads the documents and the query, so text typed with
or without those marks matches. Whoosh pickles analyzers into the index, so everything here is
a module-level name (no lambdas).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import snowballstemmer
from whoosh.analysis import (
    Analyzer,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang import stopwords_for_language


def _mark_ranges() -> str:
    """A regex character class body for every combining mark (Mn, Mc, Me) in the BMP."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code)) in ("Mn", "Mc", "Me"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


# A word: letters and digits plus the combining marks that Python's \w leaves out (Gurmukhi vowel
# signs, Arabic harakat) and the zero-width (non-)joiners used inside Urdu and Persian words.
# Apostrophes and hyphens split words, as people type them inconsistently.
WORD_PATTERN = re.compile(rf"(?:[^\W_]|[{_mark_ranges()}\u200c\u200d])+")

# --------------------------------------------------------------------------- folding by script

_LATIN_SPECIALS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"}
)

# Arabic-script marks to drop: harakat and tanwin, shadda, sukun, hamza above/below, superscript
# alef, Quranic annotation signs, tatweel, and zero-width joiners.
_ARABIC_STRIP = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640", "\u200c", "\u200d"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
)
# Letter variants typed interchangeably: Arabic and Urdu keyboards give different code points for
# what readers see as the same letter.
_URDU_LETTERS = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ه": "ہ", "ة": "ہ", "ۀ": "ہ", "ٱ": "ا", "ۓ": "ے"}
)
# Sorani: besides the Arabic-keyboard yeh and kaf, the letters Kurdish keyboards add are often
# typed as their plain base letter on an Arabic or Persian keyboard (ێ ی, ۆ و, ڕ ر, ڵ ل), and the
# vowel ە is written as ه (older spelling, with or without a zero-width non-joiner) or ھ.
_SORANI_LETTERS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ێ": "ی",
        "ې": "ی",
        "ك": "ک",
        "ٱ": "ا",
        "ۆ": "و",
        "ڕ": "ر",
        "ڵ": "ل",
        "ە": "ه",
        "ھ": "ه",
        "ة": "ه",
        "ۀ": "ه",
    }
)
# ...and the doubled ی of the izafe (توندوتیژیی) and the long وو are often written single.
_SORANI_DOUBLES = re.compile(r"(?<=ی)ی+|(?<=و)و+")
# Gurmukhi: nukta, tippi, bindi, addak, udaat and yakash are left out in casual typing.
_GURMUKHI_STRIP = frozenset("\u0a3c\u0a70\u0a02\u0a71\u0a51\u0a75\u0a01\u0a03")


def _digits(text: str) -> str:
    """Any script's decimal digits as ASCII digits."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text)


def fold_latin(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.translate(_LATIN_SPECIALS)


def _fold_arabic_script(text: str, letters: dict) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if ch not in _ARABIC_STRIP)
    return _digits(unicodedata.normalize("NFC", stripped).translate(letters))


def fold_urdu(text: str) -> str:
    return _fold_arabic_script(text, _URDU_LETTERS)


def fold_sorani(text: str) -> str:
    return _SORANI_DOUBLES.sub("", _fold_arabic_script(text, _SORANI_LETTERS))


def fold_gurmukhi(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return _digits("".join(ch for ch in decomposed if ch not in _GURMUKHI_STRIP))


FOLDERS = {
    "latin": fold_latin,
    "urdu": fold_urdu,
    "sorani": fold_sorani,
    "gurmukhi": fold_gurmukhi,
}


class FoldFilter(Filter):
    """Folds each token's text with the named script folder (a name, so it pickles cleanly)."""

    def __init__(self, script: str):
        self.script = script

    def __eq__(self, other):
        return type(other) is type(self) and other.script == self.script

    def __call__(self, tokens):
        fold = FOLDERS[self.script]
        for token in tokens:
            token.text = fold(token.text)
            yield token


class CedillaFilter(Filter):
    """Romanian: ş and ţ (cedilla, as many keyboards type them) to ș and ț before stemming."""

    TABLE = str.maketrans({"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"})

    def __call__(self, tokens):
        for token in tokens:
            token.text = token.text.translate(self.TABLE)
            yield token


# --------------------------------------------------------------------------- stemmers


@cache
def _snowball(language: str):
    return snowballstemmer.stemmer(language)


def stem_polish(word: str) -> str:
    return _snowball("polish").stemWord(word)


SNOWBALL_STEMMERS = {"polish": stem_polish}

# --------------------------------------------------------------------------- stop words

# Whoosh's English list plus the pronouns and little words that fill everyday questions ("can I
# report without giving my name", "he checks my phone"): they say nothing about which page is
# wanted, and dropping them keeps searches fast. "no", "not" and numbers are kept.
EXTRA_STOP_WORDS = {
    "en": frozenset(
        "i me my mine myself he him his she her hers they them their theirs it its our ours "
        "am was were been being do does did doing what which who whom how why where there "
        "here so but about into than then just also all any some very s t d ll m re ve "
        "would could should shall might must has had having get got".split()
    ),
}


# Never dropped: "I said no" is not "I said".
KEEP_WORDS = frozenset({"no", "not", "nor"})


def stop_words(lang: str) -> frozenset[str]:
    spec = spec_for(lang)
    if not spec.stop_words:
        return frozenset()
    words = frozenset(stopwords_for_language(spec.stop_words)) | EXTRA_STOP_WORDS.get(
        lang, frozenset()
    )
    return words - KEEP_WORDS


# --------------------------------------------------------------------------- the registry


@dataclass(frozen=True)
class AnalyzerSpec:
    """How one language's text is analysed."""

    script: str  # a FOLDERS key
    stemmer: str | None = None  # "whoosh:<code>" or "snowball:<language>"
    stop_words: str | None = None  # Whoosh stop-word list code
    stem_before_folding: bool = False  # stemmers that need the accents to find the suffixes


ANALYZERS: dict[str, AnalyzerSpec] = {
    "en": AnalyzerSpec("latin", stemmer="whoosh:en", stop_words="en"),
    "pl": AnalyzerSpec("latin", stemmer="snowball:polish", stem_before_folding=True),
    "ro": AnalyzerSpec("latin", stemmer="whoosh:ro", stem_before_folding=True),
    "sk": AnalyzerSpec("latin"),
    "ckb": AnalyzerSpec("sorani"),  # Central Kurdish (Sorani), Arabic script
    "ur": AnalyzerSpec("urdu"),
    "pa": AnalyzerSpec("gurmukhi"),  # Panjabi, Gurmukhi script
}
DEFAULT_SPEC = AnalyzerSpec("latin")


def spec_for(lang: str) -> AnalyzerSpec:
    """The analysis for a language; an unlisted language gets Latin folding without stemming."""
    return ANALYZERS.get(lang, DEFAULT_SPEC)


def _stem_filter(stemmer: str) -> StemFilter:
    kind, _, name = stemmer.partition(":")
    if kind == "whoosh":
        return StemFilter(lang=name)
    return StemFilter(stemfn=SNOWBALL_STEMMERS[name])


@cache
def text_analyzer(lang: str) -> Analyzer:
    """Folded, stop-filtered and stemmed: for the scored fields and for reading queries."""
    return _folded_and_stemmed(lang, drop_stop_words=True)


@cache
def phrase_analyzer(lang: str) -> Analyzer:
    """Folded and stemmed but keeping every word: for matching vocabulary phrases, where
    "am I abusive" must not shrink to "abusive"."""
    return _folded_and_stemmed(lang, drop_stop_words=False)


def _folded_and_stemmed(lang: str, drop_stop_words: bool) -> Analyzer:
    spec = spec_for(lang)
    chain = RegexTokenizer(WORD_PATTERN) | LowercaseFilter()
    if lang == "ro":
        chain = chain | CedillaFilter()
    if drop_stop_words:
        stops = stop_words(lang)
        chain = chain | StopFilter(stoplist=stops, minsize=2 if stops else 1)
    if spec.stemmer and spec.stem_before_folding:
        return chain | _stem_filter(spec.stemmer) | FoldFilter(spec.script)
    chain = chain | FoldFilter(spec.script)
    if spec.stemmer:
        chain = chain | _stem_filter(spec.stemmer)
    return chain


@cache
def plain_analyzer(lang: str) -> Analyzer:
    """Folded words, not stemmed, nothing dropped: the vocabulary typo correction looks in."""
    spec = spec_for(lang)
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | FoldFilter(spec.script)


def tokens(analyzer: Analyzer, text: str) -> list[str]:
    """The analysed words of `text`, in order (stop words removed)."""
    return [t.text for t in analyzer(text, mode="query")]


def word_pairs(analyzer: Analyzer, text: str) -> list[str]:
    """Each two analysed words that follow each other in `text`, joined by a space."""
    words = tokens(analyzer, text)
    return [f"{first} {second}" for first, second in zip(words, words[1:], strict=False)]
