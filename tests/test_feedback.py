"""Tell us something is wrong: an opt-in form that stores only what is typed, never loses it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app import create_app
from app.db import feedback


@pytest.fixture
def form_app(tmp_path):
    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'f.db'}",
            "RATELIMIT_FORMS": "3 per 10 minutes",
        }
    )


@pytest.fixture
def form_client(form_app):
    return form_app.test_client()


def token(get_page) -> str:
    soup = get_page("/en/feedback")
    return soup.select_one('input[name="csrf_token"]')["value"]


@pytest.fixture
def form_page(form_client):
    from bs4 import BeautifulSoup

    from tests.conftest import assert_house_rules

    def _get(url, status=200, method="get", **kwargs):
        response = getattr(form_client, method)(url, **kwargs)
        assert response.status_code == status
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        assert_house_rules(soup, response)
        soup.response = response
        return soup

    return _get


def textarea_value(element) -> str:
    """What a browser shows: HTML drops one newline at the start of a textarea."""
    text = element.get_text()
    return text[2:] if text.startswith("\r\n") else text.removeprefix("\n")


def stored(app):
    with app.extensions["db_engine"].connect() as connection:
        return [dict(row._mapping) for row in connection.execute(select(feedback))]


def test_the_form_page_has_labelled_fields_and_is_the_only_page_with_a_cookie(
    form_page, form_client
):
    soup = form_page("/en/feedback?page=/en/abuse/stalking")
    assert soup.select_one('label[for="message"]').get_text(strip=True) == "What is wrong?"
    assert soup.select_one("#page")["value"] == "/en/abuse/stalking"
    cookie = soup.response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Set-Cookie" not in form_client.get("/en/abuse/").headers


def test_an_outside_address_is_not_kept_as_the_page(form_page):
    soup = form_page("/en/feedback?page=https://evil.example/x")
    assert soup.select_one("#page").get("value", "") == ""


def test_a_valid_message_is_stored_with_only_what_was_typed(form_app, form_client, form_page):
    csrf = token(form_page)
    response = form_client.post(
        "/en/feedback",
        data={
            "csrf_token": csrf,
            "message": "The helpline number is wrong",
            "page": "/en/",
            "contact": "",
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/en/feedback/thanks")
    soup = form_page("/en/feedback/thanks")
    assert "Thank you" in soup.h1.get_text()
    rows = stored(form_app)
    assert len(rows) == 1
    row = rows[0]
    assert row["message"] == "The helpline number is wrong" and row["page"] == "/en/"
    assert set(row) == {"id", "received_on", "lang", "page", "message", "contact"}


def test_an_empty_message_shows_a_linked_error_and_keeps_the_other_fields(form_app, form_page):
    csrf = token(form_page)
    soup = form_page(
        "/en/feedback",
        status=400,
        method="post",
        data={"csrf_token": csrf, "message": "  ", "page": "/en/help/", "contact": "a@b.example"},
    )
    assert soup.title.get_text().startswith("Error:")
    link = soup.select_one(".error-summary a")
    assert link["href"] == "#message" and link.get_text() == "Tell us what is wrong"
    assert soup.select_one("#page")["value"] == "/en/help/"
    assert soup.select_one("#contact")["value"] == "a@b.example"
    assert "message-error" in soup.select_one("#message")["aria-describedby"]
    assert stored(form_app) == []


def test_a_forged_post_without_a_token_is_refused_but_the_text_is_kept(form_app, form_page):
    soup = form_page(
        "/en/feedback", status=400, method="post", data={"message": "My words must not be lost"}
    )
    assert "expired" in soup.select_one(".error-summary").get_text()
    assert textarea_value(soup.select_one("#message")) == "My words must not be lost"
    assert stored(form_app) == []


def test_an_over_long_message_is_refused_and_kept(form_page):
    csrf = token(form_page)
    text = "x" * 2500
    soup = form_page(
        "/en/feedback", status=400, method="post", data={"csrf_token": csrf, "message": text}
    )
    assert "2,000 characters or fewer" in soup.select_one(".error-summary").get_text()
    assert textarea_value(soup.select_one("#message")) == text


def test_too_many_posts_are_slowed_down_without_losing_the_text(form_page):
    csrf = token(form_page)
    for _ in range(3):
        form_page(
            "/en/feedback", status=400, method="post", data={"csrf_token": csrf, "message": ""}
        )
    soup = form_page(
        "/en/feedback",
        status=429,
        method="post",
        data={"csrf_token": csrf, "message": "Still here"},
    )
    assert "wait 10 minutes" in soup.select_one(".error-summary").get_text()
    assert textarea_value(soup.select_one("#message")) == "Still here"


def test_an_absurdly_large_post_gets_a_clear_413_page(form_page):
    soup = form_page("/en/feedback", status=413, method="post", data={"message": "x" * 100_000})
    assert "too long" in soup.h1.get_text()
