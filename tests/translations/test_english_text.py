"""The heuristic that finds English sentences left in a translated page: it finds them in every
script, and lets through what may stay English (names, glossed terms, quoted words)."""

from __future__ import annotations

import pytest

from tests.translations.english_text import english_in_html, english_sentences

NAMES = {"Rape Crisis England and Wales", "National Domestic Abuse Helpline", "Safe and Supported"}


@pytest.mark.parametrize(
    "text",
    [
        "Możesz zadzwonić w każdej chwili. If you are in danger, call the police.",
        "Ak ste v nebezpečenstve, volajte. You can talk to them about what happened.",
        "Puteți suna oricând. Stay on the line and wait for them to answer.",
        "آپ کسی بھی وقت کال کر سکتے ہیں۔ The police will ask you what happened and where you are.",
        "ਤੁਸੀਂ ਕਿਸੇ ਵੀ ਸਮੇਂ ਫ਼ੋਨ ਕਰ ਸਕਦੇ ਹੋ। This is a crime and you can report it.",
        "دەتوانیت هەر کاتێک پەیوەندی بکەیت. If it is not safe to talk, press 55.",
    ],
)
def test_an_english_sentence_is_found_in_any_script(text):
    found = english_sentences(text, NAMES)
    assert len(found) == 1 and found[0][0].isascii()


@pytest.mark.parametrize(
    "text",
    [
        # names of services and organisations
        "Zadzwoń do Rape Crisis England and Wales albo do National Domestic Abuse Helpline.",
        # a glossed term, and an English legal name glossed in brackets
        "To jest kontrola przymusowa (coercive control, the law calls it this).",
        "Victims' Code to skrót od Code of Practice for Victims of Crime (kodeks praw ofiar).",
        # words people must say in English, quoted
        'Powiedz „police” albo "I need the police and an ambulance".',
        "بۆ پۆلیس بڵێ «police and ambulance».",
        # the site's own name
        "Safe and Supported to strona dla kobiet.",
        # Polish, Slovak and Romanian words that are also English words
        "Idź do domu, a on to wie. Ak je to na nás, sme v tom.",
        "Dacă are nevoie, o sunăm în acest an.",
    ],
)
def test_what_may_stay_english_is_not_reported(text):
    assert english_sentences(text, NAMES) == []


def test_text_marked_english_is_not_reported_but_other_blocks_are():
    html = (
        "<p>Opis usługi:</p>"
        '<p lang="en">Free, private support for anyone who is finding it hard to cope.</p>'
        "<ul><li>Pierwszy punkt."
        "<ul><li>You can call them at any time of the day.</li></ul>"
        "</li></ul>"
    )
    assert english_in_html(html) == ["You can call them at any time of the day"]
