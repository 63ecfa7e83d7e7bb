"""The service directory: `/<lang>/services` (filters), `/<lang>/services/open-now` and
`/<lang>/services/<key>` (one service). Everything is a plain GET that works without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Blueprint, abort, g, render_template, request
from flask_babel import get_locale
from markupsafe import Markup

from app.content.models import Channel, Service, Wording
from app.directory import filters as f
from app.directory import ranking
from app.directory.hours import ChannelStatus, app_now, channel_status, status_text
from app.directory.lines import twenty_four_hour_lines
from app.i18n import language_from_request
from app.languages import LANGUAGES
from app.page_cache import cached
from app.paging import choose_page, page_count
from app.views import content

bp = Blueprint("services", __name__, url_prefix="/<lang>")

PER_PAGE = 20
# The groups of the "Who can I contact right now?" view, in this order.
OPEN_NOW_GROUPS: tuple[str, ...] = ("phone", "text", "chat", "bsl", "textphone", "drop-in")


def open_keys() -> frozenset[str]:
    """Services open at this request's moment (worked out once per request)."""
    if (keys := g.get("open_keys")) is None:
        keys = g.open_keys = f.open_now_keys(content().services.values(), app_now())
    return keys


def status_now(channel: Channel) -> ChannelStatus:
    """A channel's status at this request's moment, worked out once per request."""
    cache = g.setdefault("channel_statuses", {})
    key = id(channel)  # channels live as long as the app (content is read-only)
    if key not in cache:
        cache[key] = channel_status(channel, app_now())
    return cache[key]


def channel_status_text(channel: Channel) -> str:
    return status_text(status_now(channel), app_now())


def channel_is_open(channel: Channel) -> bool:
    return status_now(channel).is_open


def situation_for(filters: f.Filters) -> ranking.Situation:
    """What a directory search tells the ranking."""
    ways = tuple(t for way in filters.contact for t in f.CONTACT_TYPES[way])
    return ranking.directory_situation(filters.topic, filters.audience, ways, filters.area)


def filter_url(filters: f.Filters, page: int = 1) -> str:
    query = filters.query_string()
    if page > 1:
        query = f"{query}&page={page}" if query else f"page={page}"
    return f"/{g.lang}/services" + (f"?{query}" if query else "")


def language_label(code: str) -> str:
    return f.language_name(code, str(get_locale()))


def service_text(service: Service, name: str, channel: Channel | None = None) -> Wording | None:
    """A service's (or channel's) text in the page's language, or in English where it is not
    translated (mark it with `lang_attrs`); None when the service has no such text."""
    return content().service_text(service, language_from_request(), name, channel)


def name_gloss(service: Service) -> str | None:
    return content().name_gloss(service, language_from_request())


def lang_attrs(wording: Wording) -> Markup:
    """` lang="en" dir="ltr"` for a text in another language than the page's, else nothing."""
    if wording.lang == language_from_request():
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(wording.lang, LANGUAGES[wording.lang].direction)


@bp.record_once
def add_template_helpers(state) -> None:
    """Helpers the service card uses on every page (content pages show services too). Globals,
    not a context processor, so that imported macros see them."""
    state.app.jinja_env.globals.update(
        channel_status_text=channel_status_text,
        channel_is_open=channel_is_open,
        language_label=language_label,
        service_text=service_text,
        name_gloss=name_gloss,
        lang_attrs=lang_attrs,
    )


def _cache_key() -> str:
    """The path and its filter parameters, in a fixed order (they are public and shareable)."""
    return f"{request.path}?{urlencode(sorted(request.args.items(multi=True)))}"


@bp.get("/services")
def directory():
    return cached(_cache_key(), _directory)


def _directory():
    store = content()
    services = list(store.services.values())
    parsed = f.parse_filters(request.args, services)
    filters = parsed.filters
    keys = open_keys()
    found = f.apply(services, filters, keys)
    if not filters.is_empty:  # ranked: best fit first, then open now, then name
        found = [m.service for m in ranking.order(found, situation_for(filters), app_now())]
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
        counts=f.counts(services, filters, keys),
        choices=f.choices(services),
        lines=twenty_four_hour_lines(services) if not found else [],
        filter_url=filter_url,
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
    parsed = f.parse_filters(request.args, services)
    # The view is about this moment, so "open now" is implied; the other filters still apply.
    filters = parsed.filters
    now = app_now()
    found = [
        m.service
        for m in ranking.rank(
            f.apply(services, filters.without("open_now"), open_keys()),
            situation_for(filters),
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
                if status.state == "always":
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
        choices=f.choices(services),
        filter_url=filter_url,
    )


@bp.get("/services/<key>")
def service(key: str):
    found = content().services.get(key)
    if found is None:
        abort(404)
    return cached(request.path, lambda: render_template("services/service.html", service=found))
