"""The help finder and the "Is this abuse?" self-check: right services and pages for each
situation, answers never stored or put in the URL, clear errors for missing or forged answers."""

from __future__ import annotations

import pytest

from app.views.finder import CONTACT_ANSWERS
from tests.conftest import normalize_spaces


def answers(store_app):
    return store_app.extensions["guides"].answers


def best_keys(soup):
    return [a["href"].rsplit("/", 1)[-1] for a in soup.select(".best-match__name a")]


def result_keys(soup):
    """Every service the answer page recommends: the best matches, then the others."""
    others = [a["href"].rsplit("/", 1)[-1] for a in soup.select(".other-match__name")]
    return best_keys(soup) + others


def ask(get_page, status=200, lang="en", **data):
    data.setdefault("who", "me")
    return get_page(f"/{lang}/find-help", method="post", data=data, status=status)


def test_the_questions_are_on_one_page_and_sent_by_post(get_page, app):
    soup = get_page("/en/find-help")
    form = soup.select_one("main form")
    assert form["method"] == "post" and form["action"] == "/en/find-help"
    legends = [normalize_spaces(el.get_text()) for el in form.select("fieldset > legend")]
    assert legends == [
        "1. Who needs help?",
        "2. What is happening?",
        "3. Where do you live?",
        "4. How is it safe for you to get in touch?",
        "Anything else about you? (optional)",
    ]
    whos = [(i["value"], i["type"]) for i in form.select("input[name=who]")]
    assert whos == [("me", "radio"), ("someone-else", "radio"), ("professional", "radio")]
    labels = [normalize_spaces(form.select_one(f"label[for=who-{v}]").get_text()) for v, _ in whos]
    assert labels == [
        "Me",
        "Someone else (a friend or family member)",
        "I am asking as a professional",
    ]
    whats = [i["value"] for i in form.select("input[name=what]")]
    assert whats == [a.id for a in answers(app)]
    assert len(form.select("input[name=area][type=radio]")) == 10
    # The optional question waits, closed, behind a disclosure that needs no JavaScript.
    optional = form.select_one("details.finder-optional")
    assert not optional.has_attr("open")
    assert normalize_spaces(optional.summary.get_text()) == "Anything else about you? (optional)"
    abouts = [i["value"] for i in optional.select("input[name=about][type=checkbox]")]
    assert abouts == ["under-18", "man", "lgbt", "over-60", "disabled", "deaf"]
    assert not form.select("[required]"), "the form says what is missing itself"


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
    soup = ask(get_page, what=answer_id, area="chesterfield", contact="any")
    assert soup.h1.get_text() == "Help that fits what you told us"
    keys = result_keys(soup)
    assert 1 <= len(best_keys(soup)) <= 3, answer_id
    for key in keys:
        service = store.services[key]
        assert "chesterfield" in service.areas or service.is_national
        if answer.topics:
            assert set(answer.topics) & set(service.topics), (answer_id, key)
        else:
            assert set(answer.audiences) & set(service.audiences), (answer_id, key)
        # Never a route only for professionals, nor 999, for a member of the public.
        assert set(service.only_for) != {"professionals"}, (answer_id, key)
        assert not service.emergency_route, (answer_id, key)
    pages = {a["href"].rsplit("/", 1)[-1] for a in soup.select("#read-more ~ ul a")}
    assert set(answer.pages) <= pages


def test_the_best_matches_show_a_way_to_make_contact_now_and_why(get_page, at):
    at(2026, 6, 3, 21, 30)  # Wednesday evening
    soup = ask(get_page, what="followed", area="chesterfield", contact=["phone"], about="man")
    first = soup.select_one(".best-match")
    # Each best match says why it is there, what it is best for and how to reach it.
    for match in soup.select(".best-match"):
        assert normalize_spaces(match.select_one(".best-match__reasons").get_text())
        assert match.select_one(".best-match__best-for")
        assert match.select_one(".best-match__way a[href^='tel:']"), "a phone was chosen"
    # Stalking specialists are closed at 21:30 on a Wednesday, so something open now is among
    # the best three, with its number, status and the reasons it is there.
    open_matches = [m for m in soup.select(".best-match") if m.select_one(".open-status--open")]
    assert open_matches
    reasons = normalize_spaces(open_matches[0].select_one(".best-match__reasons").get_text())
    assert reasons.startswith("Open now by phone")
    assert "stalking specialist" in normalize_spaces(first.get_text()).casefold()


