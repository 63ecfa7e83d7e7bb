"""One test (or a few) for each rule of the ranking (app/directory/ranking.py), on small made-up
services so that each rule is seen on its own. The scenario suite (test_scenarios.py) checks the
rules together on the real services."""

from __future__ import annotations

import datetime as dt
import zlib

import pytest

from app.content.models import AREAS, AgeRange, Channel, OpeningSpan, Service
from app.directory.hours import LONDON
from app.directory.ranking import (
    ME,
    PROFESSIONAL,
    SOMEONE_ELSE,
    Need,
    Reason,
    Situation,
    directory_situation,
    order,
    rank,
)

WEDNESDAY_MORNING = dt.datetime(2026, 6, 3, 11, 0, tzinfo=LONDON)
WEDNESDAY_NIGHT = dt.datetime(2026, 6, 3, 23, 0, tzinfo=LONDON)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
OFFICE_HOURS = (OpeningSpan(WEEKDAYS, dt.time(9, 0), dt.time(17, 0)),)


def line(kind="phone", hours="always", value=None, **extra) -> Channel:
    number = {"phone": "0808 000 0001", "text": "07000 000001"}.get(kind, "https://example.org")
    return Channel(id=kind, type=kind, value=value or number, hours=hours, **extra)


def service(key, **fields) -> Service:
    values = {
        "key": key,
        "name": key.replace("_", " ").title(),
        "description": "A test service.",
        "kind": "helpline",
        "areas": ("national",),
        "audiences": ("anyone",),
        "topics": ("domestic-abuse",),
        "languages": ("en",),
        "referral": ("self",),
        "channels": (line(value=f"0808 {zlib.crc32(key.encode()) % 10_000_000:07d}"),),
        "source_url": "https://example.org",
        "confidence": "high",
        "last_reviewed": dt.date(2026, 11, 25),
    }
    values.update(fields)
    return Service(**values)


DA = Need(topics=("domestic-abuse",))
URGENT_DA = Need(topics=("domestic-abuse",), urgent=True)


def woman(**fields) -> Situation:
    return Situation(**{"needs": (DA,), "asker": ME, "assume_woman": True, **fields})


def keys(matches) -> list[str]:
    return [m.service.key for m in matches]


# ------------------------------------------------------------------ 1. fit to what is happening


def test_a_specialist_comes_before_a_service_that_can_also_help():
    general = service("a_general", topics=("domestic-abuse", "stalking"))
    specialist = service("z_specialist", specialisms=("domestic-abuse",))
    assert keys(rank([general, specialist], woman(), WEDNESDAY_MORNING)) == [
        "z_specialist",
        "a_general",
    ]


def test_a_service_that_does_not_help_with_what_is_happening_is_left_out():
    stalking = service("stalking_line", topics=("stalking",), specialisms=("stalking",))
    assert rank([stalking], woman(), WEDNESDAY_MORNING) == []


def test_fit_to_what_is_happening_outweighs_being_open_now():
    closed_specialist = service(
        "specialist", specialisms=("domestic-abuse",), channels=(line(hours=OFFICE_HOURS),)
    )
    open_general = service("general")  # open 24 hours
    assert keys(rank([open_general, closed_specialist], woman(), WEDNESDAY_NIGHT))[0] == (
        "specialist"
    )


def test_with_several_situations_a_service_for_more_of_them_comes_first_among_equals():
    both = service("z_both", topics=("domestic-abuse", "stalking"))
    one = service("a_one")
    situation = woman(needs=(DA, Need(topics=("stalking",))))
    assert keys(rank([one, both], situation, WEDNESDAY_MORNING)) == ["z_both", "a_one"]


def test_people_worried_about_their_own_behaviour_are_a_situation_of_their_own():
    programme = service(
        "programme", audiences=("perpetrators",), only_for=("perpetrators",), topics=()
    )
    line_for_anyone = service("worried_line", audiences=("perpetrators", "anyone"), topics=())
    victims_line = service("victims_line", specialisms=("domestic-abuse",))
    situation = Situation(
        needs=(Need(audiences=("perpetrators",)),),
        asker=ME,
        groups=frozenset({"perpetrators"}),
        assume_woman=True,
    )
    ranked = rank([victims_line, line_for_anyone, programme], situation, WEDNESDAY_MORNING)
    assert keys(ranked) == ["programme", "worried_line"]


# ------------------------------------------------------------------ 2. fit to the person


