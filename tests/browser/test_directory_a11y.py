"""axe-core (WCAG 2.2 A and AA) on the directory, open-now view, service pages, help finder and
self-check, including their error states and results, at 320px and desktop widths."""

from __future__ import annotations

import pytest

from tests.browser.axe import violations, violations_here

pytestmark = pytest.mark.browser

GET_PATHS = [
    "/en/services",
    "/en/services?area=chesterfield&topic=stalking&topic=rape&audience=women&contact=text"
    "&language=en&open_now=1&free=1&self_referral=1",
    "/en/services?area=atlantis&topic=nonsense&page=abc",  # notes about ignored values
    "/en/services?language=cy&contact=bsl",  # no matches: the 24-hour lines
    "/en/services?page=2",
    "/en/services/open-now",
    "/en/services/open-now?area=derby&topic=domestic-abuse",
    "/en/services/national_domestic_abuse_helpline",
    "/en/services/derby_city_children_irt",
    "/en/find-help",
    "/en/is-this-abuse",
    "/ur/find-help",  # right to left, answers in Urdu
    "/ur/is-this-abuse",
    "/pl/is-this-abuse",
    "/ckb/find-help",  # right to left, answers in Sorani
    "/ckb/is-this-abuse",
    "/ckb/services/open-now",
]


@pytest.mark.parametrize("path", GET_PATHS)
def test_directory_pages_have_no_violations(tab, live_server, path):
    assert violations(tab, live_server + path) == []


def test_finder_error_state(tab, live_server):
    tab.goto(live_server + "/en/find-help")
    tab.click("main button[type=submit]")
    tab.wait_for_selector(".error-summary")
    assert tab.locator(".error-summary a").count() == 3
    assert violations_here(tab) == []


def test_finder_results(tab, live_server):
    tab.goto(live_server + "/en/find-help")
    tab.check("#what-followed")
    tab.check("#area-chesterfield")
    tab.check("#contact-text")
    tab.check("#contact-chat")
    tab.click("main button[type=submit]")
    tab.wait_for_selector("#services-heading")
    assert "/find-help" in tab.url and "?" not in tab.url
    assert violations_here(tab) == []


def test_self_check_results_and_forged_error(tab, live_server):
    tab.goto(live_server + "/en/is-this-abuse")
    tab.check("#statement-checks-phone")
    tab.click("main button[type=submit]")
    tab.wait_for_selector(".self-check-result")
    assert violations_here(tab) == []
    tab.goto(live_server + "/en/is-this-abuse")
    tab.evaluate("document.querySelector('#statement-follows-me').value = 'forged'")
    tab.check("#statement-follows-me")
    tab.click("main button[type=submit]")
    tab.wait_for_selector(".error-summary")
    assert violations_here(tab) == []


@pytest.mark.parametrize("lang", ["ur", "ckb"])
def test_finder_error_state_and_self_check_results_right_to_left(tab, live_server, lang):
    tab.goto(f"{live_server}/{lang}/find-help")
    assert tab.get_attribute("html", "dir") == "rtl"
    tab.click("main button[type=submit]")
    tab.wait_for_selector(".error-summary")
    assert tab.locator(".error-summary a").count() == 3
    assert violations_here(tab) == []
    tab.goto(f"{live_server}/{lang}/is-this-abuse")
    tab.check("#statement-checks-phone")
    tab.check("#statement-taken-abroad")
    tab.click("main button[type=submit]")
    tab.wait_for_selector(".self-check-result")
    assert tab.locator(".self-check-result").count() == 2
    assert violations_here(tab) == []


@pytest.mark.parametrize(
    "path",
    ["/en/services", "/en/find-help", "/en/is-this-abuse", "/ur/is-this-abuse", "/ckb/"],
)
def test_nothing_scrolls_sideways_at_320px(tab, live_server, path):
    tab.set_viewport_size({"width": 320, "height": 800})
    assert violations(tab, live_server + path) == []
    assert tab.evaluate("document.documentElement.scrollWidth") <= 320


def test_directory_filters_work_without_javascript(tab_without_js, live_server):
    tab = tab_without_js
    tab.goto(live_server + "/en/services")
    tab.select_option("#filter-area", "chesterfield")
    tab.check("#filter-topic-stalking")
    tab.click(".filter-form button[type=submit]")
    tab.wait_for_load_state()
    assert "area=chesterfield" in tab.url and "topic=stalking" in tab.url
    assert tab.locator(".chosen-filter").count() == 2
