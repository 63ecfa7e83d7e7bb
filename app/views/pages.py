"""Content pages: `/<lang>/`, `/<lang>/<section>/`, `/<lang>/<section>/<slug>`."""

from __future__ import annotations

from flask import Blueprint, abort, g, render_template, request

from app.content.models import Page
from app.directory import filter_match, ranking
from app.directory.filters import Filters
from app.directory.now import app_now, open_keys
from app.loading import EMERGENCY_SERVICES
from app.page_cache import cached
from app.site import translated_in
from app.state import content
from app.urls import directory_url

bp = Blueprint("pages", __name__, url_prefix="/<lang>")


def _render(page):
    g.translated_in = translated_in(content(), page.slug)  # for the canonical and alternates
    return cached(request.path, lambda: _render_page(page))


MORE_SERVICES = 6


def directory_filters(page: Page) -> Filters | None:
    """The directory search that matches a crime-type page (its main topic) or an audience hub
    (its main audience), so those pages list services with the directory's own filter code."""
    if page.is_index:
        return None
    if page.section == "abuse" and page.topics:
        return Filters(topic=page.topics[:1])
    if page.section == "help" and page.audiences and page.audiences[0] != "anyone":
        return Filters(audience=page.audiences[:1])
    return None


def more_services(page: Page) -> dict | None:
    """Services the directory finds for this page beyond its curated list (and beyond the
    emergency numbers every page shows), in the ranking's order."""
    filters = directory_filters(page)
    if filters is None:
        return None
    keys = open_keys()
    found = filter_match.apply(content().services.values(), filters, keys)
    shown_already = {*page.services, *EMERGENCY_SERVICES}
    ranked = ranking.rank(found, ranking.filters_situation(filters), app_now(), top=0)
    extra = [m.service for m in ranked if m.service.key not in shown_already]
    return {
        "filters": filters,
        "services": extra[:MORE_SERVICES],
        "total": len(found),
        "url": directory_url(filters),
        "open_keys": keys,
    }


def _render_page(page):
    store = content()
    section_index = store.section_index(g.lang, page.section) if page.section != "home" else None
    return render_template(
        "pages/page.html",
        page=page,
        section_index=section_index if section_index is not page else None,
        section_pages=store.section_pages(g.lang, page.section) if page.is_index else [],
        related=store.related_pages(page),
        services=store.services_for(page.services),
        more=more_services(page),
    )


@bp.get("/")
def home():
    page = content().page(g.lang, "home")
    if page is None:
        abort(404)
    return _render(page)


@bp.get("/<section>/")
def section(section: str):
    page = content().section_index(g.lang, section)
    if page is None or section == "home":
        abort(404)
    return _render(page)


@bp.get("/<section>/<slug>")
def page(section: str, slug: str):
    page = content().page_at(g.lang, section, slug)
    if page is None or page.is_index:
        abort(404)
    return _render(page)
