"""The house-rules check itself (tests/conftest.py): it passes a real page and fails a page that
breaks any one rule, so a page test cannot pass because the check checks nothing."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.conftest import assert_house_rules


@pytest.fixture
def home(client):
    response = client.get("/en/")
    assert response.status_code == 200
    return response


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_a_real_page_passes(home):
    assert_house_rules(soup_of(home), home)


def _second_h1(soup):
    soup.main.append(soup.new_tag("h1"))


def _no_quick_exit(soup):
    soup.select_one(".exit-this-page").decompose()


def _no_999(soup):
    for link in soup.select('.emergency-strip a[href="tel:999"]'):
        link["href"] = "tel:998"


def _inline_script(soup):
    soup.body.append(soup.new_tag("script"))


def _style_attribute(soup):
    soup.main["style"] = "color: red"


def _duplicate_id(soup):
    soup.body.append(soup.new_tag("div", id="main"))


def _no_lang(soup):
    del soup.html["lang"]


def _protocol_relative_link(soup):
    soup.main.append(soup.new_tag("a", href="//evil.example/"))


def _no_skip_link(soup):
    soup.select_one("a.skip-link").decompose()


def _no_feedback_question(soup):
    soup.select_one("main form.page-feedback").decompose()


@pytest.mark.parametrize(
    "break_rule",
    [
        _second_h1,
        _no_quick_exit,
        _no_999,
        _inline_script,
        _style_attribute,
        _duplicate_id,
        _no_lang,
        _protocol_relative_link,
        _no_skip_link,
        _no_feedback_question,
    ],
)
def test_a_page_that_breaks_one_rule_fails(home, break_rule):
    soup = soup_of(home)
    break_rule(soup)
    with pytest.raises(AssertionError):
        assert_house_rules(soup, home)