def test_someone_who_cannot_phone_tonight_gets_text_and_chat_open_now_first(get_page, store, at):
    at(2026, 6, 3, 21, 30)  # Wednesday evening
    soup = ask(get_page, what="hurt-or-scared", area="chesterfield", contact=["text", "chat"])
    for key in result_keys(soup):
        assert any(c.type in ("text", "chat") for c in store.services[key].channels), key
    first = soup.select_one(".best-match")
    assert first.select_one(".open-status--open") is not None
    assert not first.select("a[href^='tel:']"), "no phone number offered to someone who cannot call"
    assert first.select_one(".best-match__way a[href^='http'], .best-match__way a[href^='sms:']")


def test_a_trace_the_source_gives_is_shown_on_the_result(get_page, store, at):
    at(2026, 6, 3, 16, 0)
    soup = ask(get_page, what="child", area="derby", contact="phone", about="under-18")
    childline = next(
        m for m in soup.select(".best-match") if m.select_one("a[href$='/services/childline']")
    )
    trace = normalize_spaces(childline.select_one(".trace").get_text())
    assert trace == "What it leaves behind: Does not show on phone bills."
    assert store.services["childline"].channel("phone").trace_source


def test_when_nothing_that_fits_is_open_it_says_so_and_shows_the_24_hour_lines(get_page, at):
    at(2026, 6, 6, 23, 0)  # Saturday night
    soup = ask(get_page, what="own-behaviour", area="derby", contact="phone")
    notice = soup.select_one(".notice--closed")
    assert normalize_spaces(notice.h2.get_text()) == (
        "Nothing that fits your answers is open right now"
    )
    assert "opening hours are not published" in notice.get_text()
    numbers = [a["href"] for a in notice.select("a[href^='tel:'], a[href^='sms:']")]
    assert "tel:116123" in numbers and "tel:+448082000247" in numbers
    # The notice comes before the matches, which are still listed.
    assert soup.select_one(".notice--closed ~ section .best-match")


def test_when_nothing_is_open_it_says_when_the_first_one_opens(get_page, at):
    at(2026, 6, 6, 23, 0)  # Saturday night
    soup = ask(get_page, what="controlled", area="derby", contact="chat", about="man")
    notice = soup.select_one(".notice--closed")
    assert "The first service that fits you to open again:" in notice.get_text()
    assert "Closed now. Opens Monday at" in normalize_spaces(notice.get_text())


def test_when_no_service_fits_it_says_so_and_offers_the_24_hour_lines(get_page):
    soup = ask(get_page, what="online", area="derby", contact="drop-in")
    assert not soup.select(".best-match")
    notice = soup.select_one("main .notice")
    assert "could not find a service that fits all your answers" in notice.get_text()
    keys = [a["href"].rsplit("/", 1)[-1] for a in notice.select(".open-channel__service")]
    assert "national_domestic_abuse_helpline" in keys and "samaritans" in keys


def test_answers_are_not_in_the_url_and_nothing_is_stored(client):
    response = client.post(
        "/en/find-help",
        data={"who": "me", "what": "followed", "area": "derby", "contact": "phone"},
    )
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    assert response.request.path == "/en/find-help" and not response.request.query_string


def test_missing_answers_give_an_error_summary_linked_to_each_question(get_page):
    soup = get_page("/en/find-help", method="post", data={}, status=400)
    assert soup.title.get_text().startswith("Error: ")
    links = soup.select(".error-summary a")
    assert [a["href"] for a in links] == [
        "#who-me",
        "#what-hurt-or-scared",
        "#area-derby",
        "#contact-phone",
    ]
    assert normalize_spaces(links[0].get_text()) == "Choose who needs help."
    for link in links:
        assert soup.select_one(link["href"]) is not None
        fieldset = soup.select_one(f"fieldset:has({link['href']})")
        described = fieldset["aria-describedby"].split()
        assert all(soup.select_one(f"#{i}") for i in described)


def test_answers_given_are_kept_when_another_is_missing(get_page):
    soup = get_page(
        "/en/find-help",
        method="post",
        data={
            "who": "someone-else",
            "what": ["sexual", "spiked"],
            "contact": "chat",
            "about": "lgbt",
        },
        status=400,
    )
    checked = {(i["name"], i["value"]) for i in soup.select("input[checked]")}
    assert checked == {
        ("who", "someone-else"),
        ("what", "sexual"),
        ("what", "spiked"),
        ("contact", "chat"),
        ("about", "lgbt"),
    }
    assert soup.select_one("details.finder-optional").has_attr("open"), "answers there are shown"
    assert [a["href"] for a in soup.select(".error-summary a")] == ["#area-derby"]


