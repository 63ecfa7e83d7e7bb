"""Locale from the URL prefix: `/<lang>/...` sets g.lang; Flask-Babel reads it.

No cookie and no session are used: the language is always in the URL. `/` picks a language
from Accept-Language (see views/root.py).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, g, request
from flask_babel import Babel, get_locale, get_translations
from markupsafe import Markup

from app.languages import DEFAULT_LANGUAGE, LANGUAGES, get_language


def language_from_request() -> str:
    """The language for this request: the URL prefix if valid, else the browser's preference."""
    if lang := getattr(g, "lang", None):
        return lang
    first = request.path.lstrip("/").split("/", 1)[0]
    if first in LANGUAGES:
        return first
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=language_from_request)

    @app.url_value_preprocessor
    def pull_lang(endpoint, values):
        if values and "lang" in values:
            lang = values.pop("lang")
            if get_language(lang) is None:
                abort(404)
            g.lang = lang

    @app.url_defaults
    def add_lang(endpoint, values):
        if "lang" not in values and app.url_map.is_endpoint_expecting(endpoint, "lang"):
            values["lang"] = language_from_request()


# Each language's translation of each interface string, looked up once (see `translate`).
_remembered: dict[tuple | str, str] = {}


def translate(message: str, **variables) -> str:
    """`gettext` that looks each string up once per language. The catalogues do not change while
    the app runs, and Flask-Babel's own lookup reads several request-context values for every
    string: on pages rendered for each request (the help finder's answer) that was about half the
    time spent rendering. The locale is the one Flask-Babel chose (or was forced to); the key is
    its parts, because comparing Locale objects formats their names every time."""
    locale = get_locale()
    key = (locale.language, locale.script, locale.territory, message) if locale else message
    try:
        found = _remembered[key]
    except KeyError:
        _remembered[key] = found = get_translations().ugettext(message)
    return found % variables if variables else found


def ngettext(singular: str, plural: str, number: int) -> str:
    return get_translations().ungettext(singular, plural, number)


# In templates. Jinja's "new style" gettext (`install_gettext_callables(newstyle=True)`) wraps
# each call in its own context handling, which copies the template's variables whenever it is
# called inside a block: on pages rendered for each request (the help finder's answer) that cost
# more than the lookup. These do the same thing directly: the translation is safe HTML, its
# %(variables)s are escaped, and it is always formatted. Only autoescaped (.html) templates
# translate anything.


def template_gettext(message: str, **variables: Any) -> Markup:
    return Markup(translate(message)) % variables  # nosec B704: a catalogue string, not input


def template_ngettext(singular: str, plural: str, number: int, **variables: Any) -> Markup:
    variables.setdefault("num", number)
    return Markup(ngettext(singular, plural, number)) % variables  # nosec B704: as above
