"""Open data: a read-only Open Referral UK (HSDS 3.0) API under `/api/oruk/`.

JSON only, no cookies, `Access-Control-Allow-Origin: *`. Malformed parameters (a page that is not
a whole number, a per_page out of range, a term id that is not a UUID, a parameter given twice)
get a JSON error with status 400. See docs/open-data.md.
"""

from __future__ import annotations

import math
import uuid

from flask import Blueprint, Response, abort, jsonify, request

from app.directory.oruk import HSDS_VERSION, PROFILE_URL
from app.state import open_data

bp = Blueprint("api", __name__, url_prefix="/api/oruk")

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_PAGE = 100_000
MAX_SEARCH_LENGTH = 200
KNOWN_PARAMS = frozenset(
    {"search", "page", "per_page", "taxonomy_term_id", "taxonomy_id", "format"}
)


@bp.after_request
def open_to_all(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers.pop("Set-Cookie", None)
    response.headers["Vary"] = "Accept-Encoding"
    return response


def _one(name: str) -> str | None:
    """A parameter given at most once; a repeated parameter is a 400."""
    values = request.args.getlist(name)
    if len(values) > 1:
        abort(400, description=f"Give '{name}' at most once.")
    return values[0] if values else None


def _whole_number(name: str, default: int, low: int, high: int) -> int:
    raw = _one(name)
    if raw is None or raw == "":
        return default
    if len(raw) > 7 or not raw.isdigit() or not low <= int(raw) <= high:
        abort(400, description=f"'{name}' must be a whole number from {low} to {high}.")
    return int(raw)


def _uuid(name: str) -> str | None:
    raw = _one(name)
    if raw is None or raw == "":
        return None
    try:
        return str(uuid.UUID(raw[:64]))
    except ValueError:
        abort(400, description=f"'{name}' must be a UUID.")


def _check_format() -> None:
    value = _one("format")
    if value not in (None, "", "json"):
        abort(400, description="Only format=json is offered.")
    for name in request.args:
        if name in KNOWN_PARAMS and len(request.args.getlist(name)) > 1:
            abort(400, description=f"Give '{name}' at most once.")


def _paginate(items: list[dict]) -> dict:
    page = _whole_number("page", 1, 1, MAX_PAGE)
    per_page = _whole_number("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    total_pages = math.ceil(len(items) / per_page)
    if page > max(total_pages, 1):
        abort(400, description=f"There are {total_pages} pages; page {page} does not exist.")
    contents = items[(page - 1) * per_page : page * per_page]
    return {
        "total_items": len(items),
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not items,
        "contents": contents,
    }


def _search() -> str | None:
    text = _one("search")
    if text is None or not text.strip():
        return None
    if len(text) > MAX_SEARCH_LENGTH:
        abort(400, description=f"'search' must be at most {MAX_SEARCH_LENGTH} characters.")
    return text.strip().casefold()


@bp.get("/")
def root():
    return jsonify({"version": HSDS_VERSION, "profile": PROFILE_URL})


@bp.get("/services")
def services():
    _check_format()
    data = open_data()
    words = _search()
    term_id = _uuid("taxonomy_term_id")
    taxonomy_id = _uuid("taxonomy_id")
    known_terms = {t["id"]: t for t in data.terms}
    if term_id and term_id not in known_terms:
        abort(400, description="No taxonomy term has that id: see /api/oruk/taxonomy_terms.")
    if taxonomy_id and taxonomy_id not in {t["id"] for t in data.taxonomies}:
        abort(400, description="No taxonomy has that id: see /api/oruk/taxonomies.")
    taxonomy_terms = {t["id"] for t in data.terms if t["taxonomy_id"] == taxonomy_id}
    found = []
    for record, text, terms in zip(
        data.services, data.search_text, data.terms_by_service, strict=True
    ):
        if words and not all(word in text for word in words.split()):
            continue
        if term_id and term_id not in terms:
            continue
        if taxonomy_id and not terms & taxonomy_terms:
            continue
        found.append(record)
    return jsonify(_paginate(found))


@bp.get("/services/<service_id>")
def service(service_id: str):
    try:
        canonical = str(uuid.UUID(service_id[:64]))
    except ValueError:
        abort(400, description="A service id is a UUID: see /api/oruk/services.")
    record = open_data().service(canonical)
    if record is None:
        abort(404, description="No service has that id.")
    return jsonify(record)


@bp.get("/taxonomies")
def taxonomies():
    _check_format()
    data = open_data()
    words = _search()
    found = [
        t for t in data.taxonomies if not words or words in (t["name"] + t["description"]).lower()
    ]
    return jsonify(_paginate(found))


@bp.get("/taxonomy_terms")
def taxonomy_terms():
    _check_format()
    data = open_data()
    words = _search()
    taxonomy_id = _uuid("taxonomy_id")
    if taxonomy_id and taxonomy_id not in {t["id"] for t in data.taxonomies}:
        abort(400, description="No taxonomy has that id: see /api/oruk/taxonomies.")
    found = [
        t
        for t in data.terms
        if (not taxonomy_id or t["taxonomy_id"] == taxonomy_id)
        and (not words or words in (t["name"] + " " + t["code"]).casefold())
    ]
    return jsonify(_paginate(found))
