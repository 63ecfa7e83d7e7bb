"""Bad input: odd URLs get a real, localised error page with the safety shell; never a 500."""

from __future__ import annotations

import pytest

from tests.conftest import checked_page

ODD_URLS = [
    "/en/no-such-section/",
    "/en/abuse/no-such-page",
    "/en/abuse/domestic-abuse/extra",
    "/xx/",
    "/xx/abuse/domestic-abuse",
    "/EN/",
    "/en/../../etc/passwd",
    "/en/%2e%2e/%2e%2e/etc/passwd",
    "/static/../app/config.py",
    "/en/abuse/%00",
    "/en/abuse/" + "a" * 3000,
    "/en/abuse/%F0%9F%92%A5",
    "/en/home/",
    "/en/rights/domestic-abuse",  # a real slug in the wrong section
]


@pytest.mark.parametrize("url", ODD_URLS)
def test_odd_urls_get_a_404_page_with_the_safety_shell(client, get_page, url):
    response = client.get(url)
    if response.status_code in (301, 302, 308):
        url = response.headers["Location"]
    soup = get_page(url, status=404)
    assert soup.h1.get_text() == "Page not found"
    assert soup.select_one("main a[href='/en/']") is not None


def test_404_page_is_in_the_language_of_the_url(get_page):
    soup = get_page("/en/nothing/here", status=404)
    assert soup.html["lang"] == "en"


def test_post_to_a_content_page_is_405_with_a_page(get_page):
    soup = get_page("/en/abuse/", status=405, method="post")
    assert "not allowed" in soup.h1.get_text()


def test_an_unexpected_error_shows_a_plain_500_page(app, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setitem(app.view_functions, "pages.home", boom)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    monkeypatch.setattr(app.logger, "disabled", True)
    response = app.test_client().get("/en/")
    checked_page(response, 500)  # the site's shell: quick exit, emergency strip, one h1
    body = response.get_data(as_text=True)
    assert "secret internals" not in body and "Traceback" not in body
    assert "problem with this site" in body
    assert 'href="tel:999"' in body
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "path", ["/en/feedback", "/pl/find-help", "/ur/is-this-abuse", "/en/search"]
)
def test_head_on_a_form_page_answers_like_get_and_is_not_a_post(client, path):
    # Found by the fuzz suite: HEAD went down the POST branch (a 400, and a rate-limit hit).
    assert client.head(path).status_code == client.get(path).status_code == 200
