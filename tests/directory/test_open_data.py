"""The Open Referral UK (HSDS 3.0) API: valid against the HSDS schemas, stable ids, no empty
fields, pagination, filters, JSON errors for bad input, open to every origin, no cookies."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource

HSDS = Path(__file__).parent / "hsds"


def _schema(name: str) -> dict:
    return json.loads((HSDS / name).read_text(encoding="utf-8"))


TAXONOMY = _schema("taxonomy.json")
REGISTRY = Registry().with_resource("taxonomy.json", Resource.opaque(TAXONOMY))
SERVICE = Draft7Validator(
    _schema("compiled/service_with_definitions.json"), format_checker=FormatChecker()
)
SERVICE_IN_LIST = Draft7Validator(_schema("compiled/service_list.json"))
TAXONOMY_VALIDATOR = Draft7Validator(TAXONOMY)
TERM = Draft7Validator(_schema("taxonomy_term.json"), registry=REGISTRY)


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.get_data(as_text=True))
    assert response.mimetype == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Set-Cookie" not in response.headers
    return response.get_json()


def all_services(client):
    """Every service in the open data list, reading each page in turn (100 to a page at most)."""
    first = get_json(client, "/api/oruk/services?per_page=100")
    services = list(first["contents"])
    for page in range(2, first["total_pages"] + 1):
        services += get_json(client, f"/api/oruk/services?per_page=100&page={page}")["contents"]
    assert len(services) == first["total_items"]
    return services


def empty_fields(value, path="$"):
    if value in (None, "", [], {}):
        yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from empty_fields(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from empty_fields(item, f"{path}[{i}]")


def test_root_says_which_version_and_profile(client):
    data = get_json(client, "/api/oruk/")
    assert data["version"] == "3.0"
    assert data["profile"].startswith("https://")


def test_every_service_is_valid_hsds_with_no_empty_fields(client, store):
    services = all_services(client)
    assert len(services) == len(store.services)
    for record in services:
        SERVICE_IN_LIST.validate(record)
        full = get_json(client, f"/api/oruk/services/{record['id']}")
        errors = [e.message for e in SERVICE.iter_errors(full)]
        assert errors == [], (record["name"], errors)
        assert list(empty_fields(full)) == []


def test_ids_are_stable_uuids_made_from_our_keys(client, app):
    services = all_services(client)
    ids = [s["id"] for s in services]
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 5 for i in ids)
    # A second app built from the same content gives the same ids.
    from app import create_app

    again = create_app({"TESTING": True}).test_client()
    assert [s["id"] for s in all_services(again)] == ids


def test_schedules_are_per_channel_hsds_weekly_rules(client, store):
    record = next(
        s
        for s in all_services(client)
        if s["name"] == store.services["national_stalking_helpline"].name
    )
    schedules = record["schedules"]
    assert {s["freq"] for s in schedules} == {"WEEKLY"}
    weekdays = next(s for s in schedules if s["byday"] == "MO,TU,TH,FR")
    assert (weekdays["opens_at"], weekdays["closes_at"]) == ("09:30", "16:00")
    assert "bank holidays" in weekdays["notes"]
    helpline = next(s for s in all_services(client) if s["name"].startswith("National Domestic"))
    always = [s for s in helpline["schedules"] if s["attending_type"] == "phone"]
    assert always[0]["byday"] == "MO,TU,WE,TH,FR,SA,SU"
    assert "24 hours" in always[0]["description"]
    # The call-back form has no published hours, so it has no schedule at all.
    assert {s["attending_type"] for s in helpline["schedules"]} == {"phone", "chat", "bsl"}


def test_service_areas_name_the_area_served_and_never_an_address(client, store):
    for record in all_services(client):
        assert record["service_areas"], record["name"]
        assert "service_at_locations" not in record
        assert "locations" not in record.get("organization", {})
    refuge = next(s for s in all_services(client) if s["name"] == store.services["refuge"].name)
    assert [a["name"] for a in refuge["service_areas"]] == ["National"]


def test_pagination_fields(client, store):
    total = len(store.services)
    data = get_json(client, "/api/oruk/services?per_page=10&page=2")
    assert data["total_items"] == total
    assert data["total_pages"] == -(-total // 10)
    assert data["page_number"] == 2 and data["size"] == 10 and len(data["contents"]) == 10
    assert data["first_page"] is False and data["last_page"] is False
    first = get_json(client, "/api/oruk/services?per_page=10")
    assert not {s["id"] for s in first["contents"]} & {s["id"] for s in data["contents"]}


def test_taxonomies_and_terms_are_valid_and_cover_our_vocabularies(client):
    taxonomies = get_json(client, "/api/oruk/taxonomies")["contents"]
    assert len(taxonomies) == 3
    for taxonomy in taxonomies:
        TAXONOMY_VALIDATOR.validate(taxonomy)
    terms = get_json(client, "/api/oruk/taxonomy_terms?per_page=100")["contents"]
    for term in terms:
        TERM.validate(term)
    codes = {t["code"] for t in terms}
    assert {
        "vawg-crime-type:stalking",
        "vawg-audience:professionals",
        "contact-channel:bsl",
    } <= codes
    crime = next(t for t in taxonomies if t["name"].startswith("Crime types"))
    only_crime = get_json(
        client, f"/api/oruk/taxonomy_terms?per_page=100&taxonomy_id={crime['id']}"
    )
    assert {t["taxonomy_id"] for t in only_crime["contents"]} == {crime["id"]}
    assert only_crime["total_items"] == 15


def test_filter_by_taxonomy_term_and_search(client, store):
    terms = get_json(client, "/api/oruk/taxonomy_terms?per_page=100")["contents"]
    stalking = next(t for t in terms if t["code"] == "vawg-crime-type:stalking")
    data = get_json(client, f"/api/oruk/services?per_page=100&taxonomy_term_id={stalking['id']}")
    expected = {s.name for s in store.services.values() if "stalking" in s.topics}
    assert {s["name"] for s in data["contents"]} == expected
    found = get_json(client, "/api/oruk/services?search=STALKING%20helpline")["contents"]
    assert store.services["national_stalking_helpline"].name in {s["name"] for s in found}
    none = get_json(client, "/api/oruk/services?search=zzzzqqq")
    assert none["total_items"] == 0 and none["empty"] is True and none["contents"] == []


@pytest.mark.parametrize(
    "url",
    [
        "/api/oruk/services?page=abc",
        "/api/oruk/services?page=0",
        "/api/oruk/services?page=-1",
        "/api/oruk/services?page=99999999999",
        "/api/oruk/services?page=50",
        "/api/oruk/services?per_page=0",
        "/api/oruk/services?per_page=1000",
        "/api/oruk/services?page=1&page=2",
        "/api/oruk/services?taxonomy_term_id=not-a-uuid",
        "/api/oruk/services?taxonomy_term_id=00000000-0000-0000-0000-000000000000",
        "/api/oruk/services?taxonomy_id=nope",
        "/api/oruk/services?search=" + "x" * 500,
        "/api/oruk/services?format=csv",
        "/api/oruk/taxonomy_terms?taxonomy_id=xyz",
        "/api/oruk/services/not-a-uuid",
    ],
)
def test_malformed_requests_get_a_json_400(client, url):
    data = get_json(client, url, status=400)
    assert data["status"] == 400 and data["description"]


def test_unknown_service_id_is_a_json_404(client):
    data = get_json(client, f"/api/oruk/services/{uuid.uuid4()}", status=404)
    assert data["status"] == 404
