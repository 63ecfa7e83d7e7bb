"""The help finder (`/<lang>/find-help`) and the "Is this abuse?" self-check
(`/<lang>/is-this-abuse`).

Both are one page: a GET shows the questions, a POST shows the answer. Answers travel only in
the POST body: they are never stored, logged, put in the URL or kept in a session, and the POST
needs no CSRF token because it changes nothing. Both work without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, g, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app.content.models import AREAS, Page, Service, Wording
from app.directory import ranking
from app.directory.filters import CONTACT_TYPES
from app.directory.guides import Answer, Group
from app.directory.lines import line_channels, twenty_four_hour_lines
from app.directory.now import app_now
from app.page_cache import cached, render_main
from app.state import content, guides

bp = Blueprint("finder", __name__, url_prefix="/<lang>")

NOT_SAYING = "not-say"
ANY_WAY = "any"
# How it is safe to make contact, in the order asked; each is a directory `contact` value.
CONTACT_ANSWERS: tuple[str, ...] = ("phone", "text", "chat", "email", "bsl", "textphone", "drop-in")
MAX_VALUES = 30  # more than any question has answers


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

# "Who needs help?"
WHO_ANSWERS: tuple[str, ...] = (ranking.ME, ranking.SOMEONE_ELSE, ranking.PROFESSIONAL)
# "Anything else about you? (optional)": each answer, the groups it puts the person in and, for
# the age answers, the ages she can be.
ABOUT_ANSWERS: tuple[str, ...] = ("under-18", "man", "lgbt", "over-60", "disabled", "deaf")
ABOUT_GROUPS: dict[str, tuple[str, ...]] = {
    "under-18": ("young-people",),
    "man": ("men",),
    "lgbt": ("lgbt",),
    "over-60": ("older-people",),
    "disabled": ("disabled-deaf",),
    "deaf": ("disabled-deaf", "deaf"),
}
ABOUT_AGES: dict[str, tuple[int | None, int | None]] = {
    "under-18": (None, 17),
    "over-60": (60, None),
}
# Something sexual done to someone under 18 is child sexual abuse too.
CHILD_SEXUAL_ABUSE_TOPICS = frozenset({"rape", "sexual-violence", "intimate-image-abuse"})
MAX_OTHERS = 12  # other services listed after the best ones


@dataclass(frozen=True)
class FinderAnswers:
    who: str | None = None  # a WHO_ANSWERS value, or None (not answered)
    what: tuple[str, ...] = ()
    area: str | None = None  # an area code, NOT_SAYING, or None (not answered)
    contact: tuple[str, ...] = ()  # contact values, or (ANY_WAY,)
    about: tuple[str, ...] = ()  # ABOUT_ANSWERS values (optional)


@dataclass(frozen=True)
class FieldError:
    field: str  # the fieldset id, e.g. "what"
    target: str  # the id of the first control, for the error summary link
    message: str


def _question_values(
    name: str, allowed: tuple[str, ...], one: bool
) -> tuple[tuple[str, ...], bool]:
    """The answers posted for one question that are among `allowed` (in their order), and whether
    anything else came: a value we do not offer, an over-long or repeated field, two answers to a
    one-answer question."""
    values, bad = _posted(name)
    kept = tuple(v for v in allowed if v in values)
    forged = bad or len(kept) != len(values) or (one and len(values) > 1)
    return kept, forged


def _read_finder() -> tuple[FinderAnswers, list[FieldError]]:
    known_what = tuple(a.id for a in guides().answers)
    who, who_forged = _question_values("who", WHO_ANSWERS, one=True)
    what, what_forged = _question_values("what", known_what, one=False)
    area, area_forged = _question_values("area", (*AREAS, NOT_SAYING), one=True)
    contact, contact_forged = _question_values("contact", (*CONTACT_ANSWERS, ANY_WAY), one=False)
    about, about_forged = _question_values("about", ABOUT_ANSWERS, one=False)
    answers = FinderAnswers(
        who=who[0] if who and not who_forged else None,
        what=what,
        area=area[0] if area and not area_forged else None,
        contact=(ANY_WAY,) if ANY_WAY in contact else contact,
        about=about,
    )
    # (question, first control, forged?, missing?, what to say when it is missing)
    questions = (
        ("who", f"who-{WHO_ANSWERS[0]}", who_forged, answers.who is None,
         _l("Choose who needs help.")),
        ("what", f"what-{known_what[0]}", what_forged, not answers.what,
         _l("Choose what is happening. If you are not sure, choose the last answer.")),
        ("area", f"area-{AREAS[0]}", area_forged, answers.area is None,
         _l("Choose where you live. If you would rather not say, choose the last answer.")),
        ("contact", f"contact-{CONTACT_ANSWERS[0]}", contact_forged, not answers.contact,
         _l("Choose how it is safe for you to get in touch, or “Any of these is fine”")),
        ("about", f"about-{ABOUT_ANSWERS[0]}", about_forged, False, ""),
    )  # fmt: skip
    errors: list[FieldError] = []
    for field, target, was_forged, missing, missing_message in questions:
        if was_forged:
            forged = _("Some answers were not ones we offer. Check your answers and try again.")
            errors.append(FieldError(field, target, forged))
        elif missing:
            errors.append(FieldError(field, target, str(missing_message)))
    if {"under-18", "over-60"} <= set(answers.about):
        errors.append(
            FieldError(
                "about",
                f"about-{ABOUT_ANSWERS[0]}",
                _("You chose both under 18 and 60 or over. Untick one of them."),
            )
        )
    return answers, errors


def _chosen(answers: FinderAnswers) -> list[Answer]:
    """The answers chosen to "What is happening?" (checked against the guides when read)."""
    return [answer for a in answers.what if (answer := guides().answer(a)) is not None]


def situation_for(answers: FinderAnswers) -> ranking.Situation:
    """What the answers tell the ranking."""
    groups = {g for value in answers.about for g in ABOUT_GROUPS[value]}
    chosen = _chosen(answers)
    groups.update(a for answer in chosen for a in answer.audiences)  # own behaviour
    ages = next((ABOUT_AGES[v] for v in answers.about if v in ABOUT_AGES), None)
    needs = []
    for answer in chosen:
        topics = answer.topics
        if "under-18" in answers.about and CHILD_SEXUAL_ABUSE_TOPICS & set(topics):
            topics = (*topics, "child-abuse")
        needs.append(ranking.Need(topics, answer.audiences, answer.urgent))
    ways = () if answers.contact == (ANY_WAY,) else answers.contact
    return ranking.Situation(
        needs=tuple(needs),
        asker=answers.who,
        groups=frozenset(groups),
        ages=ages,
        assume_woman=True,
        area=answers.area if answers.area in AREAS else None,
        area_unknown=answers.area == NOT_SAYING,
        ways=tuple(t for way in ways for t in CONTACT_TYPES[way]),
    )


def _pages(slugs) -> list[Page]:
    pages: list[Page] = []
    for slug in slugs:
        page = content().page(g.lang, slug)
        if page is not None and page not in pages:
            pages.append(page)
    return pages


def _questions(answers: FinderAnswers, errors: list[FieldError], status: int = 200):
    return render_template(
        "finder/find_help.html",
        answers=answers,
        errors=errors,
        choices=guides().answers,
        areas=AREAS,
        contacts=CONTACT_ANSWERS,
        whos=WHO_ANSWERS,
        abouts=ABOUT_ANSWERS,
    ), status


def _lines_html() -> str:
    lines = twenty_four_hour_lines(content().services.values())
    return render_template(
        "finder/_lines.html", lines=[(service, line_channels(service)) for service in lines]
    )


@bp.route("/find-help", methods=["GET", "POST"])
def find_help():
    if request.method != "POST":  # GET, and HEAD (which must not count as a post)
        return _questions(FinderAnswers(), [])
    answers, errors = _read_finder()
    if request.form.get("change") == "1":  # "Change your answers" on the answer page
        return _questions(answers, [])
    if errors:
        return _questions(answers, errors, 400)
    chosen = _chosen(answers)
    matches = ranking.rank(content().services.values(), situation_for(answers), app_now())
    best = matches[: ranking.TOP]
    others = matches[ranking.TOP : ranking.TOP + MAX_OTHERS]
    return render_main(
        "finder/find_help_results.html",
        answers=answers,
        chosen=chosen,
        best=best,
        others=others,
        more=max(0, len(matches) - len(best) - len(others)),
        nothing_open=not any(m.is_open for m in matches),
        opens_next=min(
            (m for m in matches if m.status and m.status.next_open),
            key=lambda m: m.status.next_open,
            default=None,
        ),
        pages=_pages(slug for a in chosen for slug in a.pages),
        # Rendered by Jinja with autoescaping, so already safe HTML.
        lines_html=Markup(cached(f"finder-lines|{g.lang}", _lines_html)),  # nosec B704
        show_self_check=any(a.self_check for a in chosen),
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
    now = app_now()
    results = []
    for group in all_groups:
        texts = tuple(s.text_for(g.lang) for s in group.statements if s.id in ticked)
        if not texts:
            continue
        situation = ranking.directory_situation(topics=(group.topic,))
        found = [m.service for m in ranking.rank(services, situation, now, top=0)]
        results.append(
            GroupResult(group, texts, content().page(g.lang, group.page), tuple(found[:3]))
        )
    return render_template(
        "finder/self_check_results.html",
        results=results,
        talk=talk,
    )
