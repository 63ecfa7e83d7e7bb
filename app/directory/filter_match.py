"""Which services a `Filters` value chooses: every filter that is set is satisfied by one of its
choices (each spec's `satisfied`), local services first when an area is chosen. "Open now" is
worked out once per request (`open_now_keys`) and matched with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from app.content.models import Service
from app.directory.filters import SPECS, Filters
from app.directory.hours import LIVE_TYPES, is_open


def is_open_now(service: Service, when: dt.datetime) -> bool:
    """Some way to reach a person (phone, text, chat, BSL, textphone, drop-in) is open."""
    return any(c.type in LIVE_TYPES and is_open(c, when) for c in service.channels)


def open_now_keys(services: Iterable[Service], when: dt.datetime) -> frozenset[str]:
    """Keys of the services open at `when`: work it out once per request, then match with it."""
    return frozenset(s.key for s in services if is_open_now(s, when))


def matches(service: Service, filters: Filters, open_keys: frozenset[str]) -> bool:
    """Every filter that is set is satisfied by at least one of its choices."""
    for spec in SPECS:
        wanted = filters.chosen(spec.name)
        if wanted and not any(spec.satisfied(service, v, open_keys) for v in wanted):
            return False
    return True


def sort_key(service: Service, filters: Filters) -> tuple:
    """Services for the chosen area come before national ones; then by name."""
    national_later = bool(filters.area) and service.is_national
    return (national_later, service.name.casefold())


def apply(
    services: Iterable[Service], filters: Filters, open_keys: frozenset[str]
) -> list[Service]:
    """The services that match, local ones first when an area is chosen."""
    found = [s for s in services if matches(s, filters, open_keys)]
    return sorted(found, key=lambda s: sort_key(s, filters))
