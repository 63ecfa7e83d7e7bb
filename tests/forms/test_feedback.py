"""Page feedback: "Is something wrong or missing on this page?" Did it help, what was wrong.

Opt-in, stores only what she sent, never loses what she typed, on every storage backend."""

from __future__ import annotations

from bs4 import BeautifulSoup

from app.db import feedback
from tests.forms.conftest import RATE_LIMIT, csrf_token, error_links, rows, textarea_value


def open_form(page, about="/en/abuse/stalking", lang="en"):
    return page(f"/{lang}/feedback/page", method="post", data={"page": about})


def test_the_link_at_the_end_of_a_page_opens_the_form_about_that_page(page):
    stalking = page("/en/abuse/stalking")
    ask = stalking.select_one("main form.page-feedback")
    assert ask["action"] == "/en/feedback/page"
    assert ask.button.get_text(strip=True) == "Is something wrong or missing on this page?"
    soup = open_form(page)
    assert soup.h1.get_text() == "Is something wrong or missing on this page?"
    assert soup.select_one("#page")["value"] == "/en/abuse/stalking"
    assert soup.select_one("fieldset legend").get_text() == "Did this page help you?"
    assert soup.select_one('label[for="message"]').get_text() == (
        "What was missing or wrong? (optional)"
    )
    # The page it is about was in the request body: no address carries it.
    assert "stalking" not in soup.response.request.url


def test_an_outside_address_is_not_kept_as_the_page(page):
    soup = open_form(page, about="https://evil.example/x")
    assert soup.select_one("#page").get("value", "") == ""
    assert soup.h1.get_text() == "Tell us something is wrong"


def test_only_the_form_sets_a_cookie_httponly_strict_and_secure_over_https(
    form_app, form_client, page
):
    assert "Set-Cookie" not in form_client.get("/en/abuse/").headers
    cookie = page("/en/feedback").response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Secure" not in cookie  # plain HTTP (local use): a Secure cookie would be dropped
    https = form_app.test_client().get("/en/feedback", base_url="https://localhost")
    assert "Secure" in https.headers["Set-Cookie"]
    # Having the cookie does not make ordinary pages set or refresh one.
    assert "Set-Cookie" not in form_client.get("/en/abuse/").headers
    assert "Set-Cookie" not in form_client.get("/en/unsafe-places/").headers


