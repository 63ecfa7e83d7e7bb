"""Open now: whether a contact channel is open at a moment, when that changes, and how to say it.

All times are wall-clock times in Europe/London (so opening hours follow the clocks through the
spring and autumn changes). Rules, as the content guide describes the data:

- ``Hours.is_always`` (``hours: always``) is open at every moment, bank holidays included.
- Hours not published (no ``hours``): such a channel is never "open now".
- A list of spans: each span opens on its listed days; if ``closes <= opens`` it closes the next
  day (overnight). A span that closes at 23:59 is read as closing at midnight, because the data
  format has no 24:00 and a one-minute gap would wrongly show a 24-hour weekend line as closed.
- On an England bank holiday (the ``holidays`` package): ``bank_holidays: closed`` means no span
  opens that day; ``open`` means open all day (the data uses it for out-of-hours lines that run
  24 hours on bank holidays); ``None`` means the same as that weekday.

Pure time maths: no request, no clock of its own (callers pass ``when``; app/directory/now.py
gives a request's moment) and no words (app/display.py says the status in the reader's language).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from app.content.models import WEEKDAYS, Channel

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
END_OF_DAY = dt.time(23, 59)
# How far ahead to look for the next opening (covers Christmas, Boxing Day and a weekend).
LOOKAHEAD_DAYS = 14

# Channel types someone can use to reach a person "right now". Web forms and email are
# always there but nobody answers them live, so they are never listed as "open now".
LIVE_TYPES: tuple[str, ...] = ("phone", "text", "chat", "bsl", "textphone", "drop-in")


def london_now() -> dt.datetime:
    return dt.datetime.now(LONDON)


def to_london(when: dt.datetime) -> dt.datetime:
    """An aware datetime in London time; a naive one is taken to be London wall-clock time."""
    if when.tzinfo is None:
        return when.replace(tzinfo=LONDON)
    return when.astimezone(LONDON)


@lru_cache(maxsize=8)
def _england_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_bank_holiday(day: dt.date) -> bool:
    return day in _england_holidays(day.year)


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    """A London wall-clock time as an aware UTC datetime (safe to compare across clock changes)."""
    return dt.datetime.combine(day, time, tzinfo=LONDON).astimezone(UTC)


def _midnight_after(day: dt.date) -> dt.datetime:
    return _at(day + dt.timedelta(days=1), dt.time(0, 0))


def _day_intervals(channel: Channel, day: dt.date) -> Iterator[tuple[dt.datetime, dt.datetime]]:
    """The opening periods that start on `day` (in UTC)."""
    hours = channel.hours
    if is_bank_holiday(day) and hours.bank_holidays == "closed":
        return
    if is_bank_holiday(day) and hours.bank_holidays == "open":
        yield _at(day, dt.time(0, 0)), _midnight_after(day)
        return
    weekday = WEEKDAYS[day.weekday()]
    for span in hours.spans:
        if weekday not in span.days:
            continue
        start = _at(day, span.opens)
        if span.closes == END_OF_DAY or (span.overnight and span.closes == dt.time(0, 0)):
            end = _midnight_after(day)
        elif span.overnight:
            end = _at(day + dt.timedelta(days=1), span.closes)
        else:
            end = _at(day, span.closes)
        if end > start:
            yield start, end


def intervals(
    channel: Channel, first: dt.date, last: dt.date
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Opening periods starting between `first` and `last` (inclusive), sorted and merged where
    one runs straight into the next. Only for channels with published spans."""
    if channel.hours.kind != "spans":
        return []
    found: list[tuple[dt.datetime, dt.datetime]] = []
    day = first
    while day <= last:
        found.extend(_day_intervals(channel, day))
        day += dt.timedelta(days=1)
    found.sort()
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True)
class ChannelStatus:
    """A channel's state at one moment. `state` is "always", "open", "closed" or "unknown"."""

    state: str
    until: dt.datetime | None = None  # open: when it closes (London time)
    next_open: dt.datetime | None = None  # closed: when it next opens (London time)

    @property
    def is_open(self) -> bool:
        return self.state in ("always", "open")

    @property
    def is_always(self) -> bool:
        """Open every hour of every day (``hours: always``): what makes a 24-hour line."""
        return self.state == "always"


def channel_status(channel: Channel, when: dt.datetime) -> ChannelStatus:
    """Whether `channel` is open at `when`, and when that next changes."""
    if channel.hours.is_always:
        return ChannelStatus("always")
    if not channel.hours.is_published:
        return ChannelStatus("unknown")
    # Hours are whole minutes, so the status is the same all through a minute: work it out once
    # per channel and minute (keyed in UTC, so the repeated hour in autumn is not confused).
    minute = to_london(when).astimezone(UTC).replace(second=0, microsecond=0)
    return _status_at(channel, minute)


@lru_cache(maxsize=2048)
def _status_at(channel: Channel, utc_now: dt.datetime) -> ChannelStatus:
    now = utc_now.astimezone(LONDON)
    today = now.date()
    periods = intervals(
        channel, today - dt.timedelta(days=1), today + dt.timedelta(days=LOOKAHEAD_DAYS)
    )
    for start, end in periods:
        if start <= utc_now < end:
            return ChannelStatus("open", until=end.astimezone(LONDON))
        if start > utc_now:
            return ChannelStatus("closed", next_open=start.astimezone(LONDON))
    return ChannelStatus("closed")


def is_open(channel: Channel, when: dt.datetime) -> bool:
    """True if someone can use `channel` at `when`. Unpublished hours are never open."""
    return channel_status(channel, when).is_open
