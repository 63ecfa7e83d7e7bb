"""axe-core (WCAG 2.2 A and AA) on the directory, open-now view, service pages, help finder and
self-check, including their error states and results, at 320px and desktop widths."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from werkzeug.serving import make_server

from app import create_app
from app.directory.hours import LONDON
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
    "/en/services?topic=stalking&area=chesterfield",  # ranked
    "/en/services/childline",  # a channel with what it leaves behind
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
    assert tab.locator(".error-summary a").count() == 4
    assert violations_here(tab) == []


def answer(tab, base, lang="en", who="me", what=(), area="derby", contact=(), about=()):
    """Fill in the help finder as a person would (clicks, no JavaScript needed) and send it."""
    tab.goto(f"{base}/{lang}/find-help")
    tab.check(f"#who-{who}")
    for value in what:
        tab.check(f"#what-{value}")
    tab.check(f"#area-{area}")
    for value in contact:
        tab.check(f"#contact-{value}")
    if about:
        tab.click(".finder-optional summary")  # open the optional question
        for value in about:
            tab.check(f"#about-{value}")
    tab.click("main form button[type=submit]")


def test_finder_results(tab, live_server):
    answer(tab, live_server, what=["followed"], area="chesterfield", contact=["text", "chat"])
    tab.wait_for_selector("#best-heading")
    assert "/find-help" in tab.url and "?" not in tab.url
    assert violations_here(tab) == []


def test_finder_results_with_the_optional_answers_and_a_trace(tab, live_server):
    answer(tab, live_server, what=["child"], contact=["phone"], about=["under-18"])
    tab.wait_for_selector(".best-match .trace")
    assert violations_here(tab) == []


def test_finder_per_question_errors_keep_the_optional_question_open(tab, live_server):
    answer(tab, live_server, what=["followed"], contact=["phone"], about=["under-18", "over-60"])
    tab.wait_for_selector(".error-summary")
    assert tab.locator("details.finder-optional[open]").count() == 1
    assert violations_here(tab) == []
    # A forged answer (a value changed in the page) gets its message by its question.
    tab.goto(live_server + "/en/find-help")
    tab.evaluate("document.querySelector('#area-derby').value = 'atlantis'")
    for control in ("#who-me", "#what-followed", "#area-derby", "#contact-phone"):
        tab.check(control)
    tab.click("main form button[type=submit]")
    tab.wait_for_selector(".form-group--error input[name=area]")
    assert violations_here(tab) == []


def test_finder_change_your_answers(tab, live_server):
    answer(tab, live_server, who="someone-else", what=["hurt-or-scared"], contact=["phone"])
    tab.click(".finder-answers__change button")
    tab.wait_for_selector("#who-someone-else:checked")
    assert violations_here(tab) == []


def test_finder_when_nothing_fits(tab, live_server):
    answer(tab, live_server, what=["online"], contact=["drop-in"])
    tab.wait_for_selector("main .notice .lines-list")
    assert violations_here(tab) == []


@pytest.fixture(scope="module")
def saturday_night_server():
    """The site with its clock fixed at 23:00 on a Saturday, for the "nothing open" state."""
    when = dt.datetime(2026, 6, 6, 23, 0, tzinfo=LONDON)
    app = create_app({"TESTING": True, "DIRECTORY_NOW": lambda: when})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_finder_when_nothing_that_fits_is_open(tab, saturday_night_server, lang):
    answer(tab, saturday_night_server, lang=lang, what=["own-behaviour"], contact=["phone"])
    tab.wait_for_selector(".notice--closed")
    assert violations_here(tab) == []


def test_finder_results_at_320px_do_not_scroll_sideways(tab, live_server):
    tab.set_viewport_size({"width": 320, "height": 800})
    answer(tab, live_server, what=["hurt-or-scared"], contact=["any"], about=["deaf"])
    tab.wait_for_selector("#best-heading")
    assert violations_here(tab) == []
    assert tab.evaluate("document.documentElement.scrollWidth") <= 320


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
    assert tab.locator(".error-summary a").count() == 4
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
