"""Directory filters: read them from a query string, check them, and apply them to services.

One `Filters` value describes a search (the directory form, the help finder and the crime-type and
audience pages all build one), so every list of services on the site is chosen by the same code.
Within one filter the choices are alternatives (any topic you ticked); different filters narrow
the list (a stalking service AND in Chesterfield AND open now). Unknown values are dropped and
reported, never an error; repeated and very long parameters are bounded.

Each filter is described once, by a `FilterSpec` in `SPECS`: parsing, matching, counting, the
query string and the directory form all loop over `SPECS`. To add a filter, add a spec here, a
field of the same name to `Filters`, and its wording to templates/services/_filters.html
(docs/find-help.md, "Adding a directory filter").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
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
TRUE_VALUES = frozenset({"1", "true", "on", "yes"})
FALSE_VALUES = frozenset({"0", "false", "off", "no"})
FLAG_CHOICES: tuple[str, ...] = ("1",)  # a flag has one choice: "on"

MAX_VALUES_PER_PARAM = 20  # more than any list of choices
MAX_VALUE_LENGTH = 40  # longer than any choice; longer values are cut before being reported
MAX_IGNORED_REPORTED = 10


# ------------------------------------------------------------------ what satisfies each choice


def language_codes(services: Iterable[Service]) -> tuple[str, ...]:
    """Languages some service offers, English first, then sign language, then the rest."""
    found = {code for service in services for code in service.languages}
    order = {"en": 0, "bsl": 1}
    return tuple(sorted(found, key=lambda code: (order.get(code, 2), code)))


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


# ------------------------------------------------------------------ the filters


@dataclass(frozen=True)
class FilterSpec:
    """One directory filter: its query parameter, how many choices it takes, its choices, and
    whether a service satisfies one choice (given the keys of the services open now).

    kind "one": a single choice (a select); "many": any of several (checkboxes); "flag": on or
    off (one checkbox, value "1").
    """

    name: str
    kind: Literal["one", "many", "flag"]
    choices: Callable[[Sequence[Service]], tuple[str, ...]]
    satisfied: Callable[[Service, str, frozenset[str]], bool]
    open: bool = False  # its group of checkboxes starts unfolded on the directory form


SPECS: tuple[FilterSpec, ...] = (
    FilterSpec(
        "area", "one", lambda _s: AREAS, lambda svc, v, _k: svc.is_national or v in svc.areas
    ),
    FilterSpec("topic", "many", lambda _s: TOPICS, lambda svc, v, _k: v in svc.topics, open=True),
    FilterSpec(
        "audience", "many", lambda _s: AUDIENCE_CHOICES, lambda svc, v, _k: serves_audience(svc, v)
    ),
    FilterSpec(
        "contact",
        "many",
        lambda _s: tuple(CONTACT_TYPES),
        lambda svc, v, _k: offers_contact(svc, v),
    ),
    FilterSpec("language", "many", language_codes, lambda svc, v, _k: v in svc.languages),
    FilterSpec("open_now", "flag", lambda _s: FLAG_CHOICES, lambda svc, _v, keys: svc.key in keys),
    FilterSpec("free", "flag", lambda _s: FLAG_CHOICES, lambda svc, _v, _k: svc.cost == "free"),
    FilterSpec(
        "self_referral", "flag", lambda _s: FLAG_CHOICES, lambda svc, _v, _k: "self" in svc.referral
    ),
)
SPEC_BY_NAME: dict[str, FilterSpec] = {spec.name: spec for spec in SPECS}


@dataclass(frozen=True)
class Filters:
    """What a reader asked for, one field per spec (same name, same order). Empty means "no
    limit"."""

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

    def chosen(self, param: str) -> tuple[str, ...]:
        """The choices made for one filter, as query values (a flag that is on is ("1",))."""
        value = getattr(self, param)
        kind = SPEC_BY_NAME[param].kind
        if kind == "flag":
            return FLAG_CHOICES if value else ()
        if kind == "one":
            return (value,) if value else ()
        return tuple(value)

    def without(self, param: str, value: str | None = None) -> Filters:
        """These filters less one choice (or a whole filter): for "remove" links and counts."""
        kind = SPEC_BY_NAME[param].kind
        changes: dict[str, Any]
        if kind == "flag":
            changes = {param: False}
        elif kind == "one":
            changes = {param: None}
        else:
            kept = tuple(v for v in getattr(self, param) if value is not None and v != value)
            changes = {param: kept}
        return dataclasses.replace(self, **changes)

    def query_pairs(self) -> list[tuple[str, str]]:
        return [(spec.name, value) for spec in SPECS for value in self.chosen(spec.name)]

    def query_string(self) -> str:
        """A shareable query string, in a stable order (the form's order)."""
        return urlencode(self.query_pairs())


