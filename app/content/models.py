"""Immutable content objects and the fixed vocabularies. Each record type is defined once here,
as a frozen dataclass whose annotations also say how its file is checked (pydantic reads them:
app/content/validation.py) and give the JSON Schema in docs/schemas/.

A field added here is read from its file, checked and documented; a template then shows it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    TypeAdapter,
    WithJsonSchema,
)
from pydantic.json_schema import SkipJsonSchema

from app.content import phones

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


# ------------------------------------------------------------------ field types
# What each kind of value in a content file must look like. Messages name the value, so a
# ContentError says which file, which field and what is wrong with it.

FORBID_EXTRA = ConfigDict(extra="forbid")


def _pattern(regex: str, what: str) -> Callable[[str], str]:
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if not compiled.search(value):
            raise ValueError(f"{value!r} does not match {regex!r} ({what})")
        return value

    return check


def _one_of(values: tuple[str, ...]) -> Callable[[str], str]:
    allowed = frozenset(values)

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"{value!r} is not one of {list(values)}")
        return value

    return check


def unique_items(values: tuple[Any, ...]) -> tuple[Any, ...]:
    if len(set(values)) != len(values):
        raise ValueError(f"{list(values)} has repeated items")
    return values


def _iso_date(value: object) -> object:
    """Dates as YAML reads them (a date), or quoted (YYYY-MM-DD); nothing else."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    raise ValueError(f"{value!r} is not a date written YYYY-MM-DD")


def _clock_time(value: object) -> object:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str) and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        hours, minutes = value.split(":")
        return dt.time(int(hours), int(minutes))
    raise ValueError(f"{value!r} is not a time written HH:MM")


def _stripped(value: str) -> str:
    return value.strip()


