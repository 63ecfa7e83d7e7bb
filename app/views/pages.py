"""Content pages: `/<lang>/`, `/<lang>/<section>/`, `/<lang>/<section>/<slug>`."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, render_template, request

from app.content.store import ContentStore

bp = Blueprint("pages", __name__, url_prefix="/<lang>")


def content() -> ContentStore:
    return current_app.extensions["content"]


def _render(page):
    cache = current_app.extensions.get("page_cache")
    if cache is None:
        return _render_page(page)
    return cache.get_or_render(request.path, lambda: _render_page(page))


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
