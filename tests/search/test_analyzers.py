"""Per-language analysis: text typed with or without accents and marks gives the same words."""

from __future__ import annotations

import pytest

from app.languages import LANGUAGES
from app.search.analyzers import (
    ANALYZERS,
    phrase_analyzer,
    plain_analyzer,
    spec_for,
    text_analyzer,
    tokens,
)


def words(lang: str, text: str) -> list[str]:
    return tokens(text_analyzer(lang), text)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_site_language_has_its_own_analysis(lang):
    assert lang in ANALYZERS


def test_no_analysis_is_kept_for_a_language_the_site_does_not_speak():
    assert set(ANALYZERS) == set(LANGUAGES)


def test_english_is_stemmed_lower_cased_and_accent_folded():
    assert words("en", "Checking") == words("en", "checks") == words("en", "check")
    assert words("en", "Café") == words("en", "cafe")
    assert words("en", "DV") == ["dv"]


def test_english_drops_little_words_but_keeps_short_meaningful_ones():
    assert words("en", "can I report without giving my name") == words(
        "en", "report without giving name"
    )
    assert words("en", "cut") == ["cut"]
    assert words("en", "I said no") == ["said", "no"]


def test_vocabulary_phrases_keep_every_word():
    assert tokens(phrase_analyzer("en"), "am I abusive") == ["am", "i", "abus"]


@pytest.mark.parametrize(
    ("lang", "marked", "bare"),
    [
        # Urdu "domestic violence" with and without zabar, pesh and shadda
        ("ur", "گھَریلُو تَشَدُّد", "گھریلو تشدد"),
        # Urdu typed on an Arabic keyboard: Arabic yeh and kaf for Urdu's
        ("ur", "کیا", "كيا"),
        # Gurmukhi "violence" with and without tippi; "complaint" with and without nukta
        ("pa", "ਹਿੰਸਾ", "ਹਿਸਾ"),
        ("pa", "ਸ਼ਿਕਾਇਤ", "ਸਿਕਾਇਤ"),
        # Polish, Slovak and Romanian without their diacritics
        ("pl", "przemoc domowa żona", "przemoc domowa zona"),
        ("sk", "domáce násilie", "domace nasilie"),
        ("ro", "violenţă", "violență"),
        # Sorani "domestic violence" with Kurdish letters and the izafe's double yeh, and as typed
        # on an Arabic keyboard (Arabic yeh for ی and ێ, one yeh)
        ("ckb", "توندوتیژیی خێزانی", "توندوتيژي خيزاني"),
        # Sorani "at home": the vowel ە written as ە, or in the older way as ه with a non-joiner
        ("ckb", "ماڵەوە", "ماڵه\u200cوه"),
        # Sorani "helpline" typed without ڵ and ێ (Persian keyboard)
        ("ckb", "هێڵی یارمەتی", "هیلی یارمەتی"),
        # Sorani "report" with and without ڕ and ۆ
        ("ckb", "ڕاپۆرت", "راپورت"),
    ],
)
def test_text_matches_with_and_without_marks(lang, marked, bare):
    assert words(lang, marked) == words(lang, bare)
    assert words(lang, marked), "the text produced words"


def test_gurmukhi_words_are_not_split_at_vowel_signs():
    # ਘਰੇਲੂ ਹਿੰਸਾ, "domestic violence": two words, vowel signs kept inside them.
    assert tokens(plain_analyzer("pa"), "ਘਰੇਲੂ ਹਿੰਸਾ") == ["ਘਰੇਲੂ", "ਹਿਸਾ"]


def test_urdu_words_stay_whole_and_digits_become_ascii():
    # "helpline 123": hamza on yeh is folded like the other marks, as people often leave it out.
    found = tokens(plain_analyzer("ur"), "ہیلپ لائن ۱۲۳")
    assert found == tokens(plain_analyzer("ur"), "ہیلپ لاین 123")
    assert len(found) == 3 and found[2] == "123"


def test_stemmers_where_a_stemmer_exists():
    assert spec_for("en").stemmer and spec_for("ro").stemmer and spec_for("pl").stemmer
    assert words("pl", "przemocą") == words("pl", "przemoc")
    assert words("ro", "violență") == words("ro", "violenta") == words("ro", "violent")


def test_unlisted_language_gets_folding_without_stemming():
    assert tokens(text_analyzer("xx"), "Náhled Checking") == ["nahled", "checking"]
