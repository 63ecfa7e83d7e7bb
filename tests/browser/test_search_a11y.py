"""axe-core (WCAG 2.2 A and AA) on the search pages: results, zero results, empty and errors."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.browser.axe import violations, violations_here

pytestmark = pytest.mark.browser

URLS = {
    "results": "/en/search?" + urlencode({"q": "he checks my phone"}),
    "zero results": "/en/search?" + urlencode({"q": "qqqzzzxxyy"}),
    "empty": "/en/search",
    "too long": "/en/search?" + urlencode({"q": "x" * 300}),
    "unknown filter": "/en/search?" + urlencode({"q": "stalking", "section": "nope"}),
    "second page of results": "/en/search?" + urlencode({"q": "abuse", "page": "2"}),
    "page that does not exist": "/en/search?" + urlencode({"q": "abuse", "page": "999"}),
    "results in Urdu": "/ur/search?" + urlencode({"q": "گھریلو تشدد", "page": "2"}),
    "results in Sorani": "/ckb/search?" + urlencode({"q": "توندوتیژیی خێزانی"}),
}


@pytest.mark.parametrize("name", list(URLS))
def test_search_pages_have_no_accessibility_violations(module_tab, live_server, name):
    assert violations(module_tab, live_server + URLS[name]) == []


def test_results_by_post_at_320px_have_no_violations_and_no_sideways_scroll(tab, live_server):
    tab.set_viewport_size({"width": 320, "height": 800})
    tab.goto(live_server + "/en/")
    tab.click(".site-menu__button")  # on a phone the search box is in the menu
    tab.fill("#site-search", "my ex won't stop messaging")
    tab.click(".search-box__button")
    tab.wait_for_selector(".search-result")
    assert "?" not in tab.url, "the words are not in the address"
    assert tab.evaluate("document.documentElement.scrollWidth") <= 320
    # axe on the page the POST returned (not a fresh GET of the URL)
    assert violations_here(tab) == []


def test_search_works_without_javascript(tab_without_js, live_server):
    tab_without_js.goto(live_server + "/en/")
    tab_without_js.fill("#site-search", "spiking")
    tab_without_js.click(".search-box__button")
    tab_without_js.wait_for_selector(".search-result")
    assert tab_without_js.url.endswith("/en/search")
    first = tab_without_js.locator(".search-result__title a").first
    assert first.get_attribute("href") == "/en/abuse/spiking"


def test_next_page_button_shows_the_next_results_without_the_words_in_the_address(
    module_tab, live_server
):
    module_tab.goto(live_server + "/en/")
    module_tab.fill("#site-search", "abuse")
    module_tab.click(".search-box__button")
    first = module_tab.locator(".search-result__title a").all_inner_texts()
    module_tab.get_by_role("button", name="Next page").click()
    module_tab.wait_for_selector("text=Page 2 of")
    second = module_tab.locator(".search-result__title a").all_inner_texts()
    assert len(second) == 10 and not set(first) & set(second)
    assert "?" not in module_tab.url and "abuse" not in module_tab.url
    assert module_tab.locator("#search-query").input_value() == "abuse"
