"""axe-core (WCAG 2.2 A and AA rules) in Chromium: every page, zero violations."""

from __future__ import annotations

import pytest

from app import create_app
from app.content.store import page_path
from app.languages import LANGUAGES
from tests.browser.axe import violations

pytestmark = pytest.mark.browser


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
