"""The service directory: filters that combine, counts, no-matches help, bad input, paging."""

from __future__ import annotations

import pytest

from app.content.models import AREAS
from app.directory.filters import SPECS
from tests.conftest import TEL, normalize_spaces


def card_keys(soup):
    return [
        a["href"].rsplit("/", 1)[-1] for a in soup.select(".results-list .service-card__name a")
    ]


def result_count(soup) -> int:
    return int(soup.select_one(".results-count").get_text().split()[0])


def all_result_keys(get_page, url):
    """Every service listed, following the page links."""
    soup = get_page(url)
    keys = card_keys(soup)
    while (nxt := soup.select_one('.pagination a[rel="next"]')) is not None:
        soup = get_page(nxt["href"])
        keys += card_keys(soup)
    return keys


def test_directory_lists_every_service_over_several_pages(get_page, store):
    soup = get_page("/en/services")
    assert soup.h1.get_text() == "Find a service"
    assert result_count(soup) == len(store.services)
    assert len(card_keys(soup)) == 20
    assert sorted(all_result_keys(get_page, "/en/services")) == sorted(store.services)


def test_form_is_a_plain_get_form_with_labelled_controls(get_page):
    soup = get_page("/en/services")
    form = soup.select_one("form.filter-form")
    assert form["method"] == "get" and form["action"] == "/en/services"
    names = {c["name"] for c in form.select("input, select")}
    assert names == {
        "area",
        "topic",
        "audience",
        "contact",
        "language",
        "open_now",
        "free",
        "self_referral",
    }
    for control in form.select("input, select"):
        assert form.select_one(f'label[for="{control["id"]}"]') is not None
    areas = [o["value"] for o in form.select("select[name=area] option") if o["value"]]
    assert areas == list(AREAS)


def test_area_and_topic_combine_and_national_services_are_included_and_labelled(get_page, store):
    keys = all_result_keys(get_page, "/en/services?area=chesterfield&topic=stalking")
    expected = {
        s.key
        for s in store.services.values()
        if "stalking" in s.topics and ("chesterfield" in s.areas or "national" in s.areas)
    }
    assert set(keys) == expected
    soup = get_page("/en/services?area=chesterfield&topic=stalking")
    for card in soup.select(".results-list .service-card"):
        area = normalize_spaces(card.select_one(".service-card__area").get_text())
        assert area == "National service" or "Chesterfield" in area


def test_with_filters_set_the_directory_is_ranked(get_page, store, at):
    at(2026, 6, 3, 11, 0)  # a Wednesday morning
    keys = all_result_keys(get_page, "/en/services?area=chesterfield&topic=stalking")
    services = [store.services[k] for k in keys]
    # Last, routes only for professionals and the 999 routes (on every page anyway)...
    last = [s.key for s in services if s.emergency_route or s.only_for == ("professionals",)]
    assert last and keys[-len(last) :] == last
    # ...before them, stalking specialists first (the national helpline is open now, so it comes
    # before Paladin)...
    assert keys[:2] == ["national_stalking_helpline", "paladin"]
    specialist = [("stalking" in s.specialisms) for s in services[: -len(last)]]
    assert specialist == sorted(specialist, reverse=True)
    # ...then the others, local before national where they fit as well (101 is open too).
    assert keys[2] == "derbyshire_police_101"


def test_without_filters_the_directory_is_in_name_order(get_page, store):
    soup = get_page("/en/services")
    names = [normalize_spaces(a.get_text()) for a in soup.select(".service-card__name a")]
    assert names == sorted(names, key=str.casefold)


def test_choices_within_a_filter_are_alternatives(get_page, store):
    both = set(all_result_keys(get_page, "/en/services?topic=fgm&topic=spiking"))
    fgm = set(all_result_keys(get_page, "/en/services?topic=fgm"))
    spiking = set(all_result_keys(get_page, "/en/services?topic=spiking"))
    assert both == fgm | spiking and fgm and spiking


