"""Which page of a long list to show, from a `page` value that may have been typed or forged.

A value that is not a plain whole number, a number past either end, or a repeated value never
fails: the nearest real page is shown, and `note` says so (the templates tell the reader).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_PAGE_PARAM_LENGTH = 6


@dataclass(frozen=True)
class PageChoice:
    number: int
    note: bool  # the asked-for page did not exist, so we show this one instead


def page_count(items: int, per_page: int) -> int:
    """How many pages `items` fill (at least one, even when empty)."""
    return max(1, math.ceil(items / per_page))


def requested_page(raw: list[str]) -> int | None:
    """The first value as a page number; None if there is none or it is not a whole number."""
    if not raw:
        return None
    value = raw[0].strip()
    if len(value) > MAX_PAGE_PARAM_LENGTH or not value.isdigit():
        return None
    return int(value)


def choose_page(raw: list[str], pages: int) -> PageChoice:
    """The page to show for the `page` values `raw`, out of `pages`."""
    if not raw:
        return PageChoice(1, False)
    number = requested_page(raw)
    if number is None:
        return PageChoice(1, True)
    if 1 <= number <= pages:
        return PageChoice(number, len(raw) > 1)
    return PageChoice(min(max(number, 1), pages), True)
