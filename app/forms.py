"""Flask-WTF forms. Forms live on opt-in pages of their own, so ordinary browsing stays
cookie-free; only a form page sets the session cookie that carries its CSRF token."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

MESSAGE_MAX = 2000
CONTACT_MAX = 200
PAGE_MAX = 300


class FeedbackForm(FlaskForm):
    """ "Tell us something is wrong": a wrong number, a broken link, anything unclear."""

    page = StringField(
        _l("Which page is it about? (optional)"),
        validators=[
            Optional(),
            Length(max=PAGE_MAX, message=_l("The page address must be 300 characters or fewer")),
        ],
    )
    message = TextAreaField(
        _l("What is wrong?"),
        validators=[
            DataRequired(message=_l("Tell us what is wrong")),
            Length(
                max=MESSAGE_MAX,
                message=_l("What is wrong must be 2,000 characters or fewer"),
            ),
        ],
    )
    contact = StringField(
        _l("How can we reply? (optional)"),
        validators=[
            Optional(),
            Length(max=CONTACT_MAX, message=_l("Contact details must be 200 characters or fewer")),
            Regexp(r"^[^<>]*$", message=_l("Contact details cannot contain < or >")),
        ],
    )
