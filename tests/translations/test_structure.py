"""Every translated page keeps the English page's structure, as a reader gets it: served in its
language (not the English fallback) with the right lang and dir; the same headings at the same
levels with the same anchors; the same `:::` blocks in the same order; the same links (page:,
service:, external, and the numbers shortcodes show); the same shortcodes in the file; the same
services, related pages, audiences and topics; and no English sentences left in its main text.

The pages come from the content registry: every page of every language (test_complete.py also
requires each translation to be made from the English as it is now). Run one language's with
`pytest tests/translations/test_structure.py -k "pl:"`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import frontmatter
import pytest
from bs4 import BeautifulSoup

from app import create_app
from app.languages import LANGUAGES
from tests.conftest import assert_house_rules, normalize_spaces, page_path
from tests.translations.english_text import english_in_html, english_sentences


def _file(page) -> str:
    """Where a page's file lives under content/<lang>/, without .md."""
    if page.section == "home":
        return "home"
    return f"{page.section}/{'index' if page.is_index else page.slug}"


def _registry():
    return create_app({"TESTING": True, "SEARCH_AUTO_BUILD": False}).extensions["content"]


def translated_pages() -> list:
    """(lang, slug) of every page, in every language but English."""
    store = _registry()
    return [
        pytest.param(lang, page.slug, id=f"{lang}:{_file(page)}")
        for lang in LANGUAGES
        if lang != "en"
        for page in store.all_pages(lang)
    ]


PAGES = translated_pages()

SHORTCODE = re.compile(r"\{\{\s*(?:phone|text|service):[a-z0-9_]+(?:\.[a-z0-9_]+)?\s*\}\}")
BLOCK_CLASSES = ("timeline", "steps", "callout-check", "callout-warning")


def test_every_language_has_every_page_to_compare(store):
    assert len(PAGES) == (len(LANGUAGES) - 1) * len(store.all_pages("en"))


@pytest.fixture(scope="module")
def served(app):
    """A page as a reader's browser gets it, fetched once per path for this module."""
    client = app.test_client()
    cache: dict[str, BeautifulSoup] = {}

    def get(path: str) -> BeautifulSoup:
        if path not in cache:
            response = client.get(path)
            assert response.status_code == 200, f"{path}: {response.status_code}"
            soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
            assert_house_rules(soup, response)
            cache[path] = soup
        return cache[path]

    return get


def source(page) -> frontmatter.Post:
    return frontmatter.loads(Path(page.source_path).read_text(encoding="utf-8"))


def pair(store, served, lang: str, slug: str):
    """(the translation, the English page, each as served, and the translation's file)."""
    translated, english = store.page(lang, slug), store.page("en", slug)
    assert not translated.is_fallback, f"{lang}: {_file(translated)} is not translated yet"
    return served(page_path(translated)), served(page_path(english)), translated, english


def main_body(soup: BeautifulSoup):
    """The page's own text (not the translated summary above an English body)."""
    return soup.select_one("article > .prose:not(.page-summary)")


@pytest.mark.parametrize(("lang", "slug"), PAGES)
def test_the_translation_is_served_in_its_language(store, served, lang, slug):
    soup, _english, translated, _ = pair(store, served, lang, slug)
    assert soup.html["lang"] == lang
    assert soup.html["dir"] == LANGUAGES[lang].direction
    assert soup.select_one("article").get("lang") is None, "the page is not the English fallback"
    assert normalize_spaces(soup.h1.get_text()) == source(translated)["title"]
    assert soup.select_one(".lead") is None or normalize_spaces(
        soup.select_one(".lead").get_text()
    ) == normalize_spaces(source(translated)["summary"])


@pytest.mark.parametrize(("lang", "slug"), PAGES)
def test_headings_and_anchors_match_the_english(store, served, lang, slug):
    soup, english, _t, _e = pair(store, served, lang, slug)

    def headings(page_soup):
        return [
            (h.name, h.get("id")) for h in main_body(page_soup).select("h1, h2, h3, h4, h5, h6")
        ]

    assert headings(soup) == headings(english)


@pytest.mark.parametrize(("lang", "slug"), PAGES)
def test_blocks_match_the_english(store, served, lang, slug):
    soup, english, _t, _e = pair(store, served, lang, slug)

    def blocks(page_soup):
        selector = ", ".join(f"div.{name}" for name in BLOCK_CLASSES)
        return [
            next(c for c in div["class"] if c in BLOCK_CLASSES)
            for div in main_body(page_soup).select(selector)
        ]

    assert blocks(soup) == blocks(english)


@pytest.mark.parametrize(("lang", "slug"), PAGES)
def test_links_match_the_english(store, served, lang, slug):
    """page:, service: and external links, and the numbers that shortcodes show, as a multiset
    (a sentence may put them in another order)."""
    soup, english, _t, _e = pair(store, served, lang, slug)

    def links(page_soup, prefix):
        return Counter(
            re.sub(rf"^/{prefix}/", "/LANG/", a["href"]) for a in main_body(page_soup).select("a")
        )

    translated_links, english_links = links(soup, lang), links(english, "en")
    assert translated_links == english_links, {
        "only in the translation": translated_links - english_links,
        "only in the English": english_links - translated_links,
    }


@pytest.mark.parametrize(("lang", "slug"), PAGES)
def test_shortcodes_match_the_english(store, served, lang, slug):
    """The same shortcodes in the file. A one-paragraph summary above an English body may use
    only shortcodes the English has (never a number the English does not give)."""
    _soup, _english, translated, english = pair(store, served, lang, slug)

    def shortcodes(page) -> Counter:
        return Counter(re.sub(r"\s", "", m) for m in SHORTCODE.findall(source(page).content))

    if translated.english_body:
        assert not shortcodes(translated) - shortcodes(english)
    else:
        assert shortcodes(translated) == shortcodes(english)


@pytest.mark.parametrize(("lang", "slug"), PAGES)
def test_services_related_pages_audiences_and_topics_match_the_english(store, lang, slug):
    translated, english = store.page(lang, slug), store.page("en", slug)
    assert not translated.is_fallback
    mine, theirs = source(translated), source(english)
    for key in ("services", "related", "audiences", "topics"):
        assert mine.get(key) == theirs.get(key), key


@pytest.fixture(scope="module")
def names(store) -> set[str]:
    """What may stay English in a sentence: names of services and organisations, the site's."""
    found = {"Safe and Supported"}
    for service in store.services.values():
        found |= {service.name, service.display_name, service.organisation or service.name}
    return found


@pytest.mark.parametrize(("lang", "slug"), PAGES)
def test_no_english_sentences_left_in_the_main_text(store, served, names, lang, slug):
    soup, _english, translated, _ = pair(store, served, lang, slug)
    main = soup.select_one(".page-summary") if translated.english_body else main_body(soup)
    found = english_in_html(str(main), names)
    for element in (soup.h1, soup.select_one(".lead")):
        if element is not None:
            found += english_sentences(element.get_text(" "), names)
    assert found == []
