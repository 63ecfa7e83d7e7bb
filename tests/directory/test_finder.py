"""The help finder and the "Is this abuse?" self-check: right services and pages for each
situation, answers never stored or put in the URL, clear errors for missing or forged answers."""

from __future__ import annotations

import pytest

from app.views.finder import CONTACT_ANSWERS
from tests.conftest import normalize_spaces


def answers(store_app):
    return store_app.extensions["guides"].answers


def result_keys(soup):
    return [
        a["href"].rsplit("/", 1)[-1]
        for a in soup.select("main > .results-list .service-card__name a")
    ]


def test_the_three_questions_are_on_one_page_and_sent_by_post(get_page, app):
    soup = get_page("/en/find-help")
    form = soup.select_one("main form")
    assert form["method"] == "post" and form["action"] == "/en/find-help"
    legends = [normalize_spaces(el.get_text()) for el in form.select("fieldset > legend")]
    assert legends == [
        "1. What is happening?",
        "2. Where do you live?",
        "3. How is it safe for you to get in touch?",
    ]
    whats = [i["value"] for i in form.select("input[name=what]")]
    assert whats == [a.id for a in answers(app)]
    assert len(form.select("input[name=area][type=radio]")) == 10


@pytest.mark.parametrize(
    "answer_id",
    [
        "hurt-or-scared",
        "controlled",
        "sexual",
        "followed",
        "online",
        "spiked",
        "family",
        "fgm",
        "child",
        "hate",
        "own-behaviour",
        "not-sure",
    ],
)
def test_each_situation_gives_matching_services_and_pages(get_page, app, store, answer_id):
    answer = next(a for a in answers(app) if a.id == answer_id)
    soup = get_page(
        "/en/find-help",
        method="post",
        data={"what": answer_id, "area": "chesterfield", "contact": "any"},
    )
    assert soup.h1.get_text() == "Help that fits what you told us"
    keys = result_keys(soup)
    assert keys, answer_id
    for key in keys:
        service = store.services[key]
        assert "chesterfield" in service.areas or service.is_national
        if answer.topics:
            assert set(answer.topics) & set(service.topics), (answer_id, key)
        else:
            assert set(answer.audiences) & set(service.audiences), (answer_id, key)
    pages = {a["href"].rsplit("/", 1)[-1] for a in soup.select("#read-more ~ ul a")}
    assert set(answer.pages) <= pages


def test_someone_who_cannot_phone_tonight_gets_text_and_chat_open_now_first(get_page, store, at):
    at(2026, 6, 3, 21, 30)  # Wednesday evening
    soup = get_page(
        "/en/find-help",
        method="post",
        data={"what": "hurt-or-scared", "area": "chesterfield", "contact": ["text", "chat"]},
    )
    keys = result_keys(soup)
    for key in keys:
        assert any(c.type in ("text", "chat") for c in store.services[key].channels)
    statuses = [
        bool(card.select_one(".open-status--open"))
        for card in soup.select("main > .results-list .service-card")
    ]
    assert statuses[0] is True
    assert statuses == sorted(statuses, reverse=True), "open services come first"


def test_answers_are_not_in_the_url_and_nothing_is_stored(client):
    response = client.post(
        "/en/find-help", data={"what": "followed", "area": "derby", "contact": "phone"}
    )
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    assert response.request.path == "/en/find-help" and not response.request.query_string


def test_missing_answers_give_an_error_summary_linked_to_each_question(get_page):
    soup = get_page("/en/find-help", method="post", data={}, status=400)
    assert soup.title.get_text().startswith("Error: ")
    links = soup.select(".error-summary a")
    assert [a["href"] for a in links] == ["#what-hurt-or-scared", "#area-derby", "#contact-phone"]
    for link in links:
        target = soup.select_one(link["href"])
        fieldset = target.find_parent("fieldset")
        described = fieldset["aria-describedby"].split()
        assert all(soup.select_one(f"#{i}") for i in described)


def test_answers_given_are_kept_when_another_is_missing(get_page):
    soup = get_page(
        "/en/find-help",
        method="post",
        data={"what": ["sexual", "spiked"], "contact": "chat"},
        status=400,
    )
    checked = {(i["name"], i["value"]) for i in soup.select("input[checked]")}
    assert checked == {("what", "sexual"), ("what", "spiked"), ("contact", "chat")}
    assert [a["href"] for a in soup.select(".error-summary a")] == ["#area-derby"]