def test_every_filter_together_for_a_professional(get_page, store, at):
    # A Wednesday afternoon, when the National Stalking Helpline (free, for professionals too,
    # by phone, in English, self-referral) is open: at least one service must be listed, so the
    # checks below run on something.
    at(2026, 6, 3, 14, 0)
    url = (
        "/en/services?area=derby&topic=stalking&audience=professionals&contact=phone"
        "&language=en&open_now=1&free=1&self_referral=1"
    )
    soup = get_page(url)
    keys = card_keys(soup)
    assert "national_stalking_helpline" in keys
    for key in keys:
        service = store.services[key]
        assert "stalking" in service.topics
        assert "professionals" in service.audiences
        assert service.cost == "free" and "self" in service.referral
        assert "derby" in service.areas or service.is_national
        assert any(c.type == "phone" for c in service.channels)
    checked = {(i["name"], i["value"]) for i in soup.select("form.filter-form input[checked]")}
    assert ("open_now", "1") in checked and ("audience", "professionals") in checked


def test_counts_say_how_many_services_a_choice_gives(get_page):
    soup = get_page("/en/services?area=chesterfield")
    label = soup.select_one('label[for="filter-topic-stalking"]').get_text()
    promised = int(label.rsplit("(", 1)[1].rstrip(")"))
    assert result_count(get_page("/en/services?area=chesterfield&topic=stalking")) == promised
    option = soup.select_one('select[name=area] option[value="bolsover"]').get_text()
    assert int(option.rsplit("(", 1)[1].rstrip(")")) == result_count(
        get_page("/en/services?area=bolsover")
    )


def test_audience_filter_includes_services_for_anyone_but_not_for_professionals(get_page, store):
    women = set(all_result_keys(get_page, "/en/services?audience=women"))
    assert "samaritans" in women  # for anyone
    pros = set(all_result_keys(get_page, "/en/services?audience=professionals"))
    assert pros == {k for k, s in store.services.items() if "professionals" in s.audiences}


def test_language_filter_finds_help_in_polish(get_page, store):
    soup = get_page("/en/services?language=pl")
    label = normalize_spaces(soup.select_one('label[for="filter-language-pl"]').get_text())
    assert label.startswith("Polski (Polish)")
    assert set(card_keys(soup)) == {k for k, s in store.services.items() if "pl" in s.languages}


def test_open_now_uses_the_time_in_london(get_page, at):
    at(2026, 6, 3, 3, 0)  # Wednesday, 3 in the morning
    night = set(all_result_keys(get_page, "/en/services?open_now=1"))
    assert "national_domestic_abuse_helpline" in night  # 24-hour phone
    assert "national_stalking_helpline" not in night  # weekday daytime only
    at(2026, 6, 4, 10, 0)  # Thursday
    day = set(all_result_keys(get_page, "/en/services?open_now=1"))
    assert "national_stalking_helpline" in day


def test_cards_say_when_each_channel_is_open(get_page, at):
    at(2026, 6, 4, 10, 0)  # Thursday
    soup = get_page("/en/services?topic=stalking")
    card = next(
        c
        for c in soup.select(".service-card")
        if c.select_one("a[href$='/national_stalking_helpline']")
    )
    assert normalize_spaces(card.select_one(".open-status").get_text()) == "Open now until 16:00"
    at(2026, 6, 6, 10, 0)  # Saturday
    soup = get_page("/en/services?topic=stalking")
    card = next(
        c
        for c in soup.select(".service-card")
        if c.select_one("a[href$='/national_stalking_helpline']")
    )
    assert normalize_spaces(card.select_one(".open-status").get_text()) == (
        "Closed now. Opens Monday at 09:30"
    )


def test_no_matches_shows_the_24_hour_lines(get_page):
    soup = get_page("/en/services?language=cy&contact=bsl")
    assert result_count(soup) == 0
    box = soup.select_one(".no-results")
    assert "No services match" in box.get_text()
    assert box.select_one("a[href='/en/services/national_domestic_abuse_helpline']")
    numbers = [a["href"] for a in box.select("a[href^='tel:'], a[href^='sms:']")]
    assert "tel:+448082000247" in numbers
    for card in box.select(".service-card"):
        assert "24 hours" in card.get_text()


def test_remove_links_drop_one_choice_and_keep_the_rest(get_page):
    soup = get_page("/en/services?area=derby&topic=rape&free=1")
    links = {normalize_spaces(a.get_text()): a["href"] for a in soup.select(".chosen-filter")}
    assert links["What happened: Rape – remove"] == "/en/services?area=derby&free=1"
    assert links["Where you live: Derby City – remove"] == "/en/services?topic=rape&free=1"


