"""The one list of 24-hour lines (app/directory/lines.py), shown by search, the directory and
the help finder."""

from __future__ import annotations

import dataclasses

from app.directory.lines import line_channels, twenty_four_hour_lines

# Read from the service files by hand: helplines for anyone, national or Derby-and-Derbyshire wide,
# with a phone, text or chat line open at all hours; sorted by name.
TWENTY_FOUR_HOUR_LINES = [
    "derbyshire_mental_health_helpline",
    "national_domestic_abuse_helpline",
    "nhs_111",
    "rape_crisis_247_support_line",
    "samaritans",
    "shout_85258",
    "victim_support",
]


def test_the_24_hour_lines_from_the_real_services(store):
    keys = [s.key for s in twenty_four_hour_lines(store.services.values())]
    assert keys == TWENTY_FOUR_HOUR_LINES


def test_each_number_is_listed_once(store):
    # Refuge and Refuge Tech Safety answer on the National Domestic Abuse Helpline's number.
    keys = {s.key for s in twenty_four_hour_lines(store.services.values())}
    assert "refuge" not in keys and "refuge_tech_safety" not in keys
    assert "national_domestic_abuse_helpline" in keys


def test_lines_only_for_one_group_local_lines_and_reporting_routes_are_left_out(store):
    services = store.services
    keys = {s.key for s in twenty_four_hour_lines(services.values())}
    assert "childline" not in keys  # 24 hours, but only for under-19s
    assert "derbyshire_police_101" not in keys  # a reporting route
    assert "crimestoppers" not in keys
    # A helpline for one district only is not a line for everyone in Derby and Derbyshire.
    local = dataclasses.replace(services["samaritans"], key="local_line", areas=("chesterfield",))
    assert twenty_four_hour_lines([local]) == []
    # A helpline open 24 hours only by email is not a line.
    email_only = dataclasses.replace(
        services["samaritans"],
        channels=tuple(c for c in services["samaritans"].channels if c.type == "email"),
    )
    assert twenty_four_hour_lines([email_only]) == []


def test_each_line_is_shown_with_its_ways_to_reach_it_at_any_hour_one_of_each_type(store):
    samaritans = store.services["samaritans"]
    # content/services/samaritans.yaml: a phone open always, and an email (not a line).
    assert [(c.type, c.value) for c in line_channels(samaritans)] == [("phone", "116 123")]
    phone = line_channels(samaritans)[0]
    second_phone = dataclasses.replace(phone, value="0800 000 0000")
    two_phones = dataclasses.replace(samaritans, channels=(phone, second_phone))
    assert [c.value for c in line_channels(two_phones)] == ["116 123"]  # the first listed
