"""Open now at tricky moments: midnight, overnight, 24-hour lines, bank holidays, clock changes."""

from __future__ import annotations

import datetime as dt

import pytest
from flask_babel import force_locale

from app.content.models import Channel, OpeningSpan
from app.directory.hours import LONDON, channel_status, is_open
from app.display import status_text

UTC = dt.UTC
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def span(days, opens, closes):
    return OpeningSpan(tuple(days), dt.time(*opens), dt.time(*closes))


def channel(*spans, hours=None, bank_holidays=None):
    return Channel(
        id="phone",
        type="phone",
        value="0800 000 000",
        hours=hours if hours is not None else tuple(spans) or None,
        bank_holidays=bank_holidays,
    )


def london(*args):
    return dt.datetime(*args, tzinfo=LONDON)


OFFICE = channel(span(WEEKDAYS, (9, 0), (17, 0)), bank_holidays="closed")
EVENINGS_TO_MIDNIGHT = channel(span(["mon"], (18, 0), (0, 0)))
OVERNIGHT = channel(span(["fri"], (22, 0), (2, 0)))
ALWAYS = channel(hours="always")
NOT_PUBLISHED = channel()
# An out-of-hours line as the data writes it: weekday nights, whole weekends, bank holidays.
OUT_OF_HOURS = channel(
    span(["mon"], (0, 0), (9, 0)),
    span(WEEKDAYS, (17, 0), (9, 0)),
    span(["sat", "sun"], (0, 0), (23, 59)),
    bank_holidays="open",
)


@pytest.mark.parametrize(
    ("line", "when", "expected"),
    [
        (EVENINGS_TO_MIDNIGHT, london(2026, 6, 1, 23, 59, 59), True),  # Monday, a second to go
        (EVENINGS_TO_MIDNIGHT, london(2026, 6, 2, 0, 0), False),  # midnight: closed
        (EVENINGS_TO_MIDNIGHT, london(2026, 6, 1, 17, 59), False),
        (OVERNIGHT, london(2026, 6, 5, 21, 59), False),  # Friday before opening
        (OVERNIGHT, london(2026, 6, 5, 23, 30), True),
        (OVERNIGHT, london(2026, 6, 6, 0, 0), True),  # past midnight into Saturday
        (OVERNIGHT, london(2026, 6, 6, 1, 59), True),
        (OVERNIGHT, london(2026, 6, 6, 2, 0), False),
        (OVERNIGHT, london(2026, 6, 7, 1, 0), False),  # Saturday night: no Saturday span
        (ALWAYS, london(2026, 12, 25, 3, 0), True),  # 24 hours, even at Christmas
        (NOT_PUBLISHED, london(2026, 6, 3, 12, 0), False),  # unknown hours are never "open"
        (OFFICE, london(2026, 12, 24, 16, 59), True),
        (OFFICE, london(2026, 12, 25, 10, 0), False),  # Christmas Day (a Friday)
        (OFFICE, london(2026, 12, 28, 10, 0), False),  # Boxing Day observed (a Monday)
        (OFFICE, london(2026, 5, 25, 10, 0), False),  # spring bank holiday
        (OFFICE, london(2026, 5, 26, 10, 0), True),
        (OUT_OF_HOURS, london(2026, 4, 6, 12, 0), True),  # Easter Monday: open all day
        (OUT_OF_HOURS, london(2026, 4, 7, 12, 0), False),  # an ordinary Tuesday midday
        (OUT_OF_HOURS, london(2026, 6, 6, 23, 59, 30), True),  # no gap at 23:59 on Saturday
        (OUT_OF_HOURS, london(2026, 6, 8, 8, 59), True),  # Monday morning, still overnight
    ],
)
def test_open_at_tricky_times(line, when, expected):
    assert is_open(line, when) is expected


def test_the_clocks_going_forward_keep_wall_clock_hours():
    sunday = channel(span(["sun"], (9, 0), (17, 0)))
    # 29 March 2026: clocks go forward at 01:00 GMT. 08:30 UTC is 09:30 BST: open.
    assert is_open(sunday, dt.datetime(2026, 3, 29, 8, 30, tzinfo=UTC))
    # 16:30 UTC is 17:30 BST: closed, though a UTC reading would say open.
    assert not is_open(sunday, dt.datetime(2026, 3, 29, 16, 30, tzinfo=UTC))


def test_the_clocks_going_back_keep_wall_clock_hours():
    sunday = channel(span(["sun"], (9, 0), (17, 0)))
    # 25 October 2026: clocks go back. 08:30 UTC is 08:30 GMT: not yet open.
    assert not is_open(sunday, dt.datetime(2026, 10, 25, 8, 30, tzinfo=UTC))
    assert is_open(sunday, dt.datetime(2026, 10, 25, 16, 30, tzinfo=UTC))


def test_an_overnight_span_across_the_clock_change_closes_at_the_wall_clock_time():
    night = channel(span(["sat"], (22, 0), (6, 0)))
    assert is_open(night, dt.datetime(2026, 3, 29, 4, 30, tzinfo=UTC))  # 05:30 BST
    assert not is_open(night, dt.datetime(2026, 3, 29, 5, 30, tzinfo=UTC))  # 06:30 BST


def test_naive_times_are_read_as_london_time():
    assert is_open(OFFICE, dt.datetime(2026, 7, 1, 9, 0))
    assert not is_open(OFFICE, dt.datetime(2026, 7, 1, 8, 59))


def test_status_knows_when_an_overnight_line_closes_and_when_an_office_reopens():
    status = channel_status(OVERNIGHT, london(2026, 6, 5, 23, 0))
    assert status.state == "open"
    assert status.until == london(2026, 6, 6, 2, 0)
    # Christmas Day, Friday: closed through the weekend and Boxing Day (observed) Monday.
    status = channel_status(OFFICE, london(2026, 12, 25, 10, 0))
    assert status.state == "closed"
    assert status.next_open == london(2026, 12, 29, 9, 0)


def test_out_of_hours_line_runs_from_friday_evening_to_monday_morning():
    status = channel_status(OUT_OF_HOURS, london(2026, 6, 5, 18, 0))
    assert status.until == london(2026, 6, 8, 9, 0)


@pytest.mark.parametrize(
    ("line", "when", "text"),
    [
        (OFFICE, london(2026, 6, 3, 12, 0), "Open now until 17:00"),
        (OVERNIGHT, london(2026, 6, 5, 23, 0), "Open now until 02:00 tomorrow"),
        (EVENINGS_TO_MIDNIGHT, london(2026, 6, 1, 20, 0), "Open now until midnight"),
        (OUT_OF_HOURS, london(2026, 6, 5, 18, 0), "Open now until Monday at 09:00"),
        (OFFICE, london(2026, 6, 3, 7, 0), "Closed now. Opens today at 09:00"),
        (OFFICE, london(2026, 6, 3, 18, 0), "Closed now. Opens tomorrow at 09:00"),
        (OFFICE, london(2026, 12, 25, 10, 0), "Closed now. Opens Tuesday at 09:00"),
        (ALWAYS, london(2026, 6, 3, 3, 0), "Open now, 24 hours"),
        (NOT_PUBLISHED, london(2026, 6, 3, 12, 0), "Hours not published"),
    ],
)
def test_status_in_words(app, line, when, text):
    with app.test_request_context("/en/"), force_locale("en"):
        assert status_text(channel_status(line, when), when) == text