# Every filter's name and one of its choices as a reader sees them in "You chose", written by hand:
# a filter added to SPECS without its wording (or without a line here) fails.
CHOSEN_WORDING = {
    "area": ("chesterfield", "Where you live: Chesterfield"),
    "topic": ("stalking", "What happened: Stalking"),
    "audience": ("parents", "Who it is for: Parents and carers"),
    "contact": ("text", "How to contact: Text"),
    "language": ("pl", "Language: Polski (Polish)"),
    "open_now": ("1", "Open now: Open now"),
    "free": ("1", "Free: Free to use"),
    "self_referral": ("1", "Self-referral: I can contact them myself (no referral needed)"),
}


def test_every_filter_has_its_wording_and_a_control_on_the_form(get_page):
    assert tuple(CHOSEN_WORDING) == tuple(spec.name for spec in SPECS)
    for param, (value, wording) in CHOSEN_WORDING.items():
        soup = get_page(f"/en/services?{param}={value}")
        chosen = [normalize_spaces(a.get_text()) for a in soup.select(".chosen-filter")]
        assert chosen == [f"{wording} – remove"], param
        control = soup.select_one(
            f".filter-form [name='{param}'] option[value='{value}'][selected]"
        )
        control = control or soup.select_one(f".filter-form input[name='{param}'][value='{value}']")
        assert control is not None and control.name in ("option", "input"), param
        if control.name == "input":
            assert control.has_attr("checked"), param


@pytest.mark.parametrize(
    ("query", "notes"),
    [
        ("area=atlantis", ["“atlantis” is not one of the choices for “Where you live”."]),
        (
            "topic=<script>&free=maybe",
            [
                "“<script>” is not one of the choices for “What happened”.",
                "“maybe” is not one of the choices for “Free”.",
            ],
        ),
        (
            "area=derby&area=erewash",
            [
                "You can choose one area at a time, so we used the first one and left out "
                "“Erewash”.",
            ],
        ),
    ],
)
def test_unknown_values_are_ignored_with_a_visible_note(get_page, store, query, notes):
    soup = get_page(f"/en/services?{query}")
    shown = [normalize_spaces(li.get_text()) for li in soup.select(".notice--ignored li")]
    assert shown == notes
    assert result_count(soup) > 0


def test_huge_and_repeated_parameters_are_bounded(get_page, store):
    query = "&".join([f"topic={'x' * 3000}{i}" for i in range(200)] + ["topic=rape"])
    soup = get_page(f"/en/services?{query}")
    notes = soup.select(".notice--ignored li")
    assert len(notes) == 11  # ten reported, then "And N more."
    assert normalize_spaces(notes[-1].get_text()) == "And 10 more."
    assert all(len(n.get_text()) < 120 for n in notes)
    # Values past the 20th are not read at all, so rape (the 201st) is not applied.
    assert result_count(soup) == len(store.services)


@pytest.mark.parametrize("page", ["abc", "0", "-3", "9999999999", "2.5"])
def test_bad_page_numbers_show_a_real_page_with_a_note(get_page, page):
    soup = get_page(f"/en/services?page={page}")
    assert "does not exist" in soup.select_one("main .notice").get_text()
    assert len(card_keys(soup)) > 0


def test_pagination_links_keep_the_filters(get_page):
    soup = get_page("/en/services?area=derby")
    nxt = soup.select_one('.pagination a[rel="next"]')
    assert nxt["href"] == "/en/services?area=derby&page=2"
    soup2 = get_page(nxt["href"])
    assert soup2.select_one('.pagination a[aria-current="page"]').get_text() == "2"
    assert not set(card_keys(soup)) & set(card_keys(soup2))


def test_directory_sets_no_cookie_and_is_not_stored(client):
    response = client.get("/en/services?area=derby&topic=rape")
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_phone_links_on_the_directory_are_well_formed(get_page):
    soup = get_page("/en/services")
    for link in soup.select('a[href^="tel:"]'):
        assert TEL.match(link["href"]), link["href"]