FORGED = "Some answers were not ones we offer. Check your answers and try again."


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"what": "aliens"}, "what"),
        ({"area": "mars"}, "area"),
        ({"area": ["derby", "erewash"]}, "area"),
        ({"contact": "pigeon"}, "contact"),
        ({"what": ["followed"] * 500}, "what"),
        ({"what": "x" * 5000}, "what"),
        ({"who": "boss"}, "who"),
        ({"who": ["me", "professional"]}, "who"),
        ({"about": "rich"}, "about"),
        ({"about": ["man", "y" * 100]}, "about"),
    ],
)
def test_forged_answers_get_a_clear_message_by_the_question_and_keep_the_rest(
    get_page, data, field
):
    answers = {"who": "me", "what": "followed", "area": "derby", "contact": "phone", **data}
    soup = get_page("/en/find-help", method="post", data=answers, status=400)
    messages = [normalize_spaces(a.get_text()) for a in soup.select(".error-summary a")]
    assert messages == [FORGED]
    # The message sits next to the question it is about...
    group = soup.select_one(".form-group--error")
    assert group.select_one(f"input[name={field}]") is not None
    assert FORGED in normalize_spaces(group.select_one(".form-error").get_text())
    # ...and the other answers are kept.
    checked = {i["name"] for i in soup.select("input[checked]")}
    assert {"who", "what", "area", "contact"} - {field} <= checked


def test_forged_answers_get_the_message_in_the_pages_language(get_page):
    soup = get_page(
        "/pl/find-help",
        method="post",
        data={"who": "boss", "what": "followed", "area": "derby", "contact": "phone"},
        status=400,
    )
    message = normalize_spaces(soup.select_one(".error-summary a").get_text())
    assert message and message != FORGED


def test_under_18_and_60_or_over_together_are_questioned(get_page):
    soup = get_page(
        "/en/find-help",
        method="post",
        data={
            "who": "me",
            "what": "followed",
            "area": "derby",
            "contact": "phone",
            "about": ["under-18", "over-60"],
        },
        status=400,
    )
    link = soup.select_one(".error-summary a")
    assert link["href"] == "#about-under-18"
    assert normalize_spaces(link.get_text()) == (
        "You chose both under 18 and 60 or over. Untick one of them."
    )
    assert soup.select_one("details.finder-optional").has_attr("open")


def test_change_your_answers_brings_the_questions_back_filled_in(get_page):
    data = {
        "who": "someone-else",
        "what": ["followed", "online"],
        "area": "erewash",
        "contact": ["text", "chat"],
        "about": "under-18",
    }
    answer = get_page("/en/find-help", method="post", data=data)
    form = answer.select_one("form.finder-answers__change")
    assert form["method"] == "post" and form["action"] == "/en/find-help"
    posted: dict[str, list[str]] = {}
    for field in form.select("input[type=hidden]"):
        posted.setdefault(field["name"], []).append(field["value"])
    assert posted.pop("change") == ["1"]
    assert posted == {k: v if isinstance(v, list) else [v] for k, v in data.items()}
    soup = get_page("/en/find-help", method="post", data={**posted, "change": "1"})
    assert soup.h1.get_text() == "Find help that fits you"
    assert not soup.select(".error-summary")
    checked = {(i["name"], i["value"]) for i in soup.select("input[checked]")}
    assert checked == {(k, v) for k, vs in posted.items() for v in vs}


def test_a_professional_is_shown_the_professional_route_first(get_page):
    soup = ask(get_page, who="professional", what="hurt-or-scared", area="derby", contact="any")
    assert best_keys(soup)[0] == "marac"
    assert "For professionals" in soup.select_one(".best-match__reasons").get_text()


def test_a_deaf_person_is_offered_999_bsl_but_no_one_else_is_offered_999(get_page, store):
    deaf = ask(get_page, what="hurt-or-scared", area="derby", contact="any", about="deaf")
    assert "bsl_999" in result_keys(deaf)
    assert "emergency_999" not in result_keys(deaf)
    hearing = ask(get_page, what="hurt-or-scared", area="derby", contact="any")
    assert not {k for k in result_keys(hearing) if store.services[k].emergency_route}


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


def test_self_check_services_are_ranked_and_never_999(get_page, store):
    soup = get_page("/en/is-this-abuse", method="post", data={"statement": "hits-or-pushes"})
    keys = [
        a["href"].rsplit("/", 1)[-1]
        for a in soup.select(".self-check-result .service-card__name a")
    ]
    assert keys[0] == "national_domestic_abuse_helpline"
    assert not [k for k in keys if store.services[k].emergency_route]


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
