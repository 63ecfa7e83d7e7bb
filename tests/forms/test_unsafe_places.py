"""Report an unsafe place: not a crime report, asks where, when and why (never who), keeps
what she typed on every error, and stores only her answers and the week."""

from __future__ import annotations

import datetime as dt

import pytest

from app.db import unsafe_place_reasons, unsafe_place_reports
from tests.forms.conftest import RATE_LIMIT, csrf_token, error_links, rows, textarea_value

URL = "/en/unsafe-places/report"


def valid(token: str, **changes) -> dict:
    answers = {
        "csrf_token": token,
        "area": "erewash",
        "place": "The path behind the station car park",
        "time_of_day": "night",
        "day_of_week": "fri",
        "reasons": ["lighting", "followed"],
        "details": "Two lights have been out for weeks.",
    }
    return {**answers, **changes}


def test_the_page_says_first_that_it_is_not_a_crime_report_and_how_to_report_one(page):
    soup = page(URL)
    callout = soup.select_one("main .callout")
    # The warning comes before the form.
    assert soup.select_one("main form.form") in callout.find_all_next("form")
    assert callout.select_one(".callout-title").get_text() == "This is not a crime report"
    links = {a["href"] for a in callout.select("a")}
    assert {"tel:999", "tel:101", "https://www.derbyshire.police.uk"} <= links


def test_it_never_asks_who_she_is(page):
    soup = page(URL)
    names = {field["name"] for field in soup.select("main form.form [name]")}
    assert names == {
        "csrf_token",
        "submission_id",
        "area",
        "place",
        "time_of_day",
        "day_of_week",
        "reasons",
        "details",
        "website",
    }
    assert not soup.select('main form.form input[type="email"], main form.form input[type="tel"]')


def test_every_question_is_labelled_with_all_nine_council_areas(page):
    soup = page(URL)
    legends = [legend.get_text() for legend in soup.select("main form.form legend")]
    assert legends == [
        "Which council area was it in?",
        "What time of day was it? (optional)",
        "What day of the week was it? (optional)",
        "What made you feel unsafe?",
    ]
    areas = [label.get_text() for label in soup.select('label[for^="area-"]')]
    assert areas == [
        "Derby City",
        "Amber Valley",
        "Bolsover",
        "Chesterfield",
        "Derbyshire Dales",
        "Erewash",
        "High Peak",
        "North East Derbyshire",
        "South Derbyshire",
    ]
    for field in soup.select("main form.form input:not([type=hidden]), main form.form textarea"):
        if field["name"] != "website":
            assert soup.select_one(f'label[for="{field["id"]}"]'), field["id"]