def test_a_service_only_for_men_is_left_out_for_a_woman_and_leads_for_a_man():
    mens = service(
        "mens_line", only_for=("men",), audiences=("men",), specialisms=("domestic-abuse",)
    )
    anyone = service("anyone_line", specialisms=("domestic-abuse",))
    assert keys(rank([mens, anyone], woman(), WEDNESDAY_MORNING)) == ["anyone_line"]
    man = woman(groups=frozenset({"men"}))
    assert keys(rank([anyone, mens], man, WEDNESDAY_MORNING)) == ["mens_line", "anyone_line"]


def test_a_service_only_for_women_is_left_out_for_a_man():
    womens = service("womens_line", only_for=("women",), audiences=("women",))
    assert keys(rank([womens], woman(), WEDNESDAY_MORNING)) == ["womens_line"]
    assert rank([womens], woman(groups=frozenset({"men"})), WEDNESDAY_MORNING) == []


def test_being_a_woman_is_assumed_so_it_gives_no_lead_over_a_service_for_anyone():
    for_women = service("z_for_women", audiences=("women", "anyone"))
    for_anyone = service("a_for_anyone")
    assert keys(rank([for_women, for_anyone], woman(), WEDNESDAY_MORNING)) == [
        "a_for_anyone",
        "z_for_women",
    ]


def test_routes_only_for_professionals_never_reach_the_public_and_lead_for_a_professional():
    marac = service(
        "marac",
        only_for=("professionals",),
        audiences=("professionals",),
        specialisms=("domestic-abuse",),
        channels=(),
    )
    helpline = service(
        "helpline", audiences=("women", "anyone", "professionals"), specialisms=("domestic-abuse",)
    )
    assert keys(rank([marac, helpline], woman(), WEDNESDAY_MORNING)) == ["helpline"]
    professional = woman(asker=PROFESSIONAL)
    assert keys(rank([helpline, marac], professional, WEDNESDAY_MORNING)) == ["marac", "helpline"]


def test_someone_asking_for_another_person_gets_services_that_take_such_calls_first():
    only_yourself = service(
        "a_only_yourself", audiences=("young-people",), specialisms=("domestic-abuse",)
    )
    takes_others = service(
        "z_takes_others", audiences=("anyone", "friends-family"), specialisms=("domestic-abuse",)
    )
    friend = woman(asker=SOMEONE_ELSE)
    assert keys(rank([only_yourself, takes_others], friend, WEDNESDAY_MORNING)) == [
        "z_takes_others",
        "a_only_yourself",
    ]


@pytest.mark.parametrize(
    ("ages", "person", "kept"),
    [
        (AgeRange(max=18), (None, 17), True),  # Childline, under 19: an under-18
        (AgeRange(max=18), (60, None), False),  # ...not someone 60 or over
        (AgeRange(min=18), (None, 17), False),  # adults only: not an under-18
        (AgeRange(min=16), (None, 17), True),  # 16 and over: some under-18s
        (AgeRange(min=16), None, True),  # age not told: kept
    ],
)
def test_a_service_for_ages_she_cannot_be_is_left_out(ages, person, kept):
    aged = service("aged", ages=ages)
    assert bool(rank([aged], woman(ages=person), WEDNESDAY_MORNING)) is kept


def test_a_service_for_only_some_of_her_possible_ages_comes_after_one_for_all_of_them():
    sixteen_plus = service("a_sixteen_plus", ages=AgeRange(min=16), specialisms=("domestic-abuse",))
    any_age = service("z_any_age", specialisms=("domestic-abuse",))
    girl = woman(ages=(None, 17), groups=frozenset({"young-people"}))
    assert keys(rank([sixteen_plus, any_age], girl, WEDNESDAY_MORNING)) == [
        "z_any_age",
        "a_sixteen_plus",
    ]


def test_routes_to_999_are_not_ranked_except_a_route_only_for_a_group_she_is_in():
    call_999 = service("call_999", emergency_route=True, topics=("domestic-abuse",))
    bsl_999 = service(
        "bsl_999",
        emergency_route=True,
        only_for=("deaf",),
        audiences=("disabled-deaf",),
        channels=(line("bsl"),),
    )
    assert rank([call_999, bsl_999], woman(), WEDNESDAY_MORNING) == []
    deaf = woman(groups=frozenset({"deaf", "disabled-deaf"}))
    assert keys(rank([call_999, bsl_999], deaf, WEDNESDAY_MORNING)) == ["bsl_999"]


# ------------------------------------------------------------------ 3. reachable now, as she chose


