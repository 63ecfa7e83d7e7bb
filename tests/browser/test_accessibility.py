"""axe-core (WCAG 2.2 A and AA rules) in Chromium, zero violations, on every page of every
language as shown in that language, and each language's 404 page: 651 pages, in one tab that
loads axe with each page (tests/browser/axe.py). The home page also at 320 and 1280 px. The
checker itself is tested on pages with known violations, so a silent axe cannot pass."""

from __future__ import annotations

import pytest

from app import create_app
from app.languages import LANGUAGES
from tests.browser.axe import audit_here, violations, violations_here, with_axe
from tests.conftest import page_path

pytestmark = pytest.mark.browser


def _paths() -> list[str]:
    """Every page of every language at its address in that language, then each 404 page."""
    store = create_app({"TESTING": True, "SEARCH_AUTO_BUILD": False}).extensions["content"]
    paths = [page_path(page) for lang in LANGUAGES for page in store.all_pages(lang)]
    return paths + [f"/{lang}/no-such-page" for lang in LANGUAGES]


PATHS = _paths()


def test_every_page_of_every_language_is_checked():
    """The list is not quietly short: 92 pages in each of the seven languages, and the 404s."""
    assert len(LANGUAGES) == 7
    for lang in LANGUAGES:
        assert len([p for p in PATHS if p.startswith(f"/{lang}/")]) == 92 + 1
    assert len(set(PATHS)) == len(PATHS)


@pytest.fixture(scope="module")
def axe_tab(browser):
    context = browser.new_context()
    with_axe(context)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PATHS)
def test_page_has_no_accessibility_violations(axe_tab, live_server, path):
    axe_tab.goto(live_server + path)
    audit = audit_here(axe_tab)
    assert audit.lang == path.split("/")[1]  # shown in its language, not the English fallback
    assert audit.violations == []


def test_checker_reports_violations(axe_tab, tab, neutral_site):
    """A page without `lang` (the neutral exit page), and a picture without a text alternative
    and an unnamed link, are each reported: by the tab that loads axe with each page, and by
    axe sent to a tab."""
    axe_tab.goto(neutral_site)
    assert [line.split(":")[0] for line in audit_here(axe_tab).violations] == ["html-has-lang"]

    tab.set_content(
        '<html lang="en"><title>Test</title><main><h1>Test</h1>'
        '<img src="/x.png"><a href="/"></a></main></html>'
    )
    assert [line.split(":")[0] for line in violations_here(tab)] == ["image-alt", "link-name"]


@pytest.mark.parametrize("width", [320, 1280])
def test_home_page_at_small_and_large_widths(module_tab, live_server, width):
    module_tab.set_viewport_size({"width": width, "height": 800})
    assert violations(module_tab, live_server + "/en/") == []
    # 320 CSS px is 1280 px at 400% zoom: nothing may scroll sideways.
    scroll = module_tab.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width
