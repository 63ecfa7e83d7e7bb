"""The first screen on a phone (issue 9, item 7), in Chromium at 390×844.

Every page's h1 starts in the top half of the screen (at most 420 px down), so a phone shows the
page, not only the site's chrome. Above it stay the quick exit (first, sticky) and the "In danger
now?" strip; the languages and the menu (search and sections) sit behind two buttons that are
native disclosures, so they work without JavaScript, by keyboard and by touch (44 px targets).
Each page type is measured in every language: home, section hubs, a page in every section, the
directory, a service page, open now, the help finder, the self-check, search, the feedback form
and the not-found page, with the finder's, self-check's and search's results and error states.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlencode

import pytest

from app import create_app
from app.languages import LANGUAGES
from tests.conftest import page_path

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TOP_HALF = 420  # px from the top of the page
TARGET = 44  # px, the smallest touch target we allow

# Where the h1, the emergency strip and (on error pages) the error summary are on the page.
POSITIONS = """() => {
  const top = (el) => el ? el.getBoundingClientRect().top + window.scrollY : null;
  const bottom = (el) => el ? el.getBoundingClientRect().bottom + window.scrollY : null;
  const h1 = document.querySelector('main h1');
  const summary = document.querySelector('main .error-summary');
  return {
    h1: top(h1),
    strip: bottom(document.querySelector('.emergency-strip')),
    summary: top(summary),
    summaryThenH1: !!summary && h1.previousElementSibling === summary,
  };
}"""


@cache
def _content():
    return create_app({"TESTING": True}).extensions["content"]


def _get_paths(lang: str) -> dict[str, str]:
    """One address of each page type in `lang`. For content pages: every section's hub and the
    page with the longest title in each section (a phone shows the section above the h1)."""
    pages = _content().all_pages(lang)
    paths = {"home": f"/{lang}/"}
    for section in sorted({p.section for p in pages} - {"home"}):
        in_section = [p for p in pages if p.section == section]
        hubs = [p for p in in_section if p.is_index]
        if hubs:
            paths[f"{section} hub"] = page_path(hubs[0])
        others = [p for p in in_section if not p.is_index]
        if others:
            longest = max(others, key=lambda p: len(p.title))
            paths[f"page in {section}"] = page_path(longest)
    filters = urlencode(
        {"area": "chesterfield", "topic": "stalking", "audience": "women", "open_now": "1"}
    )
    paths |= {
        "directory": f"/{lang}/services",
        "directory with filters": f"/{lang}/services?{filters}",
        "directory, nothing matches": f"/{lang}/services?language=cy&contact=bsl",
        "service page": f"/{lang}/services/national_domestic_abuse_helpline",
        "open now": f"/{lang}/services/open-now",
        "help finder": f"/{lang}/find-help",
        "self-check": f"/{lang}/is-this-abuse",
        "search": f"/{lang}/search",
        "search results": f"/{lang}/search?" + urlencode({"q": "stalking"}),
        "search, nothing found": f"/{lang}/search?" + urlencode({"q": "qqqzzzxxyy"}),
        "feedback form": f"/{lang}/feedback",
        "not found": f"/{lang}/no-such-page",
    }
    return paths


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def _where(tab) -> dict:
    tab.wait_for_load_state()
    return tab.evaluate(POSITIONS)


def _check(name: str, found: dict, *, error_state: bool = False) -> list[str]:
    """What is wrong with the first screen of one page, as readable lines (none when right)."""
    problems = []
    if found["h1"] is None:
        return [f"{name}: no h1"]
    if found["strip"] is None or found["strip"] > found["h1"]:
        problems.append(f"{name}: the emergency strip is not above the h1")
    if error_state:
        # GOV.UK puts the error summary first in main, above the h1: then the summary starts in
        # the top half and the h1 follows it directly.
        if found["summary"] is None:
            problems.append(f"{name}: no error summary")
        elif found["summary"] > TOP_HALF or not found["summaryThenH1"]:
            problems.append(f"{name}: error summary at {found['summary']:.0f} px")
    elif found["h1"] > TOP_HALF:
        problems.append(f"{name}: h1 at {found['h1']:.0f} px")
    return problems


def _send(tab, button: str) -> None:
    """Press a form's button and wait for the page the server sends back."""
    with tab.expect_navigation():
        tab.locator(button).click()


FINDER_FORM = "main form[action$='/find-help']"
SELF_CHECK_FORM = "main form[action$='/is-this-abuse']"