def test_a_service_she_cannot_contact_in_a_way_she_chose_is_left_out():
    phone_only = service("phone_only")
    chat = service("chat", channels=(line("chat"),))
    emailed = service("emailed", channels=(), email="help@example.org")
    assert keys(rank([phone_only, chat, emailed], woman(ways=("chat",)), WEDNESDAY_MORNING)) == [
        "chat"
    ]
    assert "emailed" in keys(rank([phone_only, emailed], woman(ways=("email",)), WEDNESDAY_MORNING))


def test_open_now_by_a_way_she_chose_beats_closed():
    office = service("a_office", channels=(line(hours=OFFICE_HOURS),))
    evening_chat = service(
        "z_evening",
        channels=(line("chat", hours=(OpeningSpan(WEEKDAYS, dt.time(18, 0), dt.time(23, 30)),)),),
    )
    assert keys(rank([office, evening_chat], woman(), WEDNESDAY_MORNING)) == [
        "a_office",
        "z_evening",
    ]
    assert keys(rank([office, evening_chat], woman(), WEDNESDAY_NIGHT)) == ["z_evening", "a_office"]
    # Open now only by a way she did not choose does not count.
    assert keys(rank([office, evening_chat], woman(ways=("phone", "chat")), WEDNESDAY_MORNING))[
        0
    ] == ("a_office")


def test_in_an_urgent_situation_a_24_hour_line_comes_before_one_open_for_a_while():
    office = service("a_office", channels=(line(hours=OFFICE_HOURS),))
    all_hours = service("z_all_hours")
    calm, urgent = woman(), woman(needs=(URGENT_DA,))
    assert keys(rank([office, all_hours], calm, WEDNESDAY_MORNING)) == ["a_office", "z_all_hours"]
    assert keys(rank([office, all_hours], urgent, WEDNESDAY_MORNING)) == ["z_all_hours", "a_office"]


def test_a_line_closed_now_comes_before_a_website_and_the_one_shown_is_the_first_to_open():
    website = service("a_website", channels=(line("web", hours=None),))
    closed = service(
        "z_closed",
        channels=(
            line("phone", hours=(OpeningSpan(("fri",), dt.time(9, 0), dt.time(17, 0)),)),
            line("chat", hours=(OpeningSpan(("thu",), dt.time(9, 0), dt.time(17, 0)),)),
        ),
    )
    ranked = rank([website, closed], woman(), WEDNESDAY_NIGHT)
    assert keys(ranked) == ["z_closed", "a_website"]
    assert ranked[0].contact.type == "chat"  # opens Thursday, before the phone on Friday
    assert ranked[0].status.next_open == dt.datetime(2026, 6, 4, 9, 0, tzinfo=LONDON)


# ------------------------------------------------------------------ 4. local before national


def test_a_local_service_comes_before_a_national_one_of_equal_fit_and_none_outside_her_area():
    national = service("a_national")
    local = service("z_local", areas=("chesterfield",))
    elsewhere = service("elsewhere", areas=("derby",))
    situation = woman(area="chesterfield")
    assert keys(rank([national, local, elsewhere], situation, WEDNESDAY_MORNING)) == [
        "z_local",
        "a_national",
    ]


def test_local_does_not_outweigh_a_better_fit():
    national_specialist = service("national_specialist", specialisms=("domestic-abuse",))
    local = service("local", areas=("chesterfield",))
    assert keys(
        rank([local, national_specialist], woman(area="chesterfield"), WEDNESDAY_MORNING)
    ) == [
        "national_specialist",
        "local",
    ]


def test_when_she_does_not_say_where_she_lives_only_services_for_everywhere_are_offered():
    county_wide = service("county_wide", areas=AREAS)
    one_town = service("one_town", areas=("chesterfield",))
    national = service("national")
    situation = woman(area_unknown=True)
    assert set(keys(rank([county_wide, one_town, national], situation, WEDNESDAY_MORNING))) == {
        "county_wide",
        "national",
    }


# ------------------------------------------------------------------ the best three


def test_a_service_reached_only_through_a_line_above_it_moves_below_the_best_three():
    helpline = service(
        "a_helpline", specialisms=("domestic-abuse",), channels=(line(value="0808 2000 247"),)
    )
    same_line = service(
        "b_same_line", specialisms=("domestic-abuse",), channels=(line(value="0808 2000 247"),)
    )
    others = [service(f"c_other_{n}", specialisms=("domestic-abuse",)) for n in range(3)]
    ranked = keys(rank([helpline, same_line, *others], woman(), WEDNESDAY_MORNING))
    assert ranked[:3] == ["a_helpline", "c_other_0", "c_other_1"]
    assert ranked[3] == "b_same_line"


