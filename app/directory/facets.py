"""Facet counts for the directory form: for each choice of each filter (`filters.SPECS`), how
many services there would be if it were chosen. A count uses the same `satisfied` as matching
(`filter_match.py`), so it always equals the list you get by choosing it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.content.models import Service
from app.directory.filter_match import matches
from app.directory.filters import SPECS, Filters, FilterSpec


def option_values(
    service: Service, spec: FilterSpec, options: Iterable[str], open_keys: frozenset[str]
) -> set[str]:
    """The choices of one filter that `service` satisfies."""
    return {value for value in options if spec.satisfied(service, value, open_keys)}


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
