"""The public forms in Chromium with axe-core (WCAG 2.2 A and AA): each form empty, with its
errors, and its thank-you page; the link at the end of every page; the public counts."""

from __future__ import annotations

import pytest

from tests.browser.axe import violations, violations_here

pytestmark = pytest.mark.browser


def send(tab, name="Send"):
    tab.get_by_role("button", name=name).click()
    tab.wait_for_load_state()


def test_page_feedback_from_the_end_of_a_page_its_errors_and_thanks(tab, live_server):
    tab.goto(live_server + "/en/abuse/stalking")
    send(tab, "Is something wrong or missing on this page?")
    assert tab.locator("h1").inner_text() == "Is something wrong or missing on this page?"
    assert tab.url == live_server + "/en/feedback/page"  # no page path in the address
    assert tab.locator("#page").input_value() == "/en/abuse/stalking"
    assert violations_here(tab) == []

    tab.locator("#message").fill("The opening times are missing")
    send(tab)
    assert tab.locator(".error-summary").is_visible()
    assert tab.locator("#message").input_value() == "The opening times are missing"
    assert violations_here(tab) == []
    # The error summary's link takes her to the question.
    tab.get_by_role("link", name="Choose yes or no").click()
    assert tab.evaluate("document.activeElement.id") == "helped-0"

    tab.get_by_role("radio", name="No").check()
    send(tab)
    assert tab.locator("h1").inner_text() == "Thank you, we have your message"
    assert violations_here(tab) == []


def test_the_feedback_form_opened_directly(module_tab, live_server):
    assert violations(module_tab, live_server + "/en/feedback") == []
    assert module_tab.locator(".form-trap").is_hidden()  # the honeypot is for bots only


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_report_an_unsafe_place_its_errors_and_thanks(tab, live_server, lang):
    assert violations(tab, f"{live_server}/{lang}/unsafe-places/report") == []
    tab.locator("#place").fill("Subway under the ring road")
    send(tab, "Send" if lang == "en" else "بھیجیں")
    assert tab.locator(".error-summary").is_visible()
    assert tab.locator("#place").input_value() == "Subway under the ring road"
    assert violations_here(tab) == []

    tab.locator("#area-2").check()
    tab.locator("#reasons-0").check()
    tab.locator("#time_of_day-3").check()
    send(tab, "Send" if lang == "en" else "بھیجیں")
    assert tab.url.endswith(f"/{lang}/unsafe-places/report/thanks")
    assert violations_here(tab) == []


def test_what_you_told_us(module_tab, live_server):
    assert violations(module_tab, live_server + "/en/unsafe-places/") == []
    assert module_tab.locator("table").count() == 2
