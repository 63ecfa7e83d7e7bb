"""The quick exit in a real browser: click, Shift×3, without JavaScript; Back does not return."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

PAGE = "/en/abuse/coercive-control"


def open_from_neutral(tab, neutral_site, url):
    """Start on another site so the tab has history before ours, as a real visit would."""
    tab.goto(neutral_site + "?before")
    tab.goto(url)
    assert tab.locator("h1").count() == 1


def test_click_leaves_and_back_does_not_return(tab, live_server, neutral_site):
    open_from_neutral(tab, neutral_site, live_server + PAGE)
    tab.get_by_role("link", name="Exit this page").click()
    tab.wait_for_url(neutral_site)
    tab.go_back()
    tab.wait_for_load_state()
    assert not tab.url.startswith(live_server), "Back must not return to the site"
    assert tab.url == neutral_site + "?before"


def test_shift_three_times_leaves(tab, live_server, neutral_site):
    open_from_neutral(tab, neutral_site, live_server + PAGE)
    for _ in range(3):
        tab.keyboard.press("Shift")
    tab.wait_for_url(neutral_site)
    tab.go_back()
    tab.wait_for_load_state()
    assert not tab.url.startswith(live_server)


def test_shift_used_for_capitals_does_not_exit(tab, live_server):
    tab.goto(live_server + "/en/")
    tab.locator("#site-search").click()
    tab.keyboard.type("ABC")
    tab.wait_for_timeout(300)
    assert tab.url.startswith(live_server)
    assert tab.locator("#site-search").input_value() == "ABC"


def test_shift_count_resets_after_another_key(tab, live_server):
    tab.goto(live_server + "/en/")
    tab.keyboard.press("Shift")
    tab.keyboard.press("Shift")
    tab.keyboard.press("a")
    tab.keyboard.press("Shift")
    tab.wait_for_timeout(300)
    assert tab.url.startswith(live_server)


def test_shift_presses_are_announced(tab, live_server):
    tab.goto(live_server + "/en/")
    tab.keyboard.press("Shift")
    status = tab.locator(".exit-this-page [role=status]")
    assert "2 more times" in status.inner_text()


RECORD_PAGE_ON_LEAVING = """
window.addEventListener('pagehide', () => {
  const main = document.querySelector('main');
  localStorage.setItem('seenWhenLeaving', JSON.stringify({
    exiting: document.documentElement.classList.contains('exiting'),
    title: document.title,
    overlay: !!document.querySelector('.exit-overlay[role=alert]'),
    mainHidden: main ? getComputedStyle(main.parentElement).display === 'none' : null,
  }));
});
"""


def test_page_is_blanked_and_title_cleared_on_exit(tab, live_server, neutral_site):
    """What the page looked like at the moment it was left (recorded by a test-only script)."""
    tab.add_init_script(RECORD_PAGE_ON_LEAVING)
    tab.goto(live_server + PAGE)
    tab.get_by_role("link", name="Exit this page").click()
    tab.wait_for_url(neutral_site)
    tab.goto(live_server + "/robots.txt")
    seen = json.loads(tab.evaluate("localStorage.getItem('seenWhenLeaving')"))
    assert seen == {"exiting": True, "title": "", "overlay": True, "mainHidden": True}


def test_exit_works_without_javascript(tab_without_js, live_server, neutral_site):
    tab_without_js.goto(live_server + PAGE)
    tab_without_js.get_by_role("link", name="Exit this page").click()
    tab_without_js.wait_for_url(neutral_site)


def test_exit_button_stays_visible_when_scrolled(tab, live_server):
    tab.set_viewport_size({"width": 360, "height": 640})
    tab.goto(live_server + PAGE)
    tab.mouse.wheel(0, 3000)
    tab.wait_for_timeout(200)
    box = tab.get_by_role("link", name="Exit this page").bounding_box()
    assert box is not None and 0 <= box["y"] < 100


def test_exit_button_has_an_accessible_name_starting_with_its_label(tab, live_server):
    tab.goto(live_server + "/en/")
    name = tab.get_by_role("link", name="Exit this page").first.evaluate("el => el.textContent")
    assert name.startswith("Exit this page")


NUMBER_READS_LEFT_TO_RIGHT = """
(link) => {
  const text = link.firstChild;
  const range = document.createRange();
  range.setStart(text, 0); range.setEnd(text, 1);
  const first = range.getBoundingClientRect().left;
  range.setStart(text, text.length - 1); range.setEnd(text, text.length);
  return first < range.getBoundingClientRect().left;
}
"""


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_phone_numbers_read_left_to_right_in_every_direction(tab, live_server, lang):
    tab.goto(f"{live_server}/{lang}/help/get-help-now")
    numbers = tab.locator("main a.contact-number")
    assert numbers.count() > 3
    for i in range(numbers.count()):
        link = numbers.nth(i)
        if " " in link.inner_text():
            assert link.evaluate(NUMBER_READS_LEFT_TO_RIGHT), link.inner_text()
