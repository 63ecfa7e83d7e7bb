"""The service directory: `/<lang>/services` (filters), `/<lang>/services/open-now` and
`/<lang>/services/<key>` (one service). Everything is a plain GET that works without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Blueprint, abort, render_template, request

from app.content.models import Channel, Service
from app.directory import facets, filter_match, ranking
from app.directory.filter_parse import parse_filters
from app.directory.filters import SPECS, choices
from app.directory.lines import twenty_four_hour_lines
from app.directory.now import app_now, open_keys, status_now
from app.page_cache import cached
from app.paging import choose_page, page_count
from app.state import content

bp = Blueprint("services", __name__, url_prefix="/<lang>")

PER_PAGE = 20
# The groups of the "Who can I contact right now?" view, in this order.
OPEN_NOW_GROUPS: tuple[str, ...] = ("phone", "text", "chat", "bsl", "textphone", "drop-in")


def _cache_key() -> str:
    """The path and its filter parameters, in a fixed order (they are public and shareable)."""
    return f"{request.path}?{urlencode(sorted(request.args.items(multi=True)))}"


@bp.get("/services")
def directory():
    return cached(_cache_key(), _directory)


def _directory():
    store = content()
    services = list(store.services.values())
    parsed = parse_filters(request.args, services)
    filters = parsed.filters
    keys = open_keys()
    found = filter_match.apply(services, filters, keys)
    if not filters.is_empty:  # ranked: best fit first, then open now, then name
        found = [
            m.service for m in ranking.order(found, ranking.filters_situation(filters), app_now())
        ]
    total_pages = page_count(len(found), PER_PAGE)
    page = choose_page(request.args.getlist("page"), total_pages)
    shown = found[(page.number - 1) * PER_PAGE : page.number * PER_PAGE]
    return render_template(
        "services/directory.html",
        parsed=parsed,
        filters=filters,
        results=shown,
        total=len(found),
        page=page,
        total_pages=total_pages,
        counts=facets.counts(services, filters, keys),
        choices=choices(services),
        specs=SPECS,
        lines=twenty_four_hour_lines(services) if not found else [],
    )


@dataclass(frozen=True)
class OpenChannel:
    service: Service
    channel: Channel


@bp.get("/services/open-now")
def open_now():
    return cached(_cache_key(), _open_now)


def _open_now():
    store = content()
    services = list(store.services.values())
    parsed = parse_filters(request.args, services)
    # The view is about this moment, so "open now" is implied; the other filters still apply.
    filters = parsed.filters
    now = app_now()
    found = [
        m.service
        for m in ranking.rank(
            filter_match.apply(services, filters.without("open_now"), open_keys()),
            ranking.filters_situation(filters),
            now,
            top=0,
        )
    ]
    groups: dict[str, tuple[list[OpenChannel], list[OpenChannel]]] = {}
    for kind in OPEN_NOW_GROUPS:
        limited: list[OpenChannel] = []
        always: list[OpenChannel] = []
        for service in found:
            for channel in service.channels:
                if channel.type != kind:
                    continue
                status = status_now(channel)
                if status.is_always:
                    always.append(OpenChannel(service, channel))
                elif status.is_open:
                    limited.append(OpenChannel(service, channel))
        groups[kind] = (limited, always)
    return render_template(
        "services/open_now.html",
        parsed=parsed,
        filters=filters,
        groups=groups,
        now=now,
        choices=choices(services),
    )


@bp.get("/services/<key>")
def service(key: str):
    found = content().services.get(key)
    if found is None:
        abort(404)
    return cached(request.path, lambda: render_template("services/service.html", service=found))
