"""Every language: its direction, the emergency strip in its word order, the language switcher
and alternates."""

from __future__ import annotations

import pytest

from app.languages import LANGUAGES
from tests.conftest import normalize_spaces

OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_home_page_is_served_in_each_language_with_its_direction(get_page, lang):
    soup = get_page(f"/{lang}/")
    assert soup.html["lang"] == lang
    assert soup.html["dir"] == LANGUAGES[lang].direction


@pytest.mark.parametrize("lang", ["ur", "ckb"])
def test_urdu_and_sorani_are_laid_out_right_to_left(get_page, lang):
    assert get_page(f"/{lang}/").html["dir"] == "rtl"


def test_sorani_home_page_is_in_sorani(get_page, store):
    """(Pages not translated yet: tests/translations/test_fallbacks.py.)"""
    soup = get_page("/ckb/")
    assert soup.html["lang"] == "ckb"
    assert soup.h1.get_text() == store.page("ckb", "home").title
    assert not soup.select_one("article[lang=en]")
    assert soup.select_one(".language-switcher [aria-current]").get_text() == "کوردی (سۆرانی)"


# The emergency strip's first sentence as a reader of each language writes it: the verb last in
# Urdu and Panjabi, each language's own full stop. One message with the number inside, never
# "Call" and a number glued together.
CALL_999 = {
    "en": "Call 999.",
    "pl": "Zadzwoń pod 999.",
    "pa": "999 'ਤੇ ਫ਼ੋਨ ਕਰੋ।",
    "ur": "999 پر کال کریں۔",
    "sk": "Volajte 999.",
    "ro": "Sunați la 999.",
    "ckb": "پەیوەندی بکە بە 999.",
}


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_emergency_strip_reads_in_the_languages_word_order(get_page, lang):
    strip = get_page(f"/{lang}/abuse/stalking").select_one(".emergency-strip__main")
    assert normalize_spaces(strip.get_text()).startswith(CALL_999[lang])
    assert strip.select_one('a.contact-number[href="tel:999"]').get_text() == "999"


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_talk_it_through_gives_the_emergency_numbers_from_the_services_data(get_page, lang):
    soup = get_page(f"/{lang}/is-this-abuse", method="post", data={})
    danger = soup.select_one(".talk-it-through__danger")
    assert CALL_999[lang] in normalize_spaces(danger.get_text())
    assert [a["href"] for a in danger.select("a.contact-number")] == ["tel:999", "tel:999"]
    assert "55" in danger.get_text()


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_language_switcher_links_to_the_same_page_in_every_language(get_page, lang):
    soup = get_page(f"/{lang}/abuse/stalking")
    links = {a["hreflang"]: a["href"] for a in soup.select(".language-switcher a[hreflang]")}
    assert links == {code: f"/{code}/abuse/stalking" for code in LANGUAGES if code != lang}
    current = soup.select_one(".language-switcher [aria-current]")
    assert current.get_text() == LANGUAGES[lang].name
    for code, link in links.items():
        assert soup.select_one(f'.language-switcher a[hreflang="{code}"]')["lang"] == code
        assert link.startswith(f"/{code}/")


def test_alternates_name_every_language_with_absolute_urls(get_page):
    soup = get_page("/en/help/get-help-now")
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"]')}
    site = "http://127.0.0.1:8000"  # the default SITE_URL
    expected = {code: f"{site}/{code}/help/get-help-now" for code in LANGUAGES}
    assert alternates == {**expected, "x-default": f"{site}/en/help/get-help-now"}
