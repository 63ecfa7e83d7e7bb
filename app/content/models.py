"""Immutable content objects: Page, Service, Channel, OpeningSpan, a service's translation, and
the fixed vocabularies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

# The nine council areas of Derby and Derbyshire, in display order.
AREAS: tuple[str, ...] = (
    "derby",
    "amber-valley",
    "bolsover",
    "chesterfield",
    "derbyshire-dales",
    "erewash",
    "high-peak",
    "north-east-derbyshire",
    "south-derbyshire",
)
COUNTY_AREAS = AREAS[1:]
# Shorthands allowed in service files, expanded by the loader.
AREA_GROUPS: dict[str, tuple[str, ...]] = {
    "derby-and-derbyshire": AREAS,
    "derbyshire-county": COUNTY_AREAS,
}
NATIONAL = "national"

AUDIENCES: tuple[str, ...] = (
    "women",
    "men",
    "young-people",
    "parents",
    "friends-family",
    "lgbt",
    "disabled-deaf",
    "older-people",
    "professionals",
    "perpetrators",
    "anyone",
)

TOPICS: tuple[str, ...] = (
    "domestic-abuse",
    "coercive-control",
    "economic-abuse",
    "rape",
    "sexual-violence",
    "stalking",
    "harassment",
    "spiking",
    "online-abuse",
    "intimate-image-abuse",
    "honour-based-abuse",
    "forced-marriage",
    "fgm",
    "hate-incidents",
    "child-abuse",
)

SECTIONS: tuple[str, ...] = (
    "home",
    "help",
    "abuse",
    "reporting",
    "rights",
    "protection",
    "staying-safe",
    "professionals",
    "about",
)

CHANNEL_TYPES: tuple[str, ...] = (
    "phone",
    "text",
    "chat",
    "email",
    "web",
    "bsl",
    "textphone",
    "drop-in",
)

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Groups a service can be ONLY for (`only_for`): the audiences, plus `deaf` (Deaf, deafened and
# hard of hearing people), narrower than the `disabled-deaf` audience, for BSL and text routes.
ONLY_FOR_GROUPS: tuple[str, ...] = (*(a for a in AUDIENCES if a != "anyone"), "deaf")


@dataclass(frozen=True)
class OpeningSpan:
    """One opening period, e.g. Mon–Fri 09:00–17:00. If closes <= opens it ends the next day."""

    days: tuple[str, ...]
    opens: dt.time
    closes: dt.time

    @property
    def overnight(self) -> bool:
        return self.closes <= self.opens


@dataclass(frozen=True)
class Channel:
    """One way to contact a service, with its own hours."""

    id: str
    type: str
    value: str
    label: str = ""
    # "always" (24/7), a tuple of OpeningSpan, or None (hours not published)
    hours: str | tuple[OpeningSpan, ...] | None = None
    bank_holidays: str | None = None  # "closed", "open" or None (as that weekday)
    confidence: str = "high"
    check: str | None = None
    then_press: str | None = None  # Silent Solution: "55"
    display: str = ""  # the number as shown, formatted consistently
    href: str | None = None  # tel:, sms:, mailto: or https: link
    trace: str | None = None  # what using it leaves behind, in a source's words ("not on bills")
    trace_source: str | None = None

    @property
    def is_always_open(self) -> bool:
        return self.hours == "always"


@dataclass(frozen=True)
class AgeRange:
    """Ages a service is for, where a source gives a limit (Childline: up to 18, i.e. under 19)."""

    min: int | None = None
    max: int | None = None

    def overlaps(self, low: int | None, high: int | None) -> bool:
        """Whether anyone aged `low`..`high` (None: no limit) could be this service's age."""
        return (self.max is None or low is None or low <= self.max) and (
            self.min is None or high is None or high >= self.min
        )

    def contains(self, low: int | None, high: int | None) -> bool:
        """Whether everyone aged `low`..`high` is within this service's ages."""
        return (self.min is None or (low is not None and low >= self.min)) and (
            self.max is None or (high is not None and high <= self.max)
        )


