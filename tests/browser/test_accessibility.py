"""axe-core (WCAG 2.2 A and AA rules) in Chromium: every page, zero violations."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from app import create_app
from app.content.store import page_path
from app.languages import LANGUAGES

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()


def _paths():
    """Every English page, every translated page, and each language's home and 404 pages
    (untranslated pages in other languages share the English page's markup)."""
    store = create_app({"TESTING": True}).extensions["content"]
    paths = [page_path(p) for p in store.all_pages("en")]
    for lang in LANGUAGES:
        if lang != "en":
            paths += [page_path(p) for p in store.all_pages(lang) if not p.is_fallback]
            paths += [f"/{lang}/", f"/{lang}/about/privacy-notice"]
        paths.append(f"/{lang}/no-such-page")
    return list(dict.fromkeys(paths))


def violations(tab, url):
    tab.goto(url)
    results = AXE.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


@pytest.fixture(scope="module")
def axe_tab(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", _paths())
def test_page_has_no_accessibility_violations(axe_tab, live_server, path):
    assert violations(axe_tab, live_server + path) == []


@pytest.mark.parametrize("width", [320, 1280])
def test_home_page_at_small_and_large_widths(axe_tab, live_server, width):
    axe_tab.set_viewport_size({"width": width, "height": 800})
    assert violations(axe_tab, live_server + "/en/") == []
    # 320 CSS px is 1280 px at 400% zoom: nothing may scroll sideways.
    scroll = axe_tab.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width


def test_feedback_form_and_its_error_state(axe_tab, live_server):
    assert violations(axe_tab, live_server + "/en/feedback") == []
    axe_tab.get_by_role("button", name="Send").click()
    axe_tab.wait_for_load_state()
    assert axe_tab.locator(".error-summary").is_visible()
    results = AXE.run(axe_tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.response["violations"] == []
