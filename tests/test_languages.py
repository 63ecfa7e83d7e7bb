"""Every language: same page structure, direction, language switcher, alternates, fallbacks."""

from __future__ import annotations

import pytest

from app.content.store import page_path
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


def test_sorani_home_page_is_in_sorani_and_other_pages_fall_back_with_a_notice(get_page, store):
    soup = get_page("/ckb/")
    assert soup.html["lang"] == "ckb"
    assert soup.h1.get_text() == store.page("ckb", "home").title
    assert not soup.select_one("article[lang=en]")
    assert soup.select_one(".language-switcher [aria-current]").get_text() == "کوردی (سۆرانی)"
    fallback = get_page("/ckb/abuse/stalking")
    assert fallback.select_one("article")["lang"] == "en"
    assert "هێشتا وەرنەگێڕدراوە" in fallback.select_one(".notice").get_text()


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


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_untranslated_pages_show_english_with_a_notice_in_the_readers_language(
    get_page, store, lang
):
    fallback = next((p for p in store.all_pages(lang) if p.is_fallback), None)
    if fallback is None:
        return  # every page is translated
    soup = get_page(page_path(fallback))
    article = soup.select_one("article")
    assert article["lang"] == "en" and article["dir"] == "ltr"
    notice = soup.select_one(".notice")
    assert notice["lang"] == lang
    english = store.page("en", fallback.slug)
    assert soup.h1.get_text() == english.title


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_translations_keep_the_english_page_structure(store, lang):
    """Same headings count and blocks as the English page, so no section is lost."""
    for page in store.all_pages(lang):
        if page.is_fallback:
            continue
        english = store.page("en", page.slug)
        assert [h.level for h in page.headings] == [h.level for h in english.headings], page.slug
        for block in ("timeline", "steps", "callout-check", "callout-warning"):
            assert page.html.count(f'class="{block}') == english.html.count(f'class="{block}'), (
                f"{lang}/{page.slug}: {block} blocks differ from English"
            )
        assert page.services == english.services and page.related == english.related


def test_english_service_descriptions_are_marked_as_english_on_other_language_pages(get_page):
    soup = get_page("/pl/services/samaritans")
    assert soup.select_one(".lead")["lang"] == "en"
    home = get_page("/pl/")
    for description in home.select(".service-card__description"):
        assert description["lang"] == "en"
    assert get_page("/en/services/samaritans").select_one(".lead").get("lang") is None
