"""Everything templates can call, registered in one place: the language and the site shell
(context), links (app/urls.py), words for data values (app/display.py), a service's text in the
reader's language, whether a channel is open at the request's moment, and static file URLs.

Globals rather than context processors where macros imported without context need them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from flask import Flask, url_for
from flask_babel import format_date, format_decimal
from markupsafe import Markup

from app import display, i18n, site, urls
from app.content.models import Channel, Service, Wording
from app.directory.now import app_now, status_now
from app.i18n import language_from_request
from app.languages import LANGUAGES
from app.loading import EMERGENCY_SERVICES
from app.page_cache import cached
from app.state import content


def channel_status_text(channel: Channel) -> str:
    """Whether a channel is open at this request's moment, in words."""
    return display.status_text(status_now(channel), app_now())


def channel_is_open(channel: Channel) -> bool:
    return status_now(channel).is_open


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


def describe_hours(channel: Channel) -> Markup:
    return Markup.escape(display.describe_hours(channel))


def cached_fragment(*parts: object, caller: Callable[[], str]) -> Markup:
    """The body of `{% call cached_fragment("name", service.key, ...) %}...{% endcall %}`,
    rendered at most once a minute per language and kept in the app's fragment cache (not in
    tests). `parts` must name everything the body shows apart from the language and the minute
    (open statuses change by the minute). Only for parts that describe one service or one page:
    never key a fragment by a reader's answers, which are not kept anywhere."""
    key = "|".join((language_from_request(), *map(str, parts)))
    # The body was rendered by Jinja with autoescaping, so it is already safe HTML.
    return Markup(cached(key, caller, "fragment_cache"))  # nosec B704


def init_app(app: Flask) -> None:
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["number"] = format_decimal
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n.translate, ngettext=i18n.ngettext, newstyle=True
    )
    # The same new-style behaviour, without Jinja's per-call overhead (see app/i18n.py).
    app.jinja_env.globals.update(
        _=i18n.template_gettext, gettext=i18n.template_gettext, ngettext=i18n.template_ngettext
    )
    static_dir = Path(app.static_folder or "static")

    @cache
    def file_hash(filename: str) -> str:
        return hashlib.sha256((static_dir / filename).read_bytes()).hexdigest()[:10]

    def static_url(filename: str) -> str:
        """A static file's URL with its content hash, so it can be cached for a year."""
        return url_for("static", filename=filename, v=file_hash(filename))

    app.jinja_env.globals.update(
        urls.TEMPLATE_GLOBALS,
        static_url=static_url,
        head_links=site.head_links,
        channel_type_name=display.channel_type_name,
        channel_link_text=display.channel_link_text,
        reasons_text=display.reasons_text,
        describe_hours=describe_hours,
        area_names=display.area_names,
        language_label=display.language_label,
        AREA_NAMES=display.AREA_NAMES,
        AUDIENCE_NAMES=display.AUDIENCE_NAMES,
        TOPIC_NAMES=display.TOPIC_NAMES,
        channel_status_text=channel_status_text,
        channel_is_open=channel_is_open,
        service_text=service_text,
        name_gloss=name_gloss,
        lang_attrs=lang_attrs,
        cached_fragment=cached_fragment,
    )

    @app.context_processor
    def page_context() -> dict[str, Any]:
        lang = language_from_request()
        services = content().services
        return {
            "lang": lang,
            "language": LANGUAGES[lang],
            "languages": LANGUAGES,
            "exit_url": app.config["EXIT_URL"],
            "emergency": {key: services[key] for key in EMERGENCY_SERVICES},
        }
