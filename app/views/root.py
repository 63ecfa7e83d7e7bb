"""Routes outside any language: `/` (language choice) and robots.txt."""

from __future__ import annotations

from flask import Blueprint, Response, redirect, request, url_for

from app.languages import DEFAULT_LANGUAGE, LANGUAGES

bp = Blueprint("root", __name__)


@bp.get("/")
def choose_language():
    """Send the reader to their browser's preferred language; no cookie is set."""
    lang = request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE
    response = redirect(url_for("pages.home", lang=lang), code=302)
    response.headers["Vary"] = "Accept-Language"
    return response


@bp.get("/robots.txt")
def robots() -> Response:
    return Response("User-agent: *\nAllow: /\nDisallow: /api/\n", mimetype="text/plain")
