"""axe-core (WCAG 2.2 A and AA rules) in Chromium, zero violations: every English page, a fixed
sample of every kind of page in each other language, and each language's 404 page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from app import create_app
from app.languages import LANGUAGES
from tests.browser.axe import violations
from tests.conftest import page_path

pytestmark = pytest.mark.browser


def markup_kinds(page) -> int:
    """How many kinds of markup a page's body uses (elements, and ::: blocks by class)."""
    soup = BeautifulSoup(page.html, "html.parser")
    tags = {tag.name for tag in soup.find_all(True)}
    blocks = {c for div in soup.select("div[class]") for c in div["class"]}
    return len(tags | blocks)


def language_sample(store) -> list[str]:
    """The pages axe checks in each language other than English: the home page, every section's
    index, and in each section the page whose English body uses the most kinds of markup (a
    translation keeps the English markup: tests/translations/test_structure.py)."""
    english = store.all_pages("en")
    slugs = ["home"] + sorted(p.slug for p in english if p.is_index and p.section != "home")
    for section in sorted({p.section for p in english} - {"home"}):
        pages = sorted(
            (p for p in english if p.section == section and not p.is_index), key=lambda p: p.slug
        )
        if pages:
            slugs.append(max(pages, key=markup_kinds).slug)
    return slugs


def _paths():
    """Every English page; in each other language a fixed sample of pages of every kind (shown
    in the language when translated, else in English with the notice) and the privacy notice;
    each language's 404 page.

    Not every page of every language: axe took 1 to 2 s a page on a shared 2-core machine (one
    browser, one tab), so all 651 pages would take 11 to 22 minutes, more than the whole CI run
    may; a translation has the English page's markup, which axe checks on every English page."""
    store = create_app({"TESTING": True, "SEARCH_AUTO_BUILD": False}).extensions["content"]
    paths = [page_path(p) for p in store.all_pages("en")]
    sample = language_sample(store)
    for lang in LANGUAGES:
        if lang != "en":
            paths += [page_path(store.page(lang, slug)) for slug in sample]
            paths.append(f"/{lang}/about/privacy-notice")
        paths.append(f"/{lang}/no-such-page")
    return list(dict.fromkeys(paths))


@pytest.mark.parametrize("path", _paths())
def test_page_has_no_accessibility_violations(module_tab, live_server, path):
    assert violations(module_tab, live_server + path) == []


@pytest.mark.parametrize("width", [320, 1280])
def test_home_page_at_small_and_large_widths(module_tab, live_server, width):
    module_tab.set_viewport_size({"width": width, "height": 800})
    assert violations(module_tab, live_server + "/en/") == []
    # 320 CSS px is 1280 px at 400% zoom: nothing may scroll sideways.
    scroll = module_tab.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width
