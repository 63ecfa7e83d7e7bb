"""Putting the right help first: the one ranking used by the help finder, the directory (when
filters are set), "Who can I contact right now?" and the crime-type and audience pages.

`rank(services, situation, when)` is a pure function of the services, what the person told us
(a `Situation`) and the time; each `Match` carries the reasons it is there. The rules, in order of
weight (docs/find-help.md has them in plain words):

Left out (`rank` only; `order` keeps every service and puts these last):
  - a service that helps with none of the situations chosen;
  - a service outside her area;
  - a service she cannot contact in any way she said is safe;
  - a service only for a group she is not in, or for ages she cannot be (a route only for
    professionals is for professionals: a reader who has not said she is one is the public);
  - routes to the emergency services (they are on every page), unless the route is only for a
    group she is in (999 BSL for a Deaf person).

Then, best first (each rule breaks the ties of the one before):
  1. fit to what is happening: specialises in it, then can help with it;
  2. fit to the person: only for a group she told us she is in, then shaped for her age group,
     disability or (asking for someone else, or as a professional) people like her, then for
     anyone; a service for ages only partly hers, or only for a group we do not know she is in,
     comes after;
     then, among services that fit equally so far, the one expert in more of what she described;
  3. reachable now, by a way she chose: open now (in an urgent situation a 24-hour line first),
     then closed or hours not published, then only a website or email;
  4. local before national, when she told us her area;
  5. name.
Finally, none of the best three is reached only through another's line, and in an urgent
situation one of them is open now if anything that fits is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from app.content.models import AREAS, Channel, Service
from app.directory.filters import SPECS, Filters
from app.directory.hours import LIVE_TYPES, ChannelStatus, channel_status

# Who is asking.
ME = "me"
SOMEONE_ELSE = "someone-else"
PROFESSIONAL = "professional"
# The audiences of someone asking on another person's behalf.
ASKER_AUDIENCES: dict[str, frozenset[str]] = {
    ME: frozenset(),
    SOMEONE_ELSE: frozenset({"friends-family", "parents"}),
    PROFESSIONAL: frozenset({"professionals"}),
}
# The order reasons name a group in, most particular first.
GROUP_ORDER: tuple[str, ...] = (
    "men",
    "lgbt",
    "young-people",
    "older-people",
    "deaf",
    "disabled-deaf",
    "perpetrators",
    "professionals",
    "women",
    "friends-family",
    "parents",
)
TOP = 3  # the best matches, shown first and in full
# Groups a service lists among others to say "you are welcome too", not "made for you".
WELCOME_TOO: frozenset[str] = frozenset({"men", "women", "lgbt"})


@dataclass(frozen=True)
class Need:
    """One situation she chose: the topics it is about, or the people it is about (people worried
    about their own behaviour), and whether it may be urgent."""

    topics: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    urgent: bool = False

    @cached_property
    def topic_set(self) -> frozenset[str]:
        return frozenset(self.topics)

    @cached_property
    def audience_set(self) -> frozenset[str]:
        return frozenset(self.audiences)


@dataclass(frozen=True)
class Situation:
    """What the person told us. Empty fields mean "not told": the directory knows only its
    filters, the help finder knows more."""

    needs: tuple[Need, ...] = ()
    asker: str | None = None  # ME, SOMEONE_ELSE, PROFESSIONAL, or None (not known)
    # Groups the person who needs help is in, as she told us (audiences, plus "deaf").
    groups: frozenset[str] = frozenset()
    ages: tuple[int | None, int | None] | None = None  # (youngest, oldest) she can be
    assume_woman: bool = False  # the help finder: a woman or girl, unless she said a man
    area: str | None = None
    area_unknown: bool = False  # she chose not to say where she lives
    ways: tuple[str, ...] = ()  # channel types she said are safe; () means any

    @property
    def urgent(self) -> bool:
        return any(need.urgent for need in self.needs)

    @property
    def knows_person(self) -> bool:
        return self.asker is not None or bool(self.groups)

    @cached_property
    def person_groups(self) -> frozenset[str]:
        """Every group the person is in, including the one we assume (women and girls)."""
        if self.assume_woman and "men" not in self.groups:
            return self.groups | {"women"}
        return self.groups

    @cached_property
    def told_groups(self) -> frozenset[str]:
        """Groups she told us about (the person's, and a professional asking)."""
        if self.asker == PROFESSIONAL:
            return self.groups | {"professionals"}
        return self.groups

    @cached_property
    def asker_audiences(self) -> frozenset[str]:
        return ASKER_AUDIENCES.get(self.asker or "", frozenset())

    @cached_property
    def tailored_for(self) -> frozenset[str]:
        """Audiences that, listed by a service, mean its help is shaped for this person or
        asker (see WELCOME_TOO)."""
        return (self.told_groups - WELCOME_TOO) | self.asker_audiences

    @cached_property
    def topics(self) -> frozenset[str]:
        return frozenset(t for need in self.needs for t in need.topics)


def directory_situation(
    topics: Sequence[str] = (),
    audiences: Sequence[str] = (),
    ways: Sequence[str] = (),
    area: str | None = None,
) -> Situation:
    """The situation a directory search describes: its topics, who it is for, how to contact."""
    groups = {a for a in audiences if a != "anyone"}
    if "disabled-deaf" in groups:
        groups.add("deaf")
    asker = None
    if "professionals" in groups:
        asker = PROFESSIONAL
    elif groups & ASKER_AUDIENCES[SOMEONE_ELSE]:
        asker = SOMEONE_ELSE
    return Situation(
        needs=(Need(topics=tuple(topics)),) if topics else (),
        asker=asker,
        groups=frozenset(groups - {"professionals", "friends-family", "parents"}),
        area=area,
        ways=tuple(ways),
    )


def filters_situation(filters: Filters) -> Situation:
    """What a directory search (its filters) tells the ranking: each filter whose spec names a
    part of the situation (`FilterSpec.situation`, a keyword of `directory_situation`) gives it
    the values of its choices (added to those of another filter telling the same part); a
    one-choice filter gives its value, or None."""
    told: dict[str, Any] = {}
    for spec in SPECS:
        if spec.situation is None:
            continue
        values = tuple(
            v for choice in filters.chosen(spec.name) for v in spec.situation_values(choice)
        )
        if spec.kind == "one":
            told[spec.situation] = values[0] if values else None
        else:
            told[spec.situation] = told.get(spec.situation, ()) + values
    return directory_situation(**told)


@dataclass(frozen=True)
class Reason:
    """Why a service is where it is, for the reader: `kind` is "open" (value: channel type),
    "for" (a group), "ages-min" / "ages-max" (a number), "specialist" (a topic) or "local"
    (an area). The template puts them into words."""

    kind: str
    value: str


@dataclass(frozen=True)
class Match:
    service: Service
    fits: bool  # not left out by the rules above
    key: tuple  # sort key: smaller first
    contact: Channel | None  # the best way to reach it by a way she chose
    status: ChannelStatus | None  # that way's status at the time asked
    situation: Situation = field(repr=False, compare=False)

    @property
    def is_open(self) -> bool:
        return self.status is not None and self.status.is_open

    @cached_property
    def reasons(self) -> tuple[Reason, ...]:
        """Why it is here, worked out when it is shown (most matches never are)."""
        return _reasons(self.service, self.situation, self.is_open, self.contact)


# ------------------------------------------------------------------ the rules


def helps_with(service: Service, need: Need) -> int:
    """2: specialises in it; 1: can help with it; 0: does not."""
    if not (
        need.topic_set.isdisjoint(service.specialisms)
        and need.audience_set.isdisjoint(service.only_for)
    ):
        return 2
    if not (
        need.topic_set.isdisjoint(service.topics)
        and need.audience_set.isdisjoint(service.audiences)
    ):
        return 1
    return 0


def serves_area(service: Service, situation: Situation) -> bool:
    """National services serve everyone; when she did not say where she lives, only services for
    every part of Derby and Derbyshire."""
    if service.is_national:
        return True
    if situation.area:
        return situation.area in service.areas
    if situation.area_unknown:
        return set(AREAS) <= set(service.areas)
    return True


def contactable(service: Service, situation: Situation) -> bool:
    if not situation.ways:
        return True
    if "email" in situation.ways and service.email:
        return True
    return not service.channel_types.isdisjoint(situation.ways)


def is_for_person(service: Service, situation: Situation) -> bool:
    """Only-for groups, ages and emergency routes, against what she told us."""
    if service.emergency_route and not set(service.only_for) & situation.told_groups:
        return False
    if service.only_for and situation.knows_person:
        everyone = situation.person_groups | situation.told_groups
        if not set(service.only_for) & everyone:
            return False
    elif set(service.only_for) == {"professionals"}:
        return False  # not told she asks as a professional: a member of the public
    if service.ages and situation.ages and not service.ages.overlaps(*situation.ages):
        return False
    return True


def can_be_used_by_asker(service: Service, situation: Situation) -> bool:
    """Whether someone asking for another person, or as a professional, can use it."""
    if situation.asker == SOMEONE_ELSE:
        return bool({"friends-family", "parents", "anyone"} & set(service.audiences))
    if situation.asker == PROFESSIONAL:
        return (
            "professionals" in service.audiences
            or "professionals" in service.only_for
            or "professional" in service.referral
        )
    return True


def person_fit(service: Service, situation: Situation) -> int:
    """2: only for a group she told us she is in; 1: lists, among the people it serves, her age
    group, disability or own behaviour, or (asking for someone else or as a professional) people
    like her; 0: for anyone, or not one the asker can use; one less when its ages are only partly
    hers, and one less when it is only for a group we do not know she is in (where who she is
    is not asked, services for anyone come first). Services list men, women or LGBT+ people among
    many others to say they are welcome too, so only a service ONLY for them fits better; and
    being a woman or girl is assumed."""
    if not can_be_used_by_asker(service, situation):
        return 0
    if set(service.only_for) & situation.told_groups:
        fit = 2
    elif set(service.audiences) & situation.tailored_for:
        fit = 1
    else:
        fit = 0
    if service.ages and situation.ages and not service.ages.contains(*situation.ages):
        fit -= 1
    if service.only_for and not set(service.only_for) & (
        situation.person_groups | situation.told_groups
    ):
        fit -= 1  # only for a group we do not know she is in (the directory, the self-check)
    return fit


def best_contact(
    service: Service, situation: Situation, when: dt.datetime
) -> tuple[int, Channel | None, ChannelStatus | None]:
    """How reachable it is now by a way she chose, and the channel to show:
    4 a 24-hour line in an urgent situation, 3 open now, 2 a line that is closed now or whose hours
    are not published (the one that opens first), 1 only a website or email, 0 no way at all."""
    chosen = [c for c in service.channels if not situation.ways or c.type in situation.ways]
    lines = [(c, channel_status(c, when)) for c in chosen if c.type in LIVE_TYPES]
    open_now = [(c, s) for c, s in lines if s.is_open]
    if open_now:
        if situation.urgent:
            for channel, status in open_now:
                if status.is_always:
                    return 4, channel, status
        return 3, *open_now[0]
    if lines:
        opening = [(c, s) for c, s in lines if s.next_open is not None]
        channel, status = (
            min(opening, key=lambda cs: cs[1].next_open or dt.datetime.max) if opening else lines[0]
        )
        return 2, channel, status
    if chosen:
        return 1, chosen[0], None
    return 0, None, None


def _first_group(groups: Iterable[str]) -> str | None:
    found = set(groups)
    return next((g for g in GROUP_ORDER if g in found), None)


def _reasons(
    service: Service, situation: Situation, is_open: bool, contact: Channel | None
) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    if is_open and contact is not None:
        reasons.append(Reason("open", contact.type))
    group = _first_group(set(service.only_for) & (situation.person_groups | situation.told_groups))
    if group is None:
        group = _first_group(set(service.audiences) & situation.tailored_for)
    if group is not None:
        reasons.append(Reason("for", group))
    if service.ages and service.ages.min is not None:
        reasons.append(Reason("ages-min", str(service.ages.min)))
    if service.ages and service.ages.max is not None:
        reasons.append(Reason("ages-max", str(service.ages.max)))
    topics = [t for need in situation.needs for t in need.topics if t in service.specialisms]
    if topics:
        reasons.append(Reason("specialist", topics[0]))
    if situation.area and not service.is_national:
        reasons.append(Reason("local", situation.area))
    return tuple(reasons)


def _levels(service: Service, situation: Situation) -> list[int]:
    return [helps_with(service, need) for need in situation.needs]


def fit_levels(service: Service, situation: Situation) -> list[int] | None:
    """How it helps with each need, or None when one of the rules above leaves it out (the
    cheapest rules are checked first)."""
    if not (serves_area(service, situation) and contactable(service, situation)):
        return None
    levels = _levels(service, situation)
    if (levels and max(levels) == 0) or not is_for_person(service, situation):
        return None
    return levels


def qualifies(service: Service, situation: Situation) -> bool:
    """Not left out by any of the rules above."""
    return fit_levels(service, situation) is not None


def assess(
    service: Service, situation: Situation, when: dt.datetime, levels: list[int] | None = None
) -> Match:
    """How well one service fits; `levels` (from `fit_levels`) when it is known to fit."""
    fits = True
    if levels is None:
        levels = fit_levels(service, situation)
        fits = levels is not None
        if levels is None:  # left out before (or without) its levels being worked out
            levels = _levels(service, situation)
    reach, contact, status = best_contact(service, situation, when)
    local = 1 if situation.area and not service.is_national else 0
    # Among services that fit her and her situation equally, the one expert in more of what she
    # described comes first (intimate images: the Revenge Porn Helpline before a tech-safety
    # service).
    expert_in = situation.topics & set(service.specialisms)
    key = (
        not fits,
        -max(levels, default=0),
        -sum(levels),
        -person_fit(service, situation),
        -len(expert_in),
        -reach,
        -local,
        service.name.casefold(),
    )
    return Match(service, fits, key, contact, status, situation)


def order(services: Iterable[Service], situation: Situation, when: dt.datetime) -> list[Match]:
    """Every service, best first; those the rules leave out come last (for the directory, which
    lists everything its filters choose)."""
    return sorted((assess(s, situation, when) for s in services), key=lambda m: m.key)


def rank(
    services: Iterable[Service], situation: Situation, when: dt.datetime, top: int = TOP
) -> list[Match]:
    """The services that fit, best first. Among the first `top`, no service is reached only
    through lines already shown above it (it moves just below them), and in an urgent situation,
    if none of them is open now but a later one is, the best open one takes the last of those
    places. With `top=0` (lists not read as "the best three") the order is left as it is."""
    fitting = [
        assess(service, situation, when, levels)
        for service in services
        if (levels := fit_levels(service, situation)) is not None
    ]
    matches = _distinct_top(sorted(fitting, key=lambda m: m.key), top)
    return _open_one_in_top(matches, top) if situation.urgent else matches


def _distinct_top(matches: list[Match], top: int) -> list[Match]:
    """A service reached only through lines already shown (Refuge's number is the National
    Domestic Abuse Helpline's) moves below the best `top`."""
    best: list[Match] = []
    later: list[Match] = []
    shown: set[str] = set()
    for match in matches:
        values = {c.value for c in match.service.channels}
        if len(best) < top and not (values and values <= shown):
            best.append(match)
            shown |= values
        else:
            later.append(match)
    return best + later


def _open_one_in_top(matches: list[Match], top: int) -> list[Match]:
    best = matches[:top]
    if not best or any(m.is_open for m in best):
        return matches
    opened = next((m for m in matches[top:] if m.is_open), None)
    if opened is None:
        return matches
    rest = [m for m in matches if m is not opened]
    place = min(top, len(rest)) - 1
    return [*rest[:place], opened, *rest[place:]]