def test_a_valid_message_is_stored_with_only_what_was_sent(form_app, form_client, page):
    form = open_form(page)
    token = csrf_token(form)
    form_id = form.select_one('input[name="submission_id"]')["value"]
    response = form_client.post(
        "/en/feedback",
        data={
            "csrf_token": token,
            "submission_id": form_id,
            "helped": "no",
            "message": "  The helpline number is wrong  ",
            "page": "/en/abuse/stalking",
            "contact": "",
        },
        headers={"User-Agent": "Phone/1.0", "X-Forwarded-For": "203.0.113.9"},
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/en/feedback/thanks")
    thanks = page("/en/feedback/thanks")
    assert thanks.h1.get_text() == "Thank you, we have your message"
    [row] = rows(form_app, feedback)
    assert set(row) == {
        "id",
        "received_on",
        "lang",
        "page",
        "helped",
        "message",
        "contact",
        "submission_id",
    }
    assert row["submission_id"] == form_id  # the form's random one-time id, nothing about her
    assert row["message"] == "The helpline number is wrong"
    assert row["page"] == "/en/abuse/stalking" and row["helped"] is False and row["lang"] == "en"
    assert "203.0.113.9" not in str(row) and "Phone/1.0" not in str(row)


def test_yes_with_no_message_is_enough(form_app, form_client, page):
    token = csrf_token(page("/en/feedback"))
    response = form_client.post("/en/feedback", data={"csrf_token": token, "helped": "yes"})
    assert response.status_code == 303
    [row] = rows(form_app, feedback)
    assert row["helped"] is True and row["message"] == "" and row["page"] == ""


def test_a_page_she_describes_in_her_own_words_is_kept_as_she_typed_it(form_app, form_client, page):
    token = csrf_token(page("/en/feedback"))
    data = {"csrf_token": token, "helped": "no", "page": "the page about stalking"}
    assert form_client.post("/en/feedback", data=data).status_code == 303
    assert rows(form_app, feedback)[0]["page"] == "the page about stalking"


def test_no_answer_to_did_it_help_is_an_error_beside_the_question_and_nothing_is_lost(
    form_app, page
):
    token = csrf_token(page("/en/feedback"))
    soup = page(
        "/en/feedback",
        status=400,
        method="post",
        data={
            "csrf_token": token,
            "message": "Opening times for the helpline are missing",
            "page": "/en/help/",
            "contact": "me@example.org",
        },
    )
    assert soup.title.get_text().startswith("Error:")
    assert error_links(soup) == {"helped-0": "Choose yes or no"}
    assert soup.select_one("fieldset:has(#helped-0)")["aria-describedby"] == "helped-error"
    assert (
        textarea_value(soup.select_one("#message")) == "Opening times for the helpline are missing"
    )
    assert soup.select_one("#page")["value"] == "/en/help/"
    assert soup.select_one("#contact")["value"] == "me@example.org"
    assert rows(form_app, feedback) == []


def test_the_reply_address_is_optional_and_warns_who_can_see_the_reply(page):
    soup = page("/en/feedback")
    contact = soup.select_one("#contact")
    assert contact["type"] == "email" and not contact.has_attr("required")
    hint = soup.select_one("#contact-hint").get_text()
    assert "Anyone who can read your emails will be able to see our reply" in hint
    # Nothing else asks who she is.
    names = {field["name"] for field in soup.select("main form.form [name]")}
    assert names == {
        "csrf_token",
        "submission_id",
        "helped",
        "message",
        "page",
        "contact",
        "website",
    }


def test_a_reply_address_that_is_not_an_email_address_is_refused_and_kept(page):
    token = csrf_token(page("/en/feedback"))
    soup = page(
        "/en/feedback",
        status=400,
        method="post",
        data={"csrf_token": token, "helped": "no", "contact": "call me <b>"},
    )
    assert error_links(soup) == {
        "contact": "Enter an email address like name@example.com, or leave this empty"
    }
    assert soup.select_one("#contact")["value"] == "call me <b>"
    assert soup.select_one("#helped-1").has_attr("checked")  # "No" is still chosen


def test_a_forged_post_without_a_token_is_refused_in_her_language_and_the_text_kept(form_app, page):
    soup = page(
        "/pl/feedback",
        status=400,
        method="post",
        data={"helped": "no", "message": "Moje słowa nie mogą zginąć"},
    )
    assert soup.html["lang"] == "pl"
    summary = soup.select_one(".error-summary").get_text()
    assert "Formularz wygasł" in summary
    assert textarea_value(soup.select_one("#message")) == "Moje słowa nie mogą zginąć"
    # The page shows a fresh token, so sending again works.
    assert csrf_token(soup)
    assert rows(form_app, feedback) == []


def test_a_token_from_another_session_is_refused(form_app, form_client, page):
    stranger = form_app.test_client()
    stranger_token = csrf_token(BeautifulSoup(stranger.get("/en/feedback").data, "html.parser"))
    page("/en/feedback")
    response = form_client.post(
        "/en/feedback", data={"csrf_token": stranger_token, "helped": "yes"}
    )
    assert response.status_code == 400
    assert rows(form_app, feedback) == []


def test_an_over_long_message_is_refused_and_kept(page):
    token = csrf_token(page("/en/feedback"))
    text = "x" * 2001
    soup = page(
        "/en/feedback",
        status=400,
        method="post",
        data={"csrf_token": token, "helped": "no", "message": text},
    )
    assert error_links(soup) == {
        "message": "What was missing or wrong must be 2,000 characters or fewer"
    }
    assert textarea_value(soup.select_one("#message")) == text


def test_wrong_and_repeated_answers_are_field_errors_not_crashes(page):
    token = csrf_token(page("/en/feedback"))
    soup = page(
        "/en/feedback",
        status=400,
        method="post",
        data={"csrf_token": token, "helped": "maybe", "message": ["first", "second"]},
    )
    assert error_links(soup) == {
        "helped-0": "Choose yes or no",
        "message": "This answer was sent more than once. Check it and send the form again.",
    }
    assert textarea_value(soup.select_one("#message")) == "first"


def test_a_body_that_is_not_utf8_gets_field_errors_not_a_crash(form_client, page):
    token = csrf_token(page("/en/feedback"))
    body = b"csrf_token=" + token.encode() + b"&helped=%FF%FE&message=caf%E9"
    response = form_client.post(
        "/en/feedback", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "Choose yes or no" in response.get_data(as_text=True)


def test_a_filled_in_honeypot_looks_like_success_but_stores_nothing(form_app, form_client, page):
    token = csrf_token(page("/en/feedback"))
    response = form_client.post(
        "/en/feedback",
        data={"csrf_token": token, "helped": "no", "message": "buy", "website": "http://spam"},
    )
    assert response.status_code == 303
    assert rows(form_app, feedback) == []


def test_the_honeypot_is_hidden_from_people(page):
    soup = page("/en/feedback")
    trap = soup.select_one("#website")
    assert soup.select_one("div:has(> #website)")["class"] == ["form-trap"]
    assert trap["tabindex"] == "-1"


def test_too_many_posts_are_slowed_down_without_losing_the_text(page):
    token = csrf_token(page("/en/feedback"))
    for _ in range(RATE_LIMIT):
        page("/en/feedback", status=400, method="post", data={"csrf_token": token})
    soup = page(
        "/en/feedback",
        status=429,
        method="post",
        data={"csrf_token": token, "helped": "no", "message": "Still here"},
    )
    assert "wait 10 minutes" in soup.select_one(".error-summary").get_text()
    assert textarea_value(soup.select_one("#message")) == "Still here"


def test_errors_come_in_the_pages_language(page):
    token = csrf_token(page("/ur/feedback"))
    soup = page("/ur/feedback", status=400, method="post", data={"csrf_token": token})
    assert soup.html["lang"] == "ur" and soup.html["dir"] == "rtl"
    assert error_links(soup) == {"helped-0": "ہاں یا نہیں چنیں"}


def test_an_absurdly_large_post_gets_a_clear_413_page(page):
    soup = page("/en/feedback", status=413, method="post", data={"message": "x" * 100_000})
    assert "too long" in soup.h1.get_text()