def test_in_an_urgent_situation_one_of_the_best_three_is_open_now_if_anything_that_fits_is():
    closed = [
        service(
            f"{letter}_specialist",
            specialisms=("domestic-abuse",),
            channels=(line(hours=OFFICE_HOURS, value=f"0808 000 100{n}"),),
        )
        for n, letter in enumerate("abcd")
    ]
    open_general = service("open_general")
    urgent = woman(needs=(URGENT_DA,))
    ranked = rank([*closed, open_general], urgent, WEDNESDAY_NIGHT)
    assert keys(ranked)[:3] == ["a_specialist", "b_specialist", "open_general"]
    assert keys(ranked)[3:] == ["c_specialist", "d_specialist"]
    assert not any(m.is_open for m in rank(closed, urgent, WEDNESDAY_NIGHT))
    # When it is not urgent, the order of fit stands.
    calm = keys(rank([*closed, open_general], woman(), WEDNESDAY_NIGHT))
    assert calm == ["a_specialist", "b_specialist", "c_specialist", "d_specialist", "open_general"]


def test_among_equal_fits_the_one_expert_in_more_of_the_situation_comes_first():
    images = Need(topics=("online-abuse", "intimate-image-abuse"))
    tech_safety = service("a_tech_safety", topics=("online-abuse",), specialisms=("online-abuse",))
    images_line = service(
        "z_images_line",
        topics=("online-abuse", "intimate-image-abuse"),
        specialisms=("online-abuse", "intimate-image-abuse"),
        channels=(line(hours=OFFICE_HOURS),),
    )
    # ...even when it is closed and the other is open (expertise comes before the hour).
    ranked = rank([tech_safety, images_line], woman(needs=(images,)), WEDNESDAY_NIGHT)
    assert keys(ranked) == ["z_images_line", "a_tech_safety"]


# ------------------------------------------------------------------ reasons and the directory


def test_each_match_says_why_it_is_there():
    stalking_line = service(
        "stalking_line",
        topics=("stalking", "harassment"),
        specialisms=("stalking",),
        audiences=("men", "friends-family"),
        only_for=("men",),
        areas=("chesterfield",),
        ages=AgeRange(min=16),
    )
    situation = Situation(
        needs=(Need(topics=("stalking", "harassment")),),
        asker=ME,
        groups=frozenset({"men"}),
        area="chesterfield",
    )
    (match,) = rank([stalking_line], situation, WEDNESDAY_MORNING)
    assert match.reasons == (
        Reason("open", "phone"),
        Reason("for", "men"),
        Reason("ages-min", "16"),
        Reason("specialist", "stalking"),
        Reason("local", "chesterfield"),
    )


def test_order_keeps_every_service_and_puts_those_left_out_last():
    mens = service("a_mens", only_for=("men",), audiences=("men",))
    anyone = service("z_anyone")
    call_999 = service("b_999", emergency_route=True)
    ordered = order([mens, call_999, anyone], woman(), WEDNESDAY_MORNING)
    assert keys(ordered)[0] == "z_anyone"
    assert set(keys(ordered)[1:]) == {"a_mens", "b_999"}


def test_not_knowing_who_she_is_services_for_anyone_come_before_those_only_for_a_group():
    mens = service("a_mens", only_for=("men",), audiences=("men",), specialisms=("domestic-abuse",))
    anyone = service("z_anyone", specialisms=("domestic-abuse",))
    directory = directory_situation(topics=("domestic-abuse",))
    assert keys(rank([mens, anyone], directory, WEDNESDAY_MORNING)) == ["z_anyone", "a_mens"]
    men = directory_situation(topics=("domestic-abuse",), audiences=("men",))
    assert keys(rank([anyone, mens], men, WEDNESDAY_MORNING)) == ["a_mens", "z_anyone"]


def test_a_directory_search_describes_who_it_is_for_but_assumes_nothing():
    situation = directory_situation(
        topics=("stalking",),
        audiences=("professionals", "disabled-deaf"),
        ways=("phone",),
        area="derby",
    )
    assert situation.asker == PROFESSIONAL
    assert situation.groups == {"disabled-deaf", "deaf"}
    assert situation.needs == (Need(topics=("stalking",)),)
    assert (situation.area, situation.ways, situation.assume_woman) == ("derby", ("phone",), False)
    # With no audience chosen, a service only for one group is not left out of the directory.
    mens = service("mens", only_for=("men",))
    assert rank([mens], directory_situation(), WEDNESDAY_MORNING)
