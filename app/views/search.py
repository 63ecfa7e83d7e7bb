"""`/<lang>/search`: site search. POST keeps the words out of the address bar and history.

GET `?q=` works too, so a link can open a search. Nothing is logged or stored: no cookie, no
session, no cache of queries. Repeated parameters: the first wins. A query longer than the box
allows gets a 400 page that keeps the (shortened) text in the box; unknown filter values get a
400 with a message beside the filter. Results come ten to a page; the next and previous pages
are buttons that post the words again. Results always come with a way on: when nothing matches,
the 24-hour helplines (from the services data) and the main sections.
"""

from __future__ import annotations

from functools import partial

from flask import Blueprint, g, render_template, request
from flask_babel import gettext as _

from app.content.models import AUDIENCES, SECTIONS
from app.content.store import ContentStore
from app.directory.lines import twenty_four_hour_lines
from app.page_cache import cached
from app.paging import choose_page, requested_page
from app.search import MAX_QUERY_CHARS, IndexUnavailable, QueryTooLong, clean_query
from app.state import content, search_service
from app.urls import page_url

bp = Blueprint("search", __name__, url_prefix="/<lang>")

# The main hubs offered when a search finds nothing, in this order.
HUB_SECTIONS = ("help", "abuse", "reporting", "staying-safe", "protection", "rights")


def _all(name: str) -> list[str]:
    source = request.form if request.method == "POST" else request.args
    return source.getlist(name)


def _first(name: str) -> str:
    values = _all(name)
    return values[0] if values else ""


def section_choices(store: ContentStore, lang: str) -> list[tuple[str, str]]:
    """(section, name) for the filter, named by each section's own page title."""
    choices = []
    for section in SECTIONS:
        index = store.section_index(lang, section)
        if section != "home" and index is not None:
            choices.append((section, index.title))
    return choices


def hubs(store: ContentStore, lang: str) -> list[tuple[str, str, str]]:
    """(title, summary, url) of the main section pages."""
    found = []
    for section in HUB_SECTIONS:
        page = store.section_index(lang, section)
        if page is not None:
            found.append((page.title, page.summary, page_url(page)))
    return found


@bp.route("/search", methods=["GET", "POST"])
def search():
    store = content()
    service = search_service()
    sections = section_choices(store, g.lang)
    errors: dict[str, str] = {}
    status = 200

    try:
        text = clean_query(_first("q"))
    except QueryTooLong as exc:
        text = ""
        errors["q"] = _(
            "Your search is too long. Use %(max)s characters or fewer: we have shortened it "
            "for you.",
            max=MAX_QUERY_CHARS,
        )
        box_value = exc.args[0][:MAX_QUERY_CHARS]
    else:
        box_value = text

    section = _first("section")
    if section and section not in dict(sections):
        errors["section"] = _("Choose a part of the site from the list.")
        section = ""
    audience = _first("audience")
    if audience and audience not in AUDIENCES:
        errors["audience"] = _("Choose who the page is for from the list.")
        audience = ""
    if errors:
        status = 400

    results = None
    unavailable = False
    page_note = False
    if text:
        raw_page = _all("page")
        asked = requested_page(raw_page)
        try:
            results = service.search(
                g.lang, text, section=section or None, audience=audience or None, number=asked or 1
            )
        except IndexUnavailable:
            unavailable = True
            status = 503
        else:
            page_note = choose_page(raw_page, results.count).note
    show_help = unavailable or (results is not None and results.is_empty) or not text
    render = partial(
        render_template,
        "search/results.html",
        text=text,
        box_value=box_value,
        max_chars=MAX_QUERY_CHARS,
        results=results,
        page_note=page_note,
        # Services that can help are shown with the first page of results.
        services=store.services_for(results.services) if results and results.number == 1 else [],
        errors=errors,
        section=section,
        audience=audience,
        sections=sections,
        audiences=AUDIENCES,
        unavailable=unavailable,
        helplines=twenty_four_hour_lines(store.services.values()) if show_help else [],
        hubs=hubs(store, g.lang) if show_help else [],
    )
    if status != 200 or results is None:
        return render(), status
    # A page of results is the same for everyone who asks the same way (GET pages carry their
    # alternates, POST pages do not); kept in this process's memory only, for the minute.
    key = "\x00".join(
        [request.method, g.lang, text, section, audience, str(results.number), str(page_note)]
    )
    return cached(key, render, "search_page_cache"), status
