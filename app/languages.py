"""The language registry: which languages the site speaks, their names and direction.

The languages are those most spoken at home in Derby and Derbyshire after English (Census 2021,
TS024): Panjabi, Polish, Urdu, Slovak, Romanian and Central Kurdish (Sorani). Urdu and Sorani are
written right to left.

Adding a language: add it here, add `content/<code>/` translations and a Babel catalogue
(`make translations`). Pages not yet translated fall back to English with a notice.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47 / the URL prefix
    name: str  # autonym, as speakers write it
    english_name: str
    direction: str = "ltr"  # "ltr" or "rtl"


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", "English"),
        Language("pl", "Polski", "Polish"),
        Language("pa", "ਪੰਜਾਬੀ", "Panjabi"),
        Language("ur", "اردو", "Urdu", "rtl"),
        Language("sk", "Slovenčina", "Slovak"),
        Language("ro", "Română", "Romanian"),
        Language("ckb", "کوردی (سۆرانی)", "Central Kurdish (Sorani)", "rtl"),
    )
}

DEFAULT_LANGUAGE = "en"


def get_language(code: str) -> Language | None:
    return LANGUAGES.get(code)
