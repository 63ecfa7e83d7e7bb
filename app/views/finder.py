"""The help finder (`/<lang>/find-help`) and the "Is this abuse?" self-check
(`/<lang>/is-this-abuse`).

Both are one page: a GET shows the questions, a POST shows the answer. Answers travel only in
the POST body: they are never stored, logged, put in the URL or kept in a session, and the POST
needs no CSRF token because it changes nothing. Both work without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, current_app, g, render_template, request
from flask_babel import gettext as _

from app.content.models import AREAS, Page, Service
from app.content.store import page_path
from app.directory import filters as f
from app.directory.guides import Answer, Group, Guides, Wording, load_guides
from app.views import content
from app.views.services import open_keys

bp = Blueprint("finder", __name__, url_prefix="/<lang>")

NOT_SAYING = "not-say"
ANY_WAY = "any"
# How it is safe to make contact, in the order asked; each is a directory `contact` value.
CONTACT_ANSWERS: tuple[str, ...] = ("phone", "text", "chat", "email", "bsl", "textphone", "drop-in")
MAX_VALUES = 30  # more than any question has answers
MAX_SERVICES = 12


@bp.record_once
def load(state) -> None:
    app = state.app
    app.extensions["guides"] = load_guides(app.config["CONTENT_DIR"], app.extensions["content"])


def guides() -> Guides:
    return current_app.extensions["guides"]


def _posted(name: str) -> tuple[list[str], bool]:
    """The values posted for a field (bounded), and whether any were not plain short strings."""
    raw = request.form.getlist(name)
    values: list[str] = []
    for value in raw[:MAX_VALUES]:
        value = value.strip()
        if value and len(value) <= 40 and value not in values:
            values.append(value)
    return values, len(raw) > MAX_VALUES or any(len(v.strip()) > 40 for v in raw)


# ------------------------------------------------------------------ help finder


@dataclass(frozen=True)
class FinderAnswers:
    what: tuple[str, ...] = ()
    area: str | None = None  # an area code, NOT_SAYING, or None (not answered)
    contact: tuple[str, ...] = ()  # contact values, or (ANY_WAY,)


@dataclass(frozen=True)
class FieldError:
    field: str  # the fieldset id, e.g. "what"
    target: str  # the id of the first control, for the error summary link
    message: str


def _read_finder() -> tuple[FinderAnswers, list[FieldError]]:
    known_what = [a.id for a in guides().answers]
    what, what_bad = _posted("what")
    area_values, area_bad = _posted("area")
    contact, contact_bad = _posted("contact")
    areas = (*AREAS, NOT_SAYING)
    contacts = (*CONTACT_ANSWERS, ANY_WAY)
    forged = (
        what_bad
        or area_bad
        or contact_bad
        or any(v not in known_what for v in what)
        or any(v not in areas for v in area_values)
        or len(area_values) > 1
        or any(v not in contacts for v in contact)
    )
    answers = FinderAnswers(
        what=tuple(v for v in known_what if v in what),
        area=next((v for v in area_values if v in areas), None),
        contact=(ANY_WAY,)
        if ANY_WAY in contact
        else tuple(v for v in CONTACT_ANSWERS if v in contact),
    )
    errors: list[FieldError] = []
    if forged:
        errors.append(
            FieldError(
                "what",
                f"what-{known_what[0]}",
                _("Some answers were not ones we offer. Check your answers and try again."),
            )
        )
    if not answers.what:
        errors.append(
            FieldError(
                "what",
                f"what-{known_what[0]}",
                _("Choose what is happening. If you are not sure, choose the last answer."),
            )
        )
    if answers.area is None:
        errors.append(
            FieldError(
                "area",
                f"area-{AREAS[0]}",
                _("Choose where you live. If you would rather not say, choose the last answer."),
            )
        )
    if not answers.contact:
        errors.append(
            FieldError(
                "contact",
                f"contact-{CONTACT_ANSWERS[0]}",
                _("Choose how it is safe for you to get in touch, or “Any of these is fine”"),
            )
        )
    return answers, errors


def _finder_services(answers: FinderAnswers) -> list[Service]:
    """Services for every situation chosen, in the chosen area and by the chosen ways, open now
    first; then local before national."""
    services = list(content().services.values())
    keys = open_keys()
    area = answers.area if answers.area in AREAS else None
    contact = () if answers.contact == (ANY_WAY,) else answers.contact
    found: dict[str, Service] = {}
    for answer_id in answers.what:
        answer: Answer = guides().answer(answer_id)
        filters = f.Filters(
            area=area, topic=answer.topics, audience=answer.audiences, contact=contact
        )
        for service in f.apply(services, filters, keys):
            found.setdefault(service.key, service)
    ordered = sorted(found.values(), key=lambda s: f.sort_key(s, f.Filters(area=area)))
    return f.open_first(ordered, keys)


def _pages(slugs) -> list[Page]:
    pages: list[Page] = []
    for slug in slugs:
        page = content().page(g.lang, slug)
        if page is not None and page not in pages:
            pages.append(page)
    return pages


@bp.route("/find-help", methods=["GET", "POST"])
def find_help():
    all_answers = guides().answers
    if request.method != "POST":  # GET, and HEAD (which must not count as a post)
        return render_template(
            "finder/find_help.html",
            answers=FinderAnswers(),
            errors=[],
            choices=all_answers,
            areas=AREAS,
            contacts=CONTACT_ANSWERS,
        )
    answers, errors = _read_finder()
    if errors:
        return render_template(
            "finder/find_help.html",
            answers=answers,
            errors=errors,
            choices=all_answers,
            areas=AREAS,
            contacts=CONTACT_ANSWERS,
        ), 400
    chosen = [guides().answer(a) for a in answers.what]
    found = _finder_services(answers)
    return render_template(
        "finder/find_help_results.html",
        answers=answers,
        chosen=chosen,
        services=found[:MAX_SERVICES],
        more=max(0, len(found) - MAX_SERVICES),
        open_keys=open_keys(),
        pages=_pages(slug for a in chosen for slug in a.pages),
        page_path=page_path,
        lines=f.twenty_four_hour_lines(content().services.values()),
        show_self_check=any(a.self_check for a in chosen),
        choices=all_answers,
        areas=AREAS,
        contacts=CONTACT_ANSWERS,
    )


# ------------------------------------------------------------------ self-check


@dataclass(frozen=True)
class GroupResult:
    group: Group
    ticked: tuple[Wording, ...]  # statements ticked, in the reader's language if translated
    page: Page | None
    services: tuple[Service, ...]


@bp.route("/is-this-abuse", methods=["GET", "POST"])
def is_this_abuse():
    all_groups = guides().groups
    talk = content().services_for(guides().talk_it_through)
    if request.method != "POST":  # GET, and HEAD (which must not count as a post)
        return render_template(
            "finder/self_check.html", groups=all_groups, ticked=(), forged=False, talk=talk
        )
    values, too_many = _posted("statement")
    known = guides().statement_ids
    forged = too_many or any(v not in known for v in values)
    ticked = tuple(v for v in values if v in known)
    if forged:
        return render_template(
            "finder/self_check.html", groups=all_groups, ticked=ticked, forged=True, talk=talk
        ), 400
    services = list(content().services.values())
    keys = open_keys()
    results = []
    for group in all_groups:
        texts = tuple(s.text_for(g.lang) for s in group.statements if s.id in ticked)
        if not texts:
            continue
        found = f.open_first(f.apply(services, f.Filters(topic=(group.topic,)), keys), keys)
        results.append(
            GroupResult(group, texts, content().page(g.lang, group.page), tuple(found[:3]))
        )
    return render_template(
        "finder/self_check_results.html",
        results=results,
        talk=talk,
        page_path=page_path,
    )
