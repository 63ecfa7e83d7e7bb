"""Shared fixtures: the app (content loaded once), a client, and a page getter that parses every
response and checks the house rules a reader relies on before the test sees it."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from app import create_app
from app.content.models import Page
from app.urls import Links
from app.views import route_map

# Tests never write into the real search_index/: every app created in a test session builds its
# search indexes in one temporary folder, set before the first app exists.
SEARCH_INDEX_DIR = tempfile.mkdtemp(prefix="test-search-index-")
os.environ["SEARCH_INDEX_DIR"] = SEARCH_INDEX_DIR
atexit.register(shutil.rmtree, SEARCH_INDEX_DIR, True)


# Links built from the site's routes, for tests that need a page's address without an app.
LINKS = Links(route_map())


def page_path(page: Page) -> str:
    """A page's address in its language, built from the routes."""
    return LINKS.page(page)


def normalize_spaces(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    database = tmp_path_factory.mktemp("db") / "test.db"
    return create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{database}"})


@pytest.fixture(scope="session")
def store(app):
    return app.extensions["content"]


@pytest.fixture
def client(app):
    return app.test_client()


def assert_house_rules(soup: BeautifulSoup, response) -> None:
    """What every HTML page must have, whatever its status."""
    h1s = soup.select("h1")
    assert len(h1s) == 1, f"expected one h1, found {len(h1s)}"
    title = normalize_spaces(soup.title.get_text())
    h1 = normalize_spaces(h1s[0].get_text())
    # An error page's title starts with "Error: " in the page's language, then the h1.
    assert title.startswith(h1) or title.partition(": ")[2].startswith(h1), "title starts with h1"
    ids = [el["id"] for el in soup.select("[id]")]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert soup.html.get("lang"), "html has a lang"
    assert soup.html.get("dir") in ("ltr", "rtl")
    # Quick exit: a real link, first thing after the skip link.
    exit_link = soup.select_one(".exit-this-page a.exit-this-page__button")
    assert exit_link is not None, "quick exit on every page"
    assert exit_link["href"].startswith("http")
    assert set(exit_link["rel"]) == {"nofollow", "noreferrer"}
    assert normalize_spaces(exit_link.contents[0].get_text()) != "", "visible label comes first"
    # Emergency strip with 999 and the Silent Solution.
    strip = soup.select_one(".emergency-strip")
    assert strip is not None, "emergency strip on every page"
    assert strip.select_one('a[href="tel:999"]') is not None
    assert "55" in strip.get_text()
    # Landmarks and skip link.
    assert soup.select_one('a.skip-link[href="#main"]') is not None
    assert soup.select_one("main#main") is not None
    assert soup.select_one("header") is not None and soup.select_one("footer") is not None
    # No inline script or style (the CSP forbids them anyway).
    for script in soup.select("script"):
        assert script.get("src"), "no inline script"
    assert not soup.select("style"), "no inline style"
    assert not soup.select("[style]"), "no style attributes"
    for form in soup.select("form"):
        assert form.get("action"), "forms have an action"
        assert not form["action"].startswith("//"), "form posts stay on this site"
    for link in soup.select("a[href]"):
        assert not link["href"].startswith("//"), f"protocol-relative link {link['href']}"
    # "Is something wrong or missing on this page?" ends every page but the feedback form's
    # own, and says which page it is about in the request body, never in an address.
    path = response.request.path
    if "/feedback" not in path:
        ask = soup.select_one("main form.page-feedback")
        assert ask is not None, "every page asks whether something is wrong or missing"
        assert ask["method"] == "post"
        assert ask.select_one('input[type="hidden"][name="page"]')["value"] == path
    assert "Traceback" not in response.get_data(as_text=True)


def checked_page(response, status: int = 200) -> BeautifulSoup:
    """Check a response's status, that it is HTML and the house rules; return the parsed page."""
    assert response.status_code == status, f"{response.request.path}: {response.status_code}"
    assert response.mimetype == "text/html"
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert_house_rules(soup, response)
    soup.response = response
    return soup


@pytest.fixture
def get_page(client):
    """Fetch a URL, check its status and the house rules, return the parsed page."""

    def _get(url: str, status: int = 200, method: str = "get", **kwargs) -> BeautifulSoup:
        return checked_page(getattr(client, method)(url, **kwargs), status)

    return _get


TEL = re.compile(r"^tel:(\+\d{11,13}|\d{3,8})$")