# Forgetting the field (or the spec) of a new filter fails at start-up, not silently.
if tuple(field.name for field in dataclasses.fields(Filters)) != tuple(SPEC_BY_NAME):
    raise RuntimeError("Filters must have one field per FilterSpec, in the same order")


@dataclass(frozen=True)
class Ignored:
    """A value we could not use, reported back to the reader."""

    param: str
    value: str
    reason: str  # "unknown" or "one-area" (a second value for a one-choice filter)


@dataclass(frozen=True)
class ParsedFilters:
    filters: Filters
    ignored: tuple[Ignored, ...] = ()
    more_ignored: int = 0  # ignored values beyond those reported


def _clip(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= MAX_VALUE_LENGTH else value[: MAX_VALUE_LENGTH - 1] + "…"


def choices(services: Sequence[Service]) -> dict[str, tuple[str, ...]]:
    """Every allowed value of each filter (a flag's only value is "1")."""
    return {spec.name: spec.choices(services) for spec in SPECS}


def parse_filters(args: Mapping, services: Sequence[Service]) -> ParsedFilters:
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
    for spec in SPECS:
        param = spec.name
        if spec.kind == "flag":
            flag_values = values(param)
            picked[param] = any(v.lower() in TRUE_VALUES for v in flag_values)
            ignored.extend(
                Ignored(param, _clip(v), "unknown")
                for v in flag_values
                if v.lower() not in TRUE_VALUES and v.lower() not in FALSE_VALUES
            )
            continue
        good = []
        for value in values(param):
            if value in allowed[param]:
                good.append(value)
            else:
                ignored.append(Ignored(param, _clip(value), "unknown"))
        if spec.kind == "one":
            ignored.extend(Ignored(param, extra, "one-area") for extra in good[1:])
            picked[param] = good[0] if good else None
        else:
            picked[param] = tuple(v for v in allowed[param] if v in good)  # the form's order
    return ParsedFilters(
        filters=Filters(**picked),
        ignored=tuple(ignored[:MAX_IGNORED_REPORTED]),
        more_ignored=max(0, len(ignored) - MAX_IGNORED_REPORTED),
    )


# ------------------------------------------------------------------ matching


def option_values(
    service: Service, spec: FilterSpec, options: Iterable[str], open_keys: frozenset[str]
) -> set[str]:
    """The choices of one filter that `service` satisfies. Counting uses this and matching the
    same `satisfied`, so a count always equals the list you get by choosing it."""
    return {value for value in options if spec.satisfied(service, value, open_keys)}


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


def counts(
    services: Sequence[Service], filters: Filters, open_keys: frozenset[str]
) -> dict[str, dict[str, int]]:
    """For each choice, how many services there would be if it were added to the other filters
    (facet counts: choices within a filter are alternatives, so ticking another topic adds
    services; choosing another area replaces the area)."""
    result: dict[str, dict[str, int]] = {}
    for spec in SPECS:
        options = spec.choices(services)
        base = filters.without(spec.name)
        selected = filters.chosen(spec.name) if spec.kind == "many" else ()
        tally = dict.fromkeys(options, 0)
        for service in services:
            if not matches(service, base, open_keys):
                continue
            already = bool(selected) and bool(option_values(service, spec, selected, open_keys))
            satisfied = options if already else option_values(service, spec, options, open_keys)
            for value in satisfied:
                tally[value] += 1
        result[spec.name] = tally
    return result