def _answer_first_of_each_question(tab, form: str) -> None:
    """Tick the first answer to every question the form shows (optional questions folded away
    behind a disclosure stay unanswered, as most people leave them), then send it."""
    shown = [q for q in tab.locator(f"{form} fieldset").all() if q.is_visible()]
    assert len(shown) >= 2, "the form shows its questions"
    for fieldset in shown:
        fieldset.locator("input[type=checkbox], input[type=radio]").first.check()
    _send(tab, f"{form} button[type=submit]")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_page_type_shows_its_h1_in_the_top_half_of_a_phone_screen(phone, live_server, lang):
    problems = []
    paths = _get_paths(lang)
    assert len(paths) > 20, "every page type is measured"
    for name, path in paths.items():
        phone.goto(live_server + path)
        problems += _check(name, _where(phone))

    phone.goto(f"{live_server}/{lang}/find-help")
    _answer_first_of_each_question(phone, FINDER_FORM)
    found = _where(phone)
    assert "/find-help" in phone.url and found["summary"] is None, "the finder gave results"
    problems += _check("help finder results", found)

    phone.goto(f"{live_server}/{lang}/is-this-abuse")
    _answer_first_of_each_question(phone, SELF_CHECK_FORM)
    found = _where(phone)
    assert phone.locator(".self-check-result").count() > 0
    problems += _check("self-check results", found)

    # Search as a phone user does it: open the menu, type, send (by POST).
    phone.goto(f"{live_server}/{lang}/")
    phone.locator(".site-menu__button").click()
    phone.locator("#site-search").fill("stalking")
    _send(phone, ".search-box__button")
    found = _where(phone)
    assert phone.locator(".search-result").count() > 0
    problems += _check("search results (sent from the menu)", found)

    assert problems == [], f"{lang}: " + "; ".join(problems)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_error_states_show_the_error_summary_in_the_top_half(phone, live_server, lang):
    problems = []
    phone.goto(f"{live_server}/{lang}/find-help")
    _send(phone, f"{FINDER_FORM} button[type=submit]")
    problems += _check("help finder, no answers", _where(phone), error_state=True)

    phone.goto(f"{live_server}/{lang}/is-this-abuse")
    box = phone.locator(f"{SELF_CHECK_FORM} input[type=checkbox]").first
    box.evaluate("input => { input.value = 'forged'; }")
    box.check()
    _send(phone, f"{SELF_CHECK_FORM} button[type=submit]")
    problems += _check("self-check, forged answer", _where(phone), error_state=True)

    phone.goto(f"{live_server}/{lang}/search?" + urlencode({"q": "x" * 300}))
    problems += _check("search, too long", _where(phone), error_state=True)

    phone.goto(f"{live_server}/{lang}/feedback")
    _send(phone, "main form[action$='/feedback'] button[type=submit]")
    problems += _check("feedback form, nothing filled in", _where(phone), error_state=True)

    assert problems == [], f"{lang}: " + "; ".join(problems)


def _menu_is_shown(tab) -> bool:
    return (
        tab.locator("#site-search").is_visible() and tab.locator(".site-nav a").first.is_visible()
    )


def _languages_are_shown(tab) -> bool:
    return tab.locator(".language-switcher a[hreflang]").first.is_visible()


def test_menu_and_languages_open_on_a_phone_without_javascript(browser, live_server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(live_server + "/en/abuse/stalking")
    assert not _menu_is_shown(tab) and not _languages_are_shown(tab)
    tab.locator(".site-menu__button").click()
    assert _menu_is_shown(tab)
    assert tab.locator(".site-nav a").count() == 7
    tab.locator(".language-switcher__button").click()
    assert _languages_are_shown(tab)
    assert not _menu_is_shown(tab), "opening one closes the other"
    tab.get_by_role("link", name="Polski").click()
    tab.wait_for_url("**/pl/abuse/stalking")
    assert tab.locator("html").get_attribute("lang") == "pl"
    context.close()


def test_buttons_are_touch_sized_and_work_from_the_keyboard(phone, live_server):
    phone.goto(live_server + "/en/")
    for button in (".language-switcher__button", ".site-menu__button"):
        box = phone.locator(button).bounding_box()
        assert box["width"] >= TARGET and box["height"] >= TARGET, button
    # Tab order: skip link, quick exit, site name, languages, menu; Enter opens the menu.
    focused = []
    for _ in range(5):
        phone.keyboard.press("Tab")
        focused.append(phone.evaluate("document.activeElement.className"))
    assert focused == [
        "skip-link",
        "exit-this-page__button",
        "site-name",
        "disclosure__button language-switcher__button",
        "disclosure__button site-menu__button",
    ]
    phone.keyboard.press("Enter")
    assert _menu_is_shown(phone)
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.id") == "site-search"
    for link in phone.locator(".site-nav a").all():
        assert link.bounding_box()["height"] >= TARGET


@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("ur", "rtl")])
def test_buttons_sit_at_the_end_of_the_bar_in_both_directions(phone, live_server, lang, direction):
    phone.goto(f"{live_server}/{lang}/")
    name = phone.locator(".site-name").bounding_box()
    languages = phone.locator(".language-switcher__button").bounding_box()
    menu = phone.locator(".site-menu__button").bounding_box()
    order = [name["x"], languages["x"], menu["x"]]
    assert order == (sorted(order) if direction == "ltr" else sorted(order, reverse=True))
    assert name["x"] + name["width"] <= languages["x"] or direction == "rtl"
    assert languages["x"] + languages["width"] <= name["x"] or direction == "ltr"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_wide_screens_show_the_menu_and_languages_open(tab, live_server):
    tab.set_viewport_size({"width": 1280, "height": 800})
    tab.goto(live_server + "/en/")
    assert _menu_is_shown(tab) and _languages_are_shown(tab)
    assert not tab.locator(".site-menu__button").is_visible()
    assert not tab.locator(".language-switcher__button").is_visible()
