"""The 24-hour lines: the one list the site shows wherever it offers help open at any hour (the
help finder's answer, the directory with no matches, search with no results), and the ways to
reach each of them at any hour."""

from __future__ import annotations

from collections.abc import Iterable

from app.content.models import AREAS, Channel, Service

# Ways to reach a person at once; a web form or email is not a line.
LINE_TYPES: tuple[str, ...] = ("phone", "text", "chat")


def _open_all_hours(service: Service) -> list[Channel]:
    return [c for c in service.channels if c.type in LINE_TYPES and c.is_always_open]


def line_channels(service: Service) -> tuple[Channel, ...]:
    """The ways to reach one of the lines at any hour, one of each type (the first listed)."""
    found: dict[str, Channel] = {}
    for channel in _open_all_hours(service):
        found.setdefault(channel.type, channel)
    return tuple(found.values())


def twenty_four_hour_lines(services: Iterable[Service]) -> list[Service]:
    """Helplines open to anyone (not only for one group) anywhere in Derby and Derbyshire, with a
    phone, text or chat line open every hour of every day; sorted by name. Each number is listed
    once: a line that several services share (Refuge's services use the National Domestic Abuse
    Helpline) is shown under the first name."""
    lines: list[Service] = []
    seen: set[str] = set()
    for service in sorted(services, key=lambda s: s.name.casefold()):
        channels = _open_all_hours(service)
        if (
            service.kind != "helpline"
            or service.only_for
            or not (service.is_national or set(AREAS) <= set(service.areas))
            or not channels
            or {c.value for c in channels} <= seen
        ):
            continue
        seen.update(c.value for c in channels)
        lines.append(service)
    return lines
