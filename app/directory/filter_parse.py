"""Reading directory filters from a query string: unknown values are dropped and reported, never
an error; repeated and very long parameters are bounded. Loops over the filter specs
(`filters.SPECS`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.content.models import Service
from app.directory.filters import SPECS, Filters, choices

TRUE_VALUES = frozenset({"1", "true", "on", "yes"})
FALSE_VALUES = frozenset({"0", "false", "off", "no"})

MAX_VALUES_PER_PARAM = 20  # more than any list of choices
MAX_VALUE_LENGTH = 40  # longer than any choice; longer values are cut before being reported
MAX_IGNORED_REPORTED = 10


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
