"""Services as open data in the Open Referral UK shape (HSDS 3.0): services, taxonomies, terms.

Ids are UUIDs derived from our keys (uuid5), so they never change between releases. Fields we do
not know are left out rather than sent empty. Refuge addresses are never published: services are
described by the areas they serve (service_areas) and the ways to contact them (phones,
schedules), never by a location.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from flask_babel import force_locale

from app.content.models import AUDIENCES, CHANNEL_TYPES, TOPICS, WEEKDAYS, Channel, Service
from app.display import AREA_NAMES, AUDIENCE_NAMES, CHANNEL_NAMES, TOPIC_NAMES, describe_hours

HSDS_VERSION = "3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"
# Every id is a uuid5 in this namespace; changing it would change every id, so never do.
NAMESPACE = uuid.UUID("6f1c1d52-4b8e-5d8a-9a57-1f0d6f2f6b11")

RRULE_DAYS = {day: day[:2].upper() for day in WEEKDAYS}
PHONE_TYPES = {"phone": "voice", "text": "sms", "textphone": "textphone"}


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


@dataclass(frozen=True)
class Taxonomy:
    code: str
    name: str
    description: str
    terms: tuple[str, ...]
    names: dict
    term_description: str  # "%(name)s" is the term's name

    @property
    def id(self) -> str:
        return stable_id("taxonomy", self.code)

    def term_id(self, term: str) -> str:
        return stable_id("term", self.code, term)


TAXONOMIES: tuple[Taxonomy, ...] = (
    Taxonomy(
        "vawg-crime-type",
        "Crime types (violence against women and girls)",
        "What happened: the kinds of abuse and crime a service helps with.",
        TOPICS,
        TOPIC_NAMES,
        "Services that help with: %(name)s",
    ),
    Taxonomy(
        "vawg-audience",
        "Who a service is for",
        "The groups of people a service is for.",
        AUDIENCES,
        AUDIENCE_NAMES,
        "Services for: %(name)s",
    ),
    Taxonomy(
        "contact-channel",
        "Ways to contact a service",
        "How people can get in touch with a service.",
        CHANNEL_TYPES,
        CHANNEL_NAMES,
        "Services you can contact by: %(name)s",
    ),
)


def _clean(value):
    """Drop None, empty strings and empty lists, all the way down: no empty fields."""
    if isinstance(value, dict):
        cleaned = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_clean(v) for v in value if v not in (None, "", [], {})]
    return value


def taxonomy_json(taxonomy: Taxonomy) -> dict:
    return {
        "id": taxonomy.id,
        "name": taxonomy.name,
        "description": taxonomy.description,
        "version": "1",
    }


def term_json(taxonomy: Taxonomy, term: str) -> dict:
    name = str(taxonomy.names.get(term, term))
    return {
        "id": taxonomy.term_id(term),
        "code": f"{taxonomy.code}:{term}",
        "name": name,
        "description": taxonomy.term_description % {"name": name},
        "taxonomy": taxonomy.name,
        "taxonomy_id": taxonomy.id,
        "language": "en",
    }


def _schedules(service: Service, channel: Channel) -> list[dict]:
    kind = str(CHANNEL_NAMES.get(channel.type, channel.type))
    label = f"{kind} ({channel.label})" if channel.label else kind
    base = {"service_id": stable_id("service", service.key), "attending_type": channel.type}
    hours = channel.hours
    if hours.is_always:
        return [
            {
                **base,
                "id": stable_id("schedule", service.key, channel.id, "always"),
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": ",".join(RRULE_DAYS.values()),
                "opens_at": "00:00",
                "closes_at": "23:59",
                "description": f"{label}: {describe_hours(channel)}",
            }
        ]
    if not hours.is_published:
        return []  # hours not published: we say nothing rather than guess
    schedules = []
    for index, span in enumerate(hours.spans):
        notes = []
        if span.overnight:
            notes.append("Closes the next day.")
        if hours.bank_holidays == "closed":
            notes.append("Closed on bank holidays in England.")
        elif hours.bank_holidays == "open":
            notes.append("Open all day on bank holidays in England.")
        schedules.append(
            {
                **base,
                "id": stable_id("schedule", service.key, channel.id, str(index)),
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": ",".join(RRULE_DAYS[d] for d in span.days),
                "opens_at": f"{span.opens:%H:%M}",
                "closes_at": f"{span.closes:%H:%M}",
                "description": f"{label}: {describe_hours(channel)}",
                "notes": " ".join(notes),
            }
        )
    return schedules


def _eligibility(service: Service) -> str:
    names = [str(AUDIENCE_NAMES.get(a, a)) for a in service.audiences]
    return "For: " + ", ".join(names) + "."


def _application(service: Service) -> str:
    if set(service.referral) == {"self", "professional"}:
        return "Contact the service yourself, or a professional can refer you."
    if "self" in service.referral:
        return "Contact the service yourself. No referral is needed."
    return "A professional refers you to this service."


def _areas(service: Service) -> list[dict]:
    areas = []
    for code in service.areas:
        name = str(AREA_NAMES.get(code, code))
        areas.append(
            {
                "id": stable_id("area", service.key, code),
                "service_id": stable_id("service", service.key),
                "name": name,
                "description": (
                    "A national service: people anywhere in Derby and Derbyshire can use it."
                    if code == "national"
                    else f"People living in {name} (Derby and Derbyshire)."
                ),
                "extent_type": "national" if code == "national" else "local authority",
            }
        )
    return areas


def _attributes(service: Service) -> list[dict]:
    wanted = [
        (TAXONOMIES[0], service.topics),
        (TAXONOMIES[1], service.audiences),
        (TAXONOMIES[2], tuple(dict.fromkeys(c.type for c in service.channels))),
    ]
    attributes = []
    for taxonomy, terms in wanted:
        for term in terms:
            attributes.append(
                {
                    "id": stable_id("attribute", service.key, taxonomy.code, term),
                    "link_id": stable_id("service", service.key),
                    "link_type": "service",
                    "link_entity": "service",
                    "taxonomy_term_id": taxonomy.term_id(term),
                    "taxonomy_term": term_json(taxonomy, term),
                }
            )
    return attributes


def service_terms(service: Service) -> frozenset[str]:
    """The ids of every taxonomy term a service has (for the taxonomy_term_id filter)."""
    return frozenset(a["taxonomy_term_id"] for a in _attributes(service))


def service_json(service: Service, site_url: str) -> dict:
    """One service as an HSDS 3.0 service object (English; no empty fields)."""
    service_id = stable_id("service", service.key)
    organisation = None
    if service.organisation:
        organisation = {
            "id": stable_id("organization", service.organisation),
            "name": service.organisation,
            "description": f"The organisation that runs {service.name}.",
        }
    phones = [
        {
            "id": stable_id("phone", service.key, c.id),
            "service_id": service_id,
            "number": c.display + (f", then press {c.then_press}" if c.then_press else ""),
            "type": PHONE_TYPES[c.type],
            "description": c.label,
        }
        for c in service.channels
        if c.type in PHONE_TYPES
    ]
    emails = [c.value for c in service.channels if c.type == "email"]
    data = {
        "id": service_id,
        "name": service.name,
        "alternate_name": getattr(service, "short_name", None),
        "description": service.description,
        "url": service.web or f"{site_url}/en/services/{service.key}",
        "email": service.email or (emails[0] if emails else None),
        "status": "active",
        "organization_id": organisation["id"] if organisation else None,
        "organization": organisation,
        "interpretation_services": service.languages_note,
        "application_process": _application(service),
        "fees_description": "Free." if service.cost == "free" else service.cost,
        "eligibility_description": _eligibility(service),
        "assured_date": service.last_reviewed.isoformat(),
        "last_modified": f"{service.last_reviewed.isoformat()}T00:00:00Z",
        "phones": phones,
        "schedules": [s for c in service.channels for s in _schedules(service, c)],
        "service_areas": _areas(service),
        "languages": [
            {
                "id": stable_id("language", service.key, code),
                "service_id": service_id,
                "code": code,
                "name": "British Sign Language" if code == "bsl" else None,
            }
            for code in service.languages
        ],
        "cost_options": (
            [
                {
                    "id": stable_id("cost", service.key),
                    "service_id": service_id,
                    "option": "Free",
                    "currency": "GBP",
                    "amount": 0,
                }
            ]
            if service.cost == "free"
            else []
        ),
        "attributes": _attributes(service),
    }
    return _clean(data)


@dataclass(frozen=True)
class OpenData:
    """Everything the API serves, built once (content is read-only after start-up)."""

    services: tuple[dict, ...]
    search_text: tuple[str, ...]  # lower-cased name, organisation and description, per service
    terms_by_service: tuple[frozenset[str], ...]
    taxonomies: tuple[dict, ...]
    terms: tuple[dict, ...]

    def service(self, service_id: str) -> dict | None:
        return next((s for s in self.services if s["id"] == service_id), None)


def build_open_data(services: dict[str, Service], site_url: str) -> OpenData:
    with force_locale("en"):
        ordered = sorted(services.values(), key=lambda s: s.name.casefold())
        records = tuple(service_json(s, site_url) for s in ordered)
        terms = tuple(term_json(t, term) for t in TAXONOMIES for term in t.terms)
        return OpenData(
            services=records,
            search_text=tuple(
                " ".join(filter(None, (s.name, s.organisation, s.description))).casefold()
                for s in ordered
            ),
            terms_by_service=tuple(service_terms(s) for s in ordered),
            taxonomies=tuple(taxonomy_json(t) for t in TAXONOMIES),
            terms=terms,
        )