@pytest.mark.parametrize(
    "data",
    [
        {"what": "aliens", "area": "derby", "contact": "phone"},
        {"what": "followed", "area": "mars", "contact": "phone"},
        {"what": "followed", "area": ["derby", "erewash"], "contact": "phone"},
        {"what": "followed", "area": "derby", "contact": "pigeon"},
        {"what": ["followed"] * 500, "area": "derby", "contact": "phone"},
        {"what": "x" * 5000, "area": "derby", "contact": "phone"},
    ],
)
def test_forged_answers_get_a_clear_message_not_a_crash(get_page, data):
    soup = get_page("/en/find-help", method="post", data=data, status=400)
    messages = [normalize_spaces(a.get_text()) for a in soup.select(".error-summary a")]
    assert "Some answers were not ones we offer. Check your answers and try again." in messages


def test_contact_answers_are_directory_contact_values():
    from app.directory.filters import CONTACT_TYPES

    assert set(CONTACT_ANSWERS) <= set(CONTACT_TYPES)


# ------------------------------------------------------------------ self-check


def test_self_check_lists_plain_statements_by_type_and_works_as_a_plain_form(get_page, app):
    soup = get_page("/en/is-this-abuse")
    form = soup.select_one("main form")
    assert form["method"] == "post" and form["action"] == "/en/is-this-abuse"
    groups = app.extensions["guides"].groups
    legends = [normalize_spaces(el.get_text()) for el in form.select("fieldset > legend")]
    assert legends == [g.title for g in groups]
    labels = [normalize_spaces(el.get_text()) for el in form.select(".checkboxes__label")]
    assert "checks my phone, messages or where I go" in labels
    assert "controls my money or takes my wages" in labels
    assert soup.select_one(".talk-it-through a[href^='tel:']") is not None


@pytest.mark.parametrize(
    ("statement", "slug", "topic"),
    [
        ("checks-phone", "coercive-control", "coercive-control"),
        ("controls-money", "economic-abuse", "economic-abuse"),
        ("hits-or-pushes", "domestic-abuse", "domestic-abuse"),
        ("pressures-sex", "rape", "sexual-violence"),
        ("follows-me", "stalking", "stalking"),
        ("shares-pictures", "online-abuse", "online-abuse"),
        ("forced-to-marry", "forced-marriage", "forced-marriage"),
    ],
)
def test_each_statement_leads_to_its_page_and_services(get_page, store, statement, slug, topic):
    soup = get_page("/en/is-this-abuse", method="post", data={"statement": statement})
    results = soup.select(".self-check-result")
    assert len(results) == 1
    result = results[0]
    assert result.select_one(f'a[href$="/{slug}"]') is not None
    for link in result.select(".service-card__name a"):
        assert topic in store.services[link["href"].rsplit("/", 1)[-1]].topics
    assert result.select_one(f'a[href="/en/services?topic={topic}"]') is not None
    # Always ends with "not sure? talk it through".
    assert soup.select(".talk-it-through")[-1].h2.get_text() == "Not sure? Talk it through"


def test_ticking_nothing_still_offers_someone_to_talk_to(get_page):
    soup = get_page("/en/is-this-abuse", method="post", data={})
    assert not soup.select(".self-check-result")
    assert "You did not tick anything" in soup.select_one(".lead").get_text()
    assert soup.select_one(".talk-it-through a[href^='tel:']") is not None


def test_self_check_keeps_no_score_and_sets_no_cookie(client):
    response = client.post("/en/is-this-abuse", data={"statement": ["checks-phone", "follows-me"]})
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    again = client.get("/en/is-this-abuse")
    from bs4 import BeautifulSoup

    assert not BeautifulSoup(again.data, "html.parser").select("input[checked]")


def test_forged_statements_get_an_error_and_keep_real_ticks(get_page):
    soup = get_page(
        "/en/is-this-abuse",
        method="post",
        data={"statement": ["checks-phone", "<b>x</b>"]},
        status=400,
    )
    assert soup.select_one(".error-summary a")["href"] == "#statement-checks-phone"
    assert [i["value"] for i in soup.select("input[checked]")] == ["checks-phone"]
