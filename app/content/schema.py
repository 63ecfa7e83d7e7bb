"""JSON Schemas for page front matter and service files, checked at load time."""

from __future__ import annotations

import datetime as dt

from jsonschema import Draft202012Validator

from app.content.models import (
    AREA_GROUPS,
    AREAS,
    AUDIENCES,
    CHANNEL_TEXT_FIELDS,
    CHANNEL_TYPES,
    NATIONAL,
    ONLY_FOR_GROUPS,
    SECTIONS,
    SERVICE_TEXT_FIELDS,
    TOPICS,
    WEEKDAYS,
)

_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_TIME = {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"}
_SLUG = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}
_KEY = {"type": "string", "pattern": r"^[a-z0-9]+(_[a-z0-9]+)*$"}
_URL = {"type": "string", "pattern": r"^https?://[^\s]+$"}
_TEXT = {"type": "string", "minLength": 1}
_AREA_CODES = [NATIONAL, *AREA_GROUPS, *AREAS]
REVISION = {"type": "string", "pattern": "^[0-9a-f]{12}$"}
# A translation's review status: `review: machine`, or
# `review: {status: reviewed, reviewer: NAME, date: YYYY-MM-DD}` once a native speaker signs it off.
REVIEW = {
    "oneOf": [
        {"const": "machine"},
        {
            "type": "object",
            "required": ["status", "reviewer", "date"],
            "additionalProperties": False,
            "properties": {"status": {"const": "reviewed"}, "reviewer": _TEXT, "date": _DATE},
        },
    ]
}


def _list_of(item: dict, min_items: int = 0) -> dict:
    return {"type": "array", "items": item, "minItems": min_items, "uniqueItems": True}


PAGE_SCHEMA = {
    "type": "object",
    "required": ["title", "summary", "section", "audiences", "topics", "last_reviewed", "sources"],
    "additionalProperties": False,
    "properties": {
        "title": _TEXT,
        "summary": _TEXT,
        "section": {"enum": list(SECTIONS)},
        "order": {"type": "integer"},
        "audiences": _list_of({"enum": list(AUDIENCES)}, 1),
        "topics": _list_of({"enum": list(TOPICS)}),
        "keywords": _list_of(_TEXT),
        "related": _list_of(_SLUG),
        "services": _list_of(_KEY),
        "last_reviewed": _DATE,
        "sources": _list_of(_URL, 1),
        "translated_from": REVISION,
        "review": REVIEW,
        # A professionals' page translated as a one-paragraph summary; the English body follows.
        "english_body": {"const": True},
    },
}

_SPAN = {
    "type": "object",
    "required": ["days", "opens", "closes"],
    "additionalProperties": False,
    "properties": {
        "days": _list_of({"enum": list(WEEKDAYS)}, 1),
        "opens": _TIME,
        "closes": _TIME,
    },
}

_CHANNEL = {
    "type": "object",
    "required": ["id", "type", "value"],
    "additionalProperties": False,
    "properties": {
        "id": _KEY,
        "type": {"enum": list(CHANNEL_TYPES)},
        "value": _TEXT,
        "label": {"type": "string"},
        "hours": {"oneOf": [{"const": "always"}, {"type": "null"}, _list_of(_SPAN, 1)]},
        "bank_holidays": {"enum": ["closed", "open"]},
        "confidence": {"enum": ["high", "medium", "low"]},
        "check": _TEXT,
        "then_press": {"type": "string", "pattern": r"^\d{1,3}$"},
        "trace": _TEXT,
        "trace_source": _URL,
    },
    "dependentRequired": {"trace": ["trace_source"], "trace_source": ["trace"]},
}

_AGE = {"type": "integer", "minimum": 0, "maximum": 120}

SERVICE_SCHEMA = {
    "type": "object",
    "required": [
        "key",
        "name",
        "description",
        "kind",
        "areas",
        "audiences",
        "topics",
        "languages",
        "referral",
        "channels",
        "source_url",
        "confidence",
        "last_reviewed",
    ],
    "additionalProperties": False,
    "properties": {
        "key": _KEY,
        "name": _TEXT,
        "short_name": _TEXT,
        "organisation": _TEXT,
        "description": _TEXT,
        "kind": {
            "enum": ["helpline", "local-service", "reporting-route", "scheme", "professional"]
        },
        "areas": _list_of({"enum": _AREA_CODES}, 1),
        "audiences": _list_of({"enum": list(AUDIENCES)}, 1),
        "topics": _list_of({"enum": list(TOPICS)}),
        "languages": _list_of({"type": "string", "pattern": "^([a-z]{2,3}|bsl)$"}, 1),
        "languages_note": _TEXT,
        "cost": _TEXT,
        "referral": _list_of({"enum": ["self", "professional"]}, 1),
        "web": _URL,
        "email": {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"},
        "channels": {"type": "array", "items": _CHANNEL},
        "address_public": {"type": "boolean"},
        "source_url": _URL,
        "other_sources": _list_of(_URL),
        "source_date": {"type": ["string", "null"]},
        "confidence": {"enum": ["high", "medium", "low"]},
        "last_reviewed": _DATE,
        "notes": {"type": "string"},
        # What ranking needs; optional so that new files load before they are filled in.
        "specialisms": _list_of({"enum": list(TOPICS)}),
        "only_for": _list_of({"enum": list(ONLY_FOR_GROUPS)}, 1),
        "ages": {
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {"min": _AGE, "max": _AGE},
        },
        "best_for": _TEXT,
        "emergency_route": {"type": "boolean"},
    },
}

# content/<lang>/services/<key>.yaml: a service's visible text in one language. Which of these
# fields a file may give depends on the English service (see app/content/service_translations.py).
_WORDS = {"type": "string", "pattern": r"\S"}  # not empty, not only spaces
SERVICE_TRANSLATION_SCHEMA = {
    "type": "object",
    "required": ["translated_from", "review", "description"],
    "additionalProperties": False,
    "properties": {
        "translated_from": REVISION,
        "review": REVIEW,
        **dict.fromkeys(SERVICE_TEXT_FIELDS, _WORDS),
        "name_gloss": _WORDS,
        "channels": {
            "type": "object",
            "propertyNames": _KEY,
            "additionalProperties": {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": False,
                "properties": dict.fromkeys(CHANNEL_TEXT_FIELDS, _WORDS),
            },
        },
    },
}

_page_validator = Draft202012Validator(PAGE_SCHEMA)
_service_validator = Draft202012Validator(SERVICE_SCHEMA)
_service_translation_validator = Draft202012Validator(SERVICE_TRANSLATION_SCHEMA)


def jsonable(value):
    """YAML gives dates as date objects; the schemas describe them as ISO strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def _problems(validator: Draft202012Validator, data) -> list[str]:
    errors = sorted(validator.iter_errors(jsonable(data)), key=lambda e: list(e.path))
    return [f"{'/'.join(str(p) for p in e.path) or '(top level)'}: {e.message}" for e in errors]


def page_problems(front_matter: dict) -> list[str]:
    return _problems(_page_validator, front_matter)


def service_problems(data) -> list[str]:
    return _problems(_service_validator, data)


def service_translation_problems(data) -> list[str]:
    return _problems(_service_translation_validator, data)