def test_a_report_is_stored_with_the_week_and_nothing_about_her(form_app, form_client, page):
    token = csrf_token(page(URL))
    response = form_client.post(
        URL, data=valid(token), headers={"User-Agent": "Phone/1.0", "X-Forwarded-For": "1.2.3.4"}
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/en/unsafe-places/report/thanks")
    thanks = page("/en/unsafe-places/report/thanks")
    assert thanks.h1.get_text() == "Thank you for telling us"
    [report] = rows(form_app, unsafe_place_reports)
    today = dt.date.today()
    assert report["received_week"] == today - dt.timedelta(days=today.weekday())
    assert report["received_week"].weekday() == 0  # a Monday: the week, not the day
    assert {k: report[k] for k in ("lang", "area", "place", "time_of_day", "day_of_week")} == {
        "lang": "en",
        "area": "erewash",
        "place": "The path behind the station car park",
        "time_of_day": "night",
        "day_of_week": "fri",
    }
    assert report["details"] == "Two lights have been out for weeks."
    reasons = {(r["report_id"], r["reason"]) for r in rows(form_app, unsafe_place_reasons)}
    assert reasons == {(report["id"], "lighting"), (report["id"], "followed")}
    assert "1.2.3.4" not in str(report) and "Phone/1.0" not in str(report)


def test_only_the_area_and_a_reason_are_needed(form_app, form_client, page):
    token = csrf_token(page(URL))
    data = {"csrf_token": token, "area": "derby", "reasons": "other"}
    assert form_client.post(URL, data=data).status_code == 303
    [report] = rows(form_app, unsafe_place_reports)
    assert (report["place"], report["time_of_day"], report["day_of_week"]) == ("", "", "")


def test_missing_answers_are_shown_beside_their_questions_and_the_rest_is_kept(form_app, page):
    token = csrf_token(page(URL))
    soup = page(
        URL, status=400, method="post", data=valid(token, area="", reasons=[], time_of_day="night")
    )
    assert soup.title.get_text().startswith("Error:")
    assert error_links(soup) == {
        "area-0": "Choose the council area",
        "reasons-0": "Choose at least one thing that made you feel unsafe",
    }
    assert soup.select_one("#place")["value"] == "The path behind the station car park"
    assert textarea_value(soup.select_one("#details")) == "Two lights have been out for weeks."
    assert soup.select_one('input[name="time_of_day"][value="night"]').has_attr("checked")
    assert soup.select_one('input[name="day_of_week"][value="fri"]').has_attr("checked")
    assert rows(form_app, unsafe_place_reports) == []


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"area": "london"}, {"area-0": "Choose the council area"}),
        ({"reasons": ["lighting", "aliens"]}, {"reasons-0": "Choose from the list"}),
        ({"time_of_day": "noon"}, {"time_of_day-0": "Choose a time of day from the list"}),
        ({"day_of_week": "7"}, {"day_of_week-0": "Choose a day from the list"}),
        ({"place": "x" * 201}, {"place": "Where it was must be 200 characters or fewer"}),
        ({"details": "x" * 2001}, {"details": "This must be 2,000 characters or fewer"}),
        (
            {"area": ["erewash", "derby"]},
            {"area-0": "This answer was sent more than once. Check it and send the form again."},
        ),
    ],
)
def test_wrong_answers_are_field_errors_never_a_crash(form_app, page, changes, errors):
    token = csrf_token(page(URL))
    soup = page(URL, status=400, method="post", data=valid(token, **changes))
    assert error_links(soup) == errors
    assert rows(form_app, unsafe_place_reports) == []


def test_a_forged_post_is_refused_and_her_words_kept(form_app, page):
    soup = page(URL, status=400, method="post", data=valid("forged"))
    assert "expired" in soup.select_one(".error-summary").get_text()
    assert textarea_value(soup.select_one("#details")) == "Two lights have been out for weeks."
    assert rows(form_app, unsafe_place_reports) == []


def test_a_filled_in_honeypot_stores_nothing(form_app, form_client, page):
    token = csrf_token(page(URL))
    response = form_client.post(URL, data=valid(token, website="spam"))
    assert response.status_code == 303
    assert rows(form_app, unsafe_place_reports) == []


def test_too_many_reports_are_slowed_down_without_losing_the_text(form_app, form_client, page):
    token = csrf_token(page(URL))
    for _ in range(RATE_LIMIT):
        assert form_client.post(URL, data=valid(token)).status_code == 303
    soup = page(URL, status=429, method="post", data=valid(token, place="Fourth place"))
    assert "wait 10 minutes" in soup.select_one(".error-summary").get_text()
    assert soup.select_one("#place")["value"] == "Fourth place"
    assert len(rows(form_app, unsafe_place_reports)) == RATE_LIMIT


def test_questions_answers_and_errors_come_in_the_pages_language(page):
    soup = page("/pl/unsafe-places/report")
    days = [label.get_text() for label in soup.select('label[for^="day_of_week-"]')]
    assert days[0] == "poniedziałek" and days[6] == "niedziela"
    token = csrf_token(soup)
    soup = page("/pl/unsafe-places/report", status=400, method="post", data={"csrf_token": token})
    assert soup.html["lang"] == "pl"
    assert error_links(soup)["area-0"] == "Wybierz rejon"
