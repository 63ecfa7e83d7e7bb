"""Directory filters: read them from a query string, check them, and apply them to services.

One `Filters` value describes a search (the directory form, the help finder and the crime-type and
audience pages all build one), so every list of services on the site is chosen by the same code.
Within one filter the choices are alternatives (any topic you ticked); different filters narrow
the list (a stalking service AND in Chesterfield AND open now). Unknown values are dropped and
reported, never an error; repeated and very long parameters are bounded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from app.content.models import AREAS, AUDIENCES, TOPICS, Service
from app.directory.hours import LIVE_TYPES, is_open

# Audiences a reader can filter by ("anyone" is not a choice: it is what a service says).
AUDIENCE_CHOICES: tuple[str, ...] = tuple(a for a in AUDIENCES if a != "anyone")
# A service for "anyone" is also for these audiences, but not for professionals looking for a
# referral route, nor for people worried about their own behaviour (they need specialist help).
ANYONE_EXCLUDES = frozenset({"professionals", "perpetrators"})
# How to contact: each choice and the channel types that satisfy it.
CONTACT_TYPES: dict[str, tuple[str, ...]] = {
    "phone": ("phone",),
    "text": ("text",),
    "chat": ("chat",),
    "email": ("email",),
    "bsl": ("bsl",),
    "textphone": ("textphone",),
    "drop-in": ("drop-in",),
}
FLAGS: tuple[str, ...] = ("open_now", "free", "self_referral")
LIST_PARAMS: tuple[str, ...] = ("topic", "audience", "contact", "language")
PARAMS: tuple[str, ...] = ("area", *LIST_PARAMS, *FLAGS)
TRUE_VALUES = frozenset({"1", "true", "on", "yes"})

MAX_VALUES_PER_PARAM = 20  # more than any list of choices
MAX_VALUE_LENGTH = 40  # longer than any choice; longer values are cut before being reported
MAX_IGNORED_REPORTED = 10


@dataclass(frozen=True)
class Filters:
    """What a reader asked for. Empty means "no limit"."""

    area: str | None = None
    topic: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    contact: tuple[str, ...] = ()
    language: tuple[str, ...] = ()
    open_now: bool = False
    free: bool = False
    self_referral: bool = False

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def without(self, param: str, value: str | None = None) -> Filters:
        """These filters less one choice (or a whole filter): for "remove" links and counts."""
        current = getattr(self, param)
        changes: dict[str, Any]
        if param in FLAGS:
            changes = {param: False}
        elif param == "area":
            changes = {"area": None}
        else:
            changes = {param: tuple(v for v in current if value is not None and v != value)}
        return dataclasses.replace(self, **changes)

    def query_pairs(self) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        if self.area:
            pairs.append(("area", self.area))
        for param in LIST_PARAMS:
            pairs.extend((param, value) for value in getattr(self, param))
        pairs.extend((flag, "1") for flag in FLAGS if getattr(self, flag))
        return pairs

    def query_string(self) -> str:
        """A shareable query string, in a stable order (the form's order)."""
        return urlencode(self.query_pairs())


@dataclass(frozen=True)
class Ignored:
    """A value we could not use, reported back to the reader."""

    param: str
    value: str
    reason: str  # "unknown" or "one-area"


@dataclass(frozen=True)
class ParsedFilters:
    filters: Filters
    ignored: tuple[Ignored, ...] = ()
    more_ignored: int = 0  # ignored values beyond those reported


def _clip(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= MAX_VALUE_LENGTH else value[: MAX_VALUE_LENGTH - 1] + "…"


def language_codes(services: Iterable[Service]) -> tuple[str, ...]:
    """Languages some service offers, English first, then sign language, then the rest."""
    found = {code for service in services for code in service.languages}
    order = {"en": 0, "bsl": 1}
    return tuple(sorted(found, key=lambda code: (order.get(code, 2), code)))


def choices(services: Iterable[Service]) -> dict[str, tuple[str, ...]]:
    """Every allowed value for each list-like filter."""
    return {
        "area": AREAS,
        "topic": TOPICS,
        "audience": AUDIENCE_CHOICES,
        "contact": tuple(CONTACT_TYPES),
        "language": language_codes(services),
    }


def parse_filters(args: Mapping, services: Iterable[Service]) -> ParsedFilters:
    """Read filters from a request's args (a werkzeug MultiDict or a plain dict of lists).

    Unknown values are left out and listed in `ignored`; values are bounded in number and length.
    """
    allowed = choices(services)
    ignored: list[Ignored] = []

    def values(param: str) -> list[str]:
        raw = args.getlist(param) if hasattr(args, "getlist") else list(args.get(param, ()))
        cleaned = []
        for value in raw[:MAX_VALUES_PER_PARAM]:
            value = str(value).strip()
            if value and value not in cleaned:
                cleaned.append(value)
        return cleaned

    picked: dict[str, Any] = {}
    for param in ("area", *LIST_PARAMS):
        good = []
        for value in values(param):
            if value in allowed[param]:
                good.append(value)
            else:
                ignored.append(Ignored(param, _clip(value), "unknown"))
        if param == "area":
            for extra in good[1:]:
                ignored.append(Ignored(param, extra, "one-area"))
            picked["area"] = good[0] if good else None
        else:
            picked[param] = tuple(v for v in allowed[param] if v in good)  # the form's order
    for flag in FLAGS:
        flag_values = values(flag)
        picked[flag] = any(v.lower() in TRUE_VALUES for v in flag_values)
        ignored.extend(
            Ignored(flag, _clip(v), "unknown")
            for v in flag_values
            if v.lower() not in TRUE_VALUES and v.lower() not in ("0", "false", "off", "no")
        )
    return ParsedFilters(
        filters=Filters(**picked),
        ignored=tuple(ignored[:MAX_IGNORED_REPORTED]),
        more_ignored=max(0, len(ignored) - MAX_IGNORED_REPORTED),
    )


# ------------------------------------------------------------------ matching


def serves_audience(service: Service, audience: str) -> bool:
    if audience in service.audiences:
        return True
    return "anyone" in service.audiences and audience not in ANYONE_EXCLUDES


def offers_contact(service: Service, contact: str) -> bool:
    types = CONTACT_TYPES[contact]
    if contact == "email" and service.email:
        return True
    return any(channel.type in types for channel in service.channels)


def is_open_now(service: Service, when: dt.datetime) -> bool:
    """Some way to reach a person (phone, text, chat, BSL, textphone, drop-in) is open."""
    return any(c.type in LIVE_TYPES and is_open(c, when) for c in service.channels)


def open_now_keys(services: Iterable[Service], when: dt.datetime) -> frozenset[str]:
    """Keys of the services open at `when`: work it out once per request, then match with it."""
    return frozenset(s.key for s in services if is_open_now(s, when))


def option_values(
    service: Service, param: str, options: Sequence[str], open_keys: frozenset[str]
) -> set[str]:
    """The choices of one filter that `service` satisfies (for flags: {"1"} or empty). Matching
    and counting both use this, so a count always equals the list you get by choosing it."""
    if param == "area":
        return set(options) if service.is_national else set(options) & set(service.areas)
    if param == "topic":
        return set(options) & set(service.topics)
    if param == "audience":
        return {a for a in options if serves_audience(service, a)}
    if param == "contact":
        return {c for c in options if offers_contact(service, c)}
    if param == "language":
        return set(options) & set(service.languages)
    satisfied = {
        "open_now": service.key in open_keys,
        "free": service.cost == "free",
        "self_referral": "self" in service.referral,
    }[param]
    return {"1"} if satisfied else set()


def _wanted(filters: Filters, param: str) -> tuple[str, ...]:
    value = getattr(filters, param)
    if param in FLAGS:
        return ("1",) if value else ()
    if param == "area":
        return (value,) if value else ()
    return value


def matches(service: Service, filters: Filters, open_keys: frozenset[str]) -> bool:
    """Every filter that is set is satisfied by at least one of its choices."""
    for param in PARAMS:
        wanted = _wanted(filters, param)
        if wanted and not option_values(service, param, wanted, open_keys):
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


def open_first(services: Sequence[Service], open_keys: frozenset[str]) -> list[Service]:
    """The same services with those open now first (a stable sort keeps the order otherwise)."""
    return sorted(services, key=lambda s: s.key not in open_keys)


def counts(
    services: Sequence[Service], filters: Filters, open_keys: frozenset[str]
) -> dict[str, dict[str, int]]:
    """For each choice, how many services there would be if it were added to the other filters
    (facet counts: choices within a filter are alternatives, so ticking another topic adds
    services; choosing another area replaces the area)."""
    allowed = choices(services)
    result: dict[str, dict[str, int]] = {}
    for param in PARAMS:
        options = allowed.get(param, ("1",))
        base = filters.without(param)
        selected = _wanted(filters, param) if param in LIST_PARAMS else ()
        tally = dict.fromkeys(options, 0)
        for service in services:
            if not matches(service, base, open_keys):
                continue
            already = bool(selected) and bool(option_values(service, param, selected, open_keys))
            satisfied = options if already else option_values(service, param, options, open_keys)
            for value in satisfied:
                tally[value] += 1
        result[param] = tally
    return result
