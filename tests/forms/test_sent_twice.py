"""The same form sent twice is saved once, on every backend: each form as shown carries a random
one-time id, and the database keeps each id once. This is what lets the proxy pass a post to a
second app server when the first goes down mid-request (deploy/nginx.conf), and what makes a
second press of Send harmless."""

from __future__ import annotations

import re

from app.db import feedback, unsafe_place_reasons, unsafe_place_reports
from tests.forms.conftest import csrf_token, rows


def form_id(soup) -> str:
    return soup.select_one('input[name="submission_id"]')["value"]


def test_each_form_shown_has_its_own_random_id(page):
    first, second = page("/en/feedback"), page("/en/feedback")
    assert re.fullmatch(r"[0-9a-f]{32}", form_id(first))
    assert form_id(first) != form_id(second)
    assert form_id(page("/en/unsafe-places/report")) != form_id(first)


def test_a_feedback_message_sent_twice_is_saved_once_and_thanked_twice(form_app, form_client, page):
    soup = page("/en/feedback")
    data = {
        "csrf_token": csrf_token(soup),
        "submission_id": form_id(soup),
        "helped": "no",
        "message": "The opening times for the Derby helpline are wrong",
    }
    for _ in range(2):
        response = form_client.post("/en/feedback", data=data)
        assert response.status_code == 303
        assert response.headers["Location"].endswith("/en/feedback/thanks")
    assert [row["message"] for row in rows(form_app, feedback)] == [data["message"]]


def test_a_report_sent_twice_is_saved_once_with_its_reasons_once(form_app, form_client, page):
    soup = page("/en/unsafe-places/report")
    data = {
        "csrf_token": csrf_token(soup),
        "submission_id": form_id(soup),
        "area": "high-peak",
        "place": "The underpass by the bus station",
        "reasons": ["lighting", "followed"],
    }
    for _ in range(2):
        response = form_client.post("/en/unsafe-places/report", data=data)
        assert response.status_code == 303
        assert response.headers["Location"].endswith("/en/unsafe-places/report/thanks")
    [report] = rows(form_app, unsafe_place_reports)
    assert report["place"] == data["place"]
    reasons = sorted(r["reason"] for r in rows(form_app, unsafe_place_reasons))
    assert reasons == ["followed", "lighting"]


def test_two_forms_with_the_same_words_are_two_messages(form_app, form_client, page):
    for _ in range(2):
        soup = page("/en/feedback")
        data = {"csrf_token": csrf_token(soup), "submission_id": form_id(soup), "helped": "yes"}
        assert form_client.post("/en/feedback", data=data).status_code == 303
    assert len(rows(form_app, feedback)) == 2


def test_a_missing_or_forged_id_is_replaced_never_an_error(form_app, form_client, page):
    token = csrf_token(page("/en/feedback"))
    limits = form_app.extensions["rate_limiter"].storage
    for forged in [None, "", "x" * 5000, "1' OR '1'='1", "ABCDEF" * 6, ["a" * 32, "b" * 32]]:
        limits.reset()  # more posts than one person may send in these tests
        data = {"csrf_token": token, "helped": "yes"}
        if forged is not None:
            data["submission_id"] = forged
        assert form_client.post("/en/feedback", data=data).status_code == 303, forged
    saved = rows(form_app, feedback)
    assert len(saved) == 6, "each is a new message"
    assert all(re.fullmatch(r"[0-9a-f]{32}", row["submission_id"]) for row in saved)
    assert len({row["submission_id"] for row in saved}) == 6


def test_the_form_id_is_not_exported(form_app, form_client, page, tmp_path):
    soup = page("/en/feedback")
    data = {"csrf_token": csrf_token(soup), "submission_id": form_id(soup), "helped": "yes"}
    assert form_client.post("/en/feedback", data=data).status_code == 303
    output = tmp_path / "feedback.csv"
    result = form_app.test_cli_runner().invoke(
        args=["reports", "export", "--kind", "feedback", "--output", str(output)]
    )
    assert result.exit_code == 0, result.output
    header, row = output.read_text().splitlines()
    assert "submission_id" not in header and form_id(soup) not in row
