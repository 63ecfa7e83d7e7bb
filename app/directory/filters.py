"""Directory filters: what each filter is (one `FilterSpec` per filter, in `SPECS`) and what a
reader asked for (a `Filters` value).

One `Filters` value describes a search (the directory form, the help finder and the crime-type and
audience pages all build one), so every list of services on the site is chosen by the same code.
Within one filter the choices are alternatives (any topic you ticked); different filters narrow
the list (a stalking service AND in Chesterfield AND open now).

Each filter is described once, by its spec: reading the query string (`filter_parse.py`),
matching (`filter_match.py`), counting (`facets.py`), the ranking (`ranking.filters_situation`),
the query string and the directory form all loop over `SPECS`. To add a filter, add a spec here, a
field of the same name to `Filters`, and its wording to templates/services/_filters.html
(docs/find-help.md, "Adding a directory filter").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlencode

from app.content.models import AREAS, AUDIENCES, TOPICS, Service

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
FLAG_CHOICES: tuple[str, ...] = ("1",)  # a flag has one choice: "on"


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


def _itself(choice: str) -> tuple[str, ...]:
    return (choice,)


# ------------------------------------------------------------------ the filters

# The parts of the ranking's situation a filter can tell: the keyword arguments of
# `ranking.directory_situation` (a test checks they are).
SituationPart = Literal["topics", "audiences", "ways", "area"]


@dataclass(frozen=True)
class FilterSpec:
    """One directory filter: its query parameter, how many choices it takes, its choices, and
    whether a service satisfies one choice (given the keys of the services open now).

    kind "one": a single choice (a select); "many": any of several (checkboxes); "flag": on or
    off (one checkbox, value "1").

    `situation` is the part of what the ranking knows about the reader that the filter tells
    (`ranking.filters_situation`), with `situation_values` turning one choice into that part's
    values; a filter without it narrows the list without changing its order.
    """

    name: str
    kind: Literal["one", "many", "flag"]
    choices: Callable[[Sequence[Service]], tuple[str, ...]]
    satisfied: Callable[[Service, str, frozenset[str]], bool]
    open: bool = False  # its group of checkboxes starts unfolded on the directory form
    situation: SituationPart | None = None
    situation_values: Callable[[str], tuple[str, ...]] = _itself


SPECS: tuple[FilterSpec, ...] = (
    FilterSpec(
        "area",
        "one",
        lambda _s: AREAS,
        lambda svc, v, _k: svc.is_national or v in svc.areas,
        situation="area",
    ),
    FilterSpec(
        "topic",
        "many",
        lambda _s: TOPICS,
        lambda svc, v, _k: v in svc.topics,
        open=True,
        situation="topics",
    ),
    FilterSpec(
        "audience",
        "many",
        lambda _s: AUDIENCE_CHOICES,
        lambda svc, v, _k: serves_audience(svc, v),
        situation="audiences",
    ),
    FilterSpec(
        "contact",
        "many",
        lambda _s: tuple(CONTACT_TYPES),
        lambda svc, v, _k: offers_contact(svc, v),
        situation="ways",
        situation_values=lambda v: CONTACT_TYPES[v],
    ),
    FilterSpec("language", "many", language_codes, lambda svc, v, _k: v in svc.languages),
    FilterSpec("open_now", "flag", lambda _s: FLAG_CHOICES, lambda svc, _v, keys: svc.key in keys),
    FilterSpec("free", "flag", lambda _s: FLAG_CHOICES, lambda svc, _v, _k: svc.cost == "free"),
    FilterSpec(
        "self_referral", "flag", lambda _s: FLAG_CHOICES, lambda svc, _v, _k: "self" in svc.referral
    ),
)
SPEC_BY_NAME: dict[str, FilterSpec] = {spec.name: spec for spec in SPECS}


def choices(services: Sequence[Service]) -> dict[str, tuple[str, ...]]:
    """Every allowed value of each filter (a flag's only value is "1")."""
    return {spec.name: spec.choices(services) for spec in SPECS}


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