@dataclass(frozen=True)
class Service:
    key: str
    name: str
    description: str
    kind: str
    areas: tuple[str, ...]  # expanded: "national" and/or the nine area codes
    audiences: tuple[str, ...]
    topics: tuple[str, ...]
    languages: tuple[str, ...]
    referral: tuple[str, ...]
    channels: tuple[Channel, ...]
    source_url: str
    confidence: str
    last_reviewed: dt.date
    organisation: str | None = None
    short_name: str | None = None  # for running text, e.g. "Derbyshire Victim Services"
    languages_note: str | None = None
    cost: str | None = None
    web: str | None = None
    email: str | None = None
    other_sources: tuple[str, ...] = ()
    source_date: str | None = None
    # What ranking needs (app/directory/ranking.py); see docs/content-guide.md.
    specialisms: tuple[str, ...] = ()  # topics it specialises in (a subset of `topics`)
    only_for: tuple[str, ...] = ()  # groups it is only for (ONLY_FOR_GROUPS)
    ages: AgeRange | None = None
    best_for: str | None = None  # a short plain line shown on results
    emergency_route: bool = False  # a way to reach the emergency services (999 and its relays)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_national(self) -> bool:
        return NATIONAL in self.areas

    @property
    def local_areas(self) -> tuple[str, ...]:
        return tuple(a for a in self.areas if a != NATIONAL)

    def channel(self, channel_id: str) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    def first_channel(self, *types: str) -> Channel | None:
        return next((c for c in self.channels if c.type in types), None)


@dataclass(frozen=True)
class Review:
    """Who has checked a translation: "machine" (machine-assisted, no native speaker has signed it
    off yet) or "reviewed" by a named native speaker on a date."""

    status: str  # "machine" or "reviewed"
    reviewer: str | None = None
    date: dt.date | None = None

    @property
    def is_reviewed(self) -> bool:
        return self.status == "reviewed"

    @classmethod
    def from_front_matter(cls, value) -> Review:
        """From `review: machine` or `review: {status: reviewed, reviewer: …, date: …}` (already
        checked against the schema)."""
        if value == "machine":
            return MACHINE_REVIEW
        date = value["date"]
        return cls(
            "reviewed",
            value["reviewer"],
            date if isinstance(date, dt.date) else dt.date.fromisoformat(date),
        )

    def describe(self) -> str:
        if self.is_reviewed:
            return f"reviewed by {self.reviewer} on {self.date.isoformat()}"
        return "machine-assisted, not yet reviewed"


MACHINE_REVIEW = Review("machine")


@dataclass(frozen=True)
class Wording:
    """A text and the language it is in: the reader's language, or English when the text is not
    translated yet (templates then mark it `lang="en"`)."""

    text: str
    lang: str


# The texts of a service a reader sees, which a translation may give (names stay as they are).
# `best_for` and a channel's `trace` are read when the English service has them.
SERVICE_TEXT_FIELDS: tuple[str, ...] = ("description", "best_for", "cost", "languages_note")
CHANNEL_TEXT_FIELDS: tuple[str, ...] = ("label", "check", "trace")
# `cost: free` is a value the interface translates ("Free"), not a text to translate.
FREE = "free"


@dataclass(frozen=True)
class ServiceTranslation:
    """One service's visible text in one language, from `content/<lang>/services/<key>.yaml`."""

    lang: str
    key: str
    translated_from: str  # the revision of content/services/<key>.yaml it was made from
    review: Review
    texts: Mapping[str, str]  # a field of SERVICE_TEXT_FIELDS -> text
    channels: Mapping[str, Mapping[str, str]]  # channel id -> field -> text
    name_gloss: str | None = None  # a short gloss of the organisation's name, in brackets
    source_path: str = ""

    def text(self, field_name: str, channel_id: str | None = None) -> str | None:
        if channel_id is None:
            return self.texts.get(field_name)
        return self.channels.get(channel_id, {}).get(field_name)


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class Page:
    lang: str
    slug: str
    section: str
    title: str
    summary: str
    html: str
    text: str  # plain text of the body, for search
    last_reviewed: dt.date
    sources: tuple[str, ...]
    order: int = 100
    audiences: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    headings: tuple[Heading, ...] = ()
    is_index: bool = False
    is_fallback: bool = False  # English text shown because no translation exists yet
    # A professionals' page translated as a summary only: `intro_html` is the translated summary,
    # `html` the English body (shown marked lang="en").
    english_body: bool = False
    intro_html: str = ""
    content_lang: str = "en"  # language the body is actually written in
    translated_from: str | None = None  # the English revision a translation was made from
    review: Review | None = None  # a translation's review status (None for English)
    revision: str = ""  # first 12 hex of the sha256 of the source file
    source_path: str = ""
    links: tuple[str, ...] = field(default=(), compare=False)  # internal link targets, for checks
    markdown: str = field(default="", compare=False, repr=False)  # the body as written
