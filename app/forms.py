"""Flask-WTF forms: page feedback and "Report an unsafe place".

Forms live on opt-in pages of their own, so ordinary browsing stays cookie-free; only a form
page sets the session cookie that carries its CSRF token. Every message is translated; no
built-in WTForms message (which may be untranslated) is ever shown. Neither form asks for a
name or a phone number; the only contact field is an optional email address for a reply.
"""

from __future__ import annotations

import re
import secrets

from flask import request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.content.models import AREAS, WEEKDAYS
from app.display import AREA_NAMES

MESSAGE_MAX = 2000
CONTACT_MAX = 200
PAGE_MAX = 300
PLACE_MAX = 200

TIMES_OF_DAY = {
    "morning": _l("Morning (6am to 12 noon)"),
    "afternoon": _l("Afternoon (12 noon to 6pm)"),
    "evening": _l("Evening (6pm to 10pm)"),
    "night": _l("Night (10pm to 6am)"),
}

REASONS = {
    "lighting": _l("Poor lighting or broken street lights"),
    "followed": _l("Someone followed me"),
    "harassment": _l("Someone shouted, whistled, stared or made comments"),
    "isolated": _l("The place was empty or cut off"),
    "groups": _l("A group of people made me feel unsafe"),
    "driving": _l("Someone in a car or on a bike drove slowly beside me or stopped"),
    "other": _l("Something else"),
}


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


SUBMISSION_ID = re.compile(r"[0-9a-f]{32}")

SENT_TWICE = _l("This answer was sent more than once. Check it and send the form again.")


class OneOfEach:
    """Every chosen value is one of `values` (WTForms' own check has an English-only message)."""

    def __init__(self, values, message):
        self.values = frozenset(values)
        self.message = message

    def __call__(self, form, field):
        chosen = field.data if isinstance(field.data, list) else [field.data]
        if any(value not in self.values for value in chosen):
            raise ValidationError(self.message)


class PublicForm(FlaskForm):
    """What both public forms share: a honeypot, a one-time id, and one value for each
    one-answer field."""

    # Hidden from people by CSS; a bot that fills in every box fills this one too.
    website = StringField(_l("Leave this empty"))
    # A random id for this form as shown, sent back with it: the database saves each id once,
    # so the same post sent twice is stored once (app/db.py). Anything else sent here is
    # replaced by a new id, never an error she could not fix.
    submission_id = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not SUBMISSION_ID.fullmatch(self.submission_id.data or ""):
            self.submission_id.data = secrets.token_hex(16)

    @property
    def is_bot(self) -> bool:
        return bool(self.website.data)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if isinstance(field, SelectMultipleField) or field.name in (
                "csrf_token",
                "submission_id",
            ):
                continue
            if len(request.form.getlist(field.name)) > 1:
                field.errors = [*field.errors, SENT_TWICE]
                valid = False
        return valid


class FeedbackForm(PublicForm):
    """Is something wrong or missing on this page? Did the page help?"""

    helped = RadioField(
        _l("Did this page help you?"),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        validate_choice=False,
        validators=[
            InputRequired(message=_l("Choose yes or no")),
            OneOfEach(["yes", "no"], message=_l("Choose yes or no")),
        ],
    )
    message = TextAreaField(
        _l("What was missing or wrong? (optional)"),
        validators=[
            Optional(),
            Length(
                max=MESSAGE_MAX,
                message=_l("What was missing or wrong must be 2,000 characters or fewer"),
            ),
        ],
    )
    page = StringField(
        _l("Which page is it about? (optional)"),
        validators=[
            Optional(),
            Length(max=PAGE_MAX, message=_l("The page address must be 300 characters or fewer")),
        ],
    )
    contact = StringField(
        _l("Your email address, if you want a reply (optional)"),
        validators=[
            Optional(),
            Length(
                max=CONTACT_MAX, message=_l("The email address must be 200 characters or fewer")
            ),
            Regexp(
                r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$",
                message=_l("Enter an email address like name@example.com, or leave this empty"),
            ),
        ],
    )


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class UnsafePlaceForm(PublicForm):
    """Where and when she felt unsafe, and why. Never who she is."""

    area = RadioField(
        _l("Which council area was it in?"),
        choices=[SelectChoice(area, AREA_NAMES[area]) for area in AREAS],
        validate_choice=False,
        validators=[
            InputRequired(message=_l("Choose the council area")),
            OneOfEach(AREAS, message=_l("Choose the council area")),
        ],
    )
    place = StringField(
        _l("Where was it? (optional)"),
        validators=[
            Optional(),
            Length(max=PLACE_MAX, message=_l("Where it was must be 200 characters or fewer")),
        ],
    )
    time_of_day = RadioField(
        _l("What time of day was it? (optional)"),
        choices=_choices(TIMES_OF_DAY),
        validate_choice=False,
        validators=[
            Optional(),
            OneOfEach(TIMES_OF_DAY, message=_l("Choose a time of day from the list")),
        ],
    )
    day_of_week = RadioField(
        _l("What day of the week was it? (optional)"),
        validate_choice=False,
        validators=[
            Optional(),
            OneOfEach(WEEKDAYS, message=_l("Choose a day from the list")),
        ],
    )
    reasons = CheckboxesField(
        _l("What made you feel unsafe?"),
        choices=_choices(REASONS),
        validate_choice=False,
        validators=[
            InputRequired(message=_l("Choose at least one thing that made you feel unsafe")),
            OneOfEach(REASONS, message=_l("Choose from the list")),
        ],
    )
    details = TextAreaField(
        _l("Is there anything else you want to tell us? (optional)"),
        validators=[
            Optional(),
            Length(max=MESSAGE_MAX, message=_l("This must be 2,000 characters or fewer")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Day names in the page's language, from the locale data (Monday first).
        days = get_locale().days["format"]["wide"]
        self.day_of_week.choices = [
            SelectChoice(day, days[index]) for index, day in enumerate(WEEKDAYS)
        ]
