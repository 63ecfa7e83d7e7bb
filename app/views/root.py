"""Routes outside any language: `/` (language choice), robots.txt, the sitemap, security.txt and
the favicon."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for

from app import state
from app.languages import DEFAULT_LANGUAGE, LANGUAGES
from app.site import absolute

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
    lines = ["User-agent: *", "Allow: /", "Disallow: /api/", f"Sitemap: {absolute('/sitemap.xml')}"]
    return Response("\n".join(lines) + "\n", mimetype="text/plain")


@bp.get("/sitemap.xml")
def sitemap() -> Response:
    """Every page in every language, with its alternates (rendered once at start-up)."""
    return Response(state.sitemap(), mimetype="application/xml")


@bp.get("/.well-known/security.txt")
def security_txt() -> Response:
    """Where to report a security problem (RFC 9116), from the SECURITY_* settings."""
    text = render_template(
        "site/security.txt",
        contact=current_app.config["SECURITY_CONTACT"]
        or absolute(url_for("feedback.form", lang=DEFAULT_LANGUAGE)),
        expires=current_app.config["SECURITY_TXT_EXPIRES"],
        canonical=absolute("/.well-known/security.txt"),
    )
    return Response(text, mimetype="text/plain")


@bp.get("/favicon.ico")
def favicon() -> Response:
    """Browsers ask for this address whatever the page says; the same tiny icon as the pages."""
    return current_app.send_static_file("favicon.ico")
