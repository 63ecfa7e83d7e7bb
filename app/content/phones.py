"""UK phone and text numbers: validation, consistent display, and tel:/sms: links."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import shortnumberinfo

# Relay UK prefixes: 18000 (emergency) stands alone; 18001/18002 go in front of a number.
RELAY_PREFIXES = ("18001", "18002")
_ALLOWED = re.compile(r"^\+?[0-9 ]+$")


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _is_valid_plain(digits: str) -> bool:
    try:
        parsed = phonenumbers.parse(digits, "GB")
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.is_valid_number(parsed):
        return True
    return digits == str(
        parsed.national_number
    ) and shortnumberinfo.is_valid_short_number_for_region(parsed, "GB")


def is_valid_uk_number(value: str) -> bool:
    """True for a valid UK number, a valid UK short number (999, 116 123) or a relay number."""
    if not _ALLOWED.match(value.strip()):
        return False
    digits = _digits(value)
    for prefix in RELAY_PREFIXES:
        if digits.startswith(prefix) and len(digits) > len(prefix):
            return _is_valid_plain(digits[len(prefix) :])
    return _is_valid_plain(digits)


def display_number(value: str) -> str:
    """The number as published by the organisation, with spacing normalised."""
    return " ".join(value.split())


def tel_href(value: str, scheme: str = "tel") -> str:
    """A tel: or sms: link. Full numbers in international form; short numbers as dialled."""
    digits = _digits(value)
    if value.strip().startswith("+"):
        return f"{scheme}:+{digits}"
    if len(digits) >= 10 and digits.startswith("0"):
        return f"{scheme}:+44{digits[1:]}"
    return f"{scheme}:{digits}"