Text = Annotated[str, Strict(), Field(min_length=1)]
Words = Annotated[str, Strict(), AfterValidator(_pattern(r"\S", "not empty, not only spaces"))]
Key = Annotated[str, Strict(), AfterValidator(_pattern(r"^[a-z0-9]+(_[a-z0-9]+)*$", "a key"))]
Slug = Annotated[str, Strict(), AfterValidator(_pattern(r"^[a-z0-9]+(-[a-z0-9]+)*$", "a slug"))]
Url = Annotated[str, Strict(), AfterValidator(_pattern(r"^https?://[^\s]+$", "a web address"))]
Revision = Annotated[str, Strict(), AfterValidator(_pattern(r"^[0-9a-f]{12}$", "a revision"))]
IsoDate = Annotated[
    dt.date, BeforeValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})
]
ClockTime = Annotated[
    dt.time,
    BeforeValidator(_clock_time),
    WithJsonSchema({"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"}),
]
Age = Annotated[int, Strict(), Field(ge=0, le=120)]
Confidence = Literal["high", "medium", "low"]
Area = Annotated[
    str,
    Strict(),
    AfterValidator(_one_of((NATIONAL, *AREA_GROUPS, *AREAS))),
    WithJsonSchema({"enum": [NATIONAL, *AREA_GROUPS, *AREAS]}),
]
Audience = Annotated[
    str, Strict(), AfterValidator(_one_of(AUDIENCES)), WithJsonSchema({"enum": list(AUDIENCES)})
]
Topic = Annotated[
    str, Strict(), AfterValidator(_one_of(TOPICS)), WithJsonSchema({"enum": list(TOPICS)})
]
Section = Annotated[
    str, Strict(), AfterValidator(_one_of(SECTIONS)), WithJsonSchema({"enum": list(SECTIONS)})
]
ChannelType = Annotated[
    str,
    Strict(),
    AfterValidator(_one_of(CHANNEL_TYPES)),
    WithJsonSchema({"enum": list(CHANNEL_TYPES)}),
]
Weekday = Annotated[
    str, Strict(), AfterValidator(_one_of(WEEKDAYS)), WithJsonSchema({"enum": list(WEEKDAYS)})
]
OnlyForGroup = Annotated[
    str,
    Strict(),
    AfterValidator(_one_of(ONLY_FOR_GROUPS)),
    WithJsonSchema({"enum": list(ONLY_FOR_GROUPS)}),
]
LanguageCode = Annotated[str, Strict(), AfterValidator(_pattern(r"^([a-z]{2,3}|bsl)$", "a code"))]
Email = Annotated[
    str, Strict(), AfterValidator(_pattern(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", "an email address"))
]


# ------------------------------------------------------------------ services


@dataclass(frozen=True)
class OpeningSpan:
    """One opening period, e.g. Mon–Fri 09:00–17:00. If closes <= opens it ends the next day."""

    __pydantic_config__ = FORBID_EXTRA

    days: Annotated[tuple[Weekday, ...], Field(min_length=1), AfterValidator(unique_items)]
    opens: ClockTime
    closes: ClockTime

    @property
    def overnight(self) -> bool:
        return self.closes <= self.opens


BankHolidays = Literal["closed", "open"]


@dataclass(frozen=True)
class Hours:
    """When a channel can be used: `always` (every moment, bank holidays included), in published
    `spans`, or `unpublished` (never "open now"). On an England bank holiday `bank_holidays`
    says "closed" (no span opens), "open" (open all day) or None (as that weekday)."""

    kind: Literal["always", "spans", "unpublished"]
    spans: tuple[OpeningSpan, ...] = ()
    bank_holidays: BankHolidays | None = None

    @property
    def is_always(self) -> bool:
        return self.kind == "always"

    @property
    def is_published(self) -> bool:
        return self.kind != "unpublished"

    @classmethod
    def of(cls, value: object, bank_holidays: BankHolidays | None = None) -> Hours:
        """From a service file's `hours`: "always", a list of spans, or nothing (not published)."""
        if isinstance(value, Hours):
            return (
                value
                if value.bank_holidays == bank_holidays
                else cls(value.kind, value.spans, bank_holidays)
            )
        if value == "always":
            return cls("always", (), bank_holidays)
        if value is None:
            return cls("unpublished", (), bank_holidays)
        if isinstance(value, list | tuple) and value:
            return cls("spans", tuple(value), bank_holidays)
        raise ValueError(f"{value!r}: hours are 'always', a list of opening times, or left out")


_CLOCK_TIME_SCHEMA = {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"}
HOURS_FILE_SCHEMA = {
    "oneOf": [
        {"const": "always"},
        {"type": "null"},
        {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["days", "opens", "closes"],
                "additionalProperties": False,
                "properties": {
                    "days": {
                        "type": "array",
                        "items": {"enum": list(WEEKDAYS)},
                        "minItems": 1,
                        "uniqueItems": True,
                    },
                    "opens": _CLOCK_TIME_SCHEMA,
                    "closes": _CLOCK_TIME_SCHEMA,
                },
            },
        },
    ]
}


def _hours_from_file(value: object) -> object:
    if isinstance(value, list) and value:
        # Checked as OpeningSpans here, so a wrong time is reported with where it is.
        from_spans = _spans_adapter().validate_python(value)
        return Hours("spans", from_spans)
    return Hours.of(value)


@lru_cache(maxsize=1)
def _spans_adapter() -> TypeAdapter[tuple[OpeningSpan, ...]]:
    return TypeAdapter(tuple[OpeningSpan, ...])


UNPUBLISHED = Hours("unpublished")


@dataclass(frozen=True)
class Channel:
    """One way to contact a service, with its own hours."""

    __pydantic_config__ = FORBID_EXTRA

    id: Key
    type: ChannelType
    value: Annotated[Text, AfterValidator(_stripped)]
    label: Annotated[str, Strict()] = ""
    hours: Annotated[
        Hours,
        BeforeValidator(_hours_from_file),
        WithJsonSchema(HOURS_FILE_SCHEMA),
        Field(json_schema_extra={"default": None}),  # in a file: no `hours` is unpublished
    ] = UNPUBLISHED
    bank_holidays: BankHolidays | None = None  # folded into `hours`
    confidence: Confidence = "high"
    check: Text | None = None
    then_press: Annotated[str, Strict(), AfterValidator(_pattern(r"^\d{1,3}$", "keys"))] | None = (
        None  # Silent Solution: "55"
    )
    trace: Text | None = None  # what using it leaves behind, in a source's words ("not on bills")
    trace_source: Url | None = None
    # Worked out from `value`: the number as shown, and a tel:, sms:, mailto: or https: link.
    display: SkipJsonSchema[str] = field(init=False, default="")
    href: SkipJsonSchema[str | None] = field(init=False, default=None)

    def __post_init__(self) -> None:
        if (self.trace is None) != (self.trace_source is None):
            raise ValueError("trace and trace_source go together: give both or neither")
        object.__setattr__(self, "hours", Hours.of(self.hours, self.bank_holidays))
        display, href = self.value, None
        if self.type in ("phone", "text", "textphone"):
            display = phones.display_number(self.value)
            href = phones.tel_href(self.value, "sms" if self.type == "text" else "tel")
        elif self.type == "email":
            href = f"mailto:{self.value}"
        elif self.value.startswith(("https://", "http://")):
            href = self.value
        object.__setattr__(self, "display", display)
        object.__setattr__(self, "href", href)

    @property
    def is_always_open(self) -> bool:
        return self.hours.is_always


@dataclass(frozen=True)
class AgeRange:
    """Ages a service is for, where a source gives a limit (Childline: up to 18, i.e. under 19)."""

    __pydantic_config__ = FORBID_EXTRA

    min: Age | None = None
    max: Age | None = None

    def __post_init__(self) -> None:
        if self.min is None and self.max is None:
            raise ValueError("ages: give min, max or both")

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


def _expand_areas(areas: tuple[str, ...]) -> tuple[str, ...]:
    """ "national" and the nine area codes, in display order, from the codes and groups written."""
    expanded: set[str] = set()
    for area in areas:
        expanded.update(AREA_GROUPS.get(area, (area,)))
    return tuple(a for a in (NATIONAL, *AREAS) if a in expanded)


def _blank_is_none(value: str | None) -> str | None:
    return (value or "").strip() or None


Referral = Literal["self", "professional"]
ServiceKind = Literal["helpline", "local-service", "reporting-route", "scheme", "professional"]


@dataclass(frozen=True)
class Service:
    """A service file, content/services/<key>.yaml (docs/content-guide.md)."""

    __pydantic_config__ = FORBID_EXTRA

    key: Key
    name: Text
    description: Annotated[Text, AfterValidator(_stripped)]
    kind: ServiceKind
    # expanded: "national" and/or the nine area codes
    areas: Annotated[
        tuple[Area, ...],
        Field(min_length=1),
        AfterValidator(unique_items),
        AfterValidator(_expand_areas),
    ]
    audiences: Annotated[tuple[Audience, ...], Field(min_length=1), AfterValidator(unique_items)]
    topics: Annotated[tuple[Topic, ...], AfterValidator(unique_items)]
    languages: Annotated[
        tuple[LanguageCode, ...], Field(min_length=1), AfterValidator(unique_items)
    ]
    referral: Annotated[
        tuple[Literal["self", "professional"], ...],
        Field(min_length=1),
        AfterValidator(unique_items),
    ]
    channels: tuple[Channel, ...]
    source_url: Url
    confidence: Confidence
    last_reviewed: IsoDate
    organisation: Text | None = None
    short_name: Text | None = None  # for running text, e.g. "Derbyshire Victim Services"
    languages_note: Text | None = None
    cost: Text | None = None
    web: Url | None = None
    email: Email | None = None
    other_sources: Annotated[tuple[Url, ...], AfterValidator(unique_items)] = ()
    source_date: Annotated[str, Strict()] | None = None
    address_public: Annotated[bool, Strict()] = False  # only for local services
    notes: Annotated[str, Strict()] | None = None  # for editors; never shown
    # What ranking needs (app/directory/ranking.py); see docs/content-guide.md.
    specialisms: Annotated[tuple[Topic, ...], AfterValidator(unique_items)] = ()  # within `topics`
    only_for: Annotated[  # groups it is only for (ONLY_FOR_GROUPS)
        tuple[OnlyForGroup, ...], Field(min_length=1), AfterValidator(unique_items)
    ] = ()
    ages: AgeRange | None = None
    best_for: Annotated[Text, AfterValidator(_blank_is_none)] | None = None  # shown on results
    emergency_route: Annotated[bool, Strict()] = False  # a way to reach 999 and its relays

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    # Worked out once: the ranking asks for each service on every help finder answer.
    @cached_property
    def is_national(self) -> bool:
        return NATIONAL in self.areas

    @cached_property
    def channel_types(self) -> frozenset[str]:
        return frozenset(c.type for c in self.channels)

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

    __pydantic_config__ = FORBID_EXTRA

    status: Literal["machine", "reviewed"]
    reviewer: Text | None = None
    date: IsoDate | None = None

    def __post_init__(self) -> None:
        if self.status == "reviewed" and (self.reviewer is None or self.date is None):
            raise ValueError("a reviewed translation names its reviewer and the date")

    @property
    def is_reviewed(self) -> bool:
        return self.status == "reviewed"

    def describe(self) -> str:
        if self.is_reviewed and self.date is not None:
            return f"reviewed by {self.reviewer} on {self.date.isoformat()}"
        return "machine-assisted, not yet reviewed"


def _review_from_file(value: object) -> object:
    """`review: machine`, or `review: {status: reviewed, reviewer: NAME, date: YYYY-MM-DD}`."""
    if value == "machine":
        return MACHINE_REVIEW
    if isinstance(value, dict) and value.get("status") == "reviewed":
        return value
    raise ValueError(f"{value!r}: write 'machine', or status: reviewed with reviewer and date")


REVIEW_FILE_SCHEMA = {
    "oneOf": [
        {"const": "machine"},
        {
            "type": "object",
            "required": ["status", "reviewer", "date"],
            "additionalProperties": False,
            "properties": {
                "status": {"const": "reviewed"},
                "reviewer": {"type": "string", "minLength": 1},
                "date": {"type": "string", "format": "date"},
            },
        },
    ]
}
ReviewField = Annotated[
    Review, BeforeValidator(_review_from_file), WithJsonSchema(REVIEW_FILE_SCHEMA)
]
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
class ChannelTexts:
    """A channel's texts in a service translation (the English channel must have each)."""

    __pydantic_config__ = FORBID_EXTRA

    label: Words | None = None
    check: Words | None = None
    trace: Words | None = None

    def __post_init__(self) -> None:
        if self.label is None and self.check is None and self.trace is None:
            raise ValueError("{} should be non-empty: give label, check or trace")


@dataclass(frozen=True)
class ServiceTranslationFile:
    """A service translation file, content/<lang>/services/<key>.yaml (docs/translation-guide.md):
    the texts of SERVICE_TEXT_FIELDS and CHANNEL_TEXT_FIELDS the English service has."""

    __pydantic_config__ = FORBID_EXTRA

    translated_from: Revision  # the revision of content/services/<key>.yaml it was made from
    review: ReviewField
    description: Words
    best_for: Words | None = None
    cost: Words | None = None
    languages_note: Words | None = None
    name_gloss: Words | None = None  # a short gloss of the organisation's name, in brackets
    channels: Mapping[Key, ChannelTexts] = field(default_factory=dict)


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


def _only_true(value: bool) -> bool:
    if not value:
        raise ValueError("english_body is true, or left out")
    return value


@dataclass(frozen=True, kw_only=True)
class FrontMatter:
    """A page's front matter (docs/content-guide.md); a translation adds its provenance."""

    __pydantic_config__ = FORBID_EXTRA

    title: Text
    summary: Text
    section: Section
    audiences: Annotated[tuple[Audience, ...], Field(min_length=1), AfterValidator(unique_items)]
    topics: Annotated[tuple[Topic, ...], AfterValidator(unique_items)]
    last_reviewed: IsoDate
    sources: Annotated[tuple[Url, ...], Field(min_length=1), AfterValidator(unique_items)]
    order: Annotated[int, Strict()] = 100
    keywords: Annotated[tuple[Text, ...], AfterValidator(unique_items)] = ()
    related: Annotated[tuple[Slug, ...], AfterValidator(unique_items)] = ()
    services: Annotated[tuple[Key, ...], AfterValidator(unique_items)] = ()
    translated_from: Revision | None = None  # the English revision a translation was made from
    review: ReviewField | None = None  # a translation's review status (None for English)
    # A professionals' page translated as a one-paragraph summary; the English body follows.
    english_body: Annotated[bool, Strict(), AfterValidator(_only_true)] = False


@dataclass(frozen=True, kw_only=True)
class Page(FrontMatter):
    """A page in one language: its front matter and what the loader worked out from its body."""

    lang: str
    slug: str
    html: str
    text: str  # plain text of the body, for search
    headings: tuple[Heading, ...] = ()
    is_index: bool = False
    is_fallback: bool = False  # English text shown because no translation exists yet
    # A professionals' page translated as a summary only (`english_body`): `intro_html` is the
    # translated summary, `html` the English body (shown marked lang="en").
    intro_html: str = ""
    content_lang: str = "en"  # language the body is actually written in
    revision: str = ""  # first 12 hex of the sha256 of the source file
    source_path: str = ""
    links: tuple[str, ...] = field(default=(), compare=False)  # internal link targets, for checks
    markdown: str = field(default="", compare=False, repr=False)  # the body as written
