"""Hostile input in a real browser: path traversal and script payloads in addresses, the search
box and every form must come back as text, never as markup that runs. A payload that got through
would add an element with id "pwned", open a dialog or trip the Content Security Policy; each is
watched for. Also the Lighthouse SEO check that needs a rendered page: legible font sizes."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest

pytestmark = pytest.mark.browser

PAYLOADS = [
    '<b id="pwned">bold</b>',
    '"><img id="pwned" src="x" onerror="alert(1)">',
    '\'><svg id="pwned" onload="alert(1)">',
    '</textarea><i id="pwned">x</i>',
    '<script id="pwned">alert(1)</script>',
]
TRAVERSAL = [
    "/en/../../etc/passwd",
    "/en/..%2f..%2fetc%2fpasswd",
    "/static/..%2fapp%2fconfig.py",
    "/static/%2e%2e/%2e%2e/app/config.py",
    "/en/abuse/%00",
    "/en/abuse/..%00/",
    "/%2e%2e/%2e%2e/",
    "/en/services/..%5c..%5cwsgi.py",
]

WATCH = """
window.__seen = [];
document.addEventListener('securitypolicyviolation', e => window.__seen.push(e.violatedDirective));
"""


@pytest.fixture
def watched(browser):
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def assert_inert(tab) -> None:
    assert tab.evaluate("document.getElementById('pwned')") is None, "markup from input ran"
    assert tab.dialogs == [], "a script from input ran"
    assert tab.evaluate("window.__seen") == [], "input tried to run and CSP stopped it"
    assert tab.locator(".exit-this-page__button").count() == 1, "the quick exit is still there"


@pytest.mark.parametrize("path", TRAVERSAL)
def test_path_traversal_gets_a_plain_not_found_page(watched, live_server, path):
    response = watched.goto(live_server + path)
    if response.status == 200:  # the browser itself resolved the dots, to the site's root
        assert watched.url == live_server + "/en/", watched.url
        return
    assert response.status in (400, 404)
    assert watched.locator("h1").inner_text() in (
        "Page not found",
        "Sorry, we could not understand that request",
    )
    body = watched.content()
    assert "SECRET_KEY" not in body and "root:x:" not in body and "create_app" not in body
    assert_inert(watched)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_script_in_the_address_is_shown_as_text(watched, live_server, payload):
    watched.goto(f"{live_server}/en/{quote(payload, safe='')}/")
    assert_inert(watched)
    watched.goto(f"{live_server}/en/services?{urlencode({'area': payload, 'topic': payload})}")
    assert_inert(watched)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_script_typed_into_search_comes_back_as_the_words_typed(watched, live_server, payload):
    watched.goto(live_server + "/en/")
    watched.fill("#site-search", payload)
    watched.click(".search-box__button")
    watched.wait_for_selector("#search-query")
    assert "?" not in watched.url
    assert watched.input_value("#search-query") == payload
    assert payload in watched.locator(".search-summary").inner_text()
    assert_inert(watched)
    watched.goto(f"{live_server}/en/search?{urlencode({'q': payload, 'section': payload})}")
    assert watched.input_value("#search-query") == payload
    assert_inert(watched)


def test_a_script_typed_into_the_feedback_form_is_kept_as_text(watched, live_server):
    payload = PAYLOADS[3]
    watched.goto(live_server + "/en/feedback")
    watched.fill("textarea[name=message]", payload)
    watched.fill("input[name=contact]", PAYLOADS[0])  # refused: contact details cannot hold < >
    watched.locator("main form button[type=submit]").click()
    watched.wait_for_selector(".error-summary")
    assert watched.input_value("textarea[name=message]") == payload, "her text is kept"
    assert watched.input_value("input[name=contact]") == PAYLOADS[0]
    assert_inert(watched)


FORGE = """([action, fields]) => {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = action;
  for (const [name, value] of fields) {
    const input = document.createElement('input');
    input.type = 'hidden'; input.name = name; input.value = value;
    form.appendChild(input);
  }
  document.body.appendChild(form);
  form.submit();
}"""


def test_forged_posts_to_every_form_come_back_escaped(watched, live_app, live_server):
    paths = [
        rule.rule.replace("<lang>", "en")
        for rule in live_app.url_map.iter_rules()
        if "POST" in rule.methods and rule.arguments <= {"lang"}
    ]
    assert len(paths) >= 3
    for path in paths:
        watched.goto(live_server + path)
        names = watched.eval_on_selector_all(
            "main form [name]", "els => [...new Set(els.map(e => e.name))]"
        )
        assert names, path
        fields = [(name, payload) for name in names for payload in PAYLOADS]
        with watched.expect_navigation():
            watched.evaluate(FORGE, [path, fields])
        assert watched.locator("h1").count() == 1, path
        assert_inert(watched)


# ------------------------------------------------------------------ Lighthouse SEO: rendering

SEO_PAGES = ["/en/", "/en/abuse/coercive-control", "/ur/help/get-help-now", "/en/services"]


@pytest.mark.parametrize("path", SEO_PAGES)
def test_text_is_legible_on_a_phone(browser, live_server, path):
    # Tap targets are checked on every page by axe's target-size rule (WCAG 2.5.8) in the
    # accessibility tests.
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    tab = context.new_page()
    tab.goto(live_server + path)
    texts = tab.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .filter(el => el.offsetParent !== null && !el.closest('.visually-hidden'))
            .map(el => [el.tagName, parseFloat(getComputedStyle(el).fontSize)])"""
    )
    context.close()
    assert len(texts) > 20
    small = [tag for tag, size in texts if size < 12]
    assert small == [], "Lighthouse: text under 12px is not legible"
