"""Error pages in the reader's language, with the emergency strip and quick exit; never a trace."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, g, render_template, request
from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException, InternalServerError

from app.i18n import language_from_request


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _ensure_url_adapter() -> None:
    """A request with a malformed or untrusted Host header has no URL adapter (Flask refused the
    host before routing); links on its error page are built for SITE_URL instead."""
    if request_ctx.url_adapter is None:
        site = urlsplit(current_app.config["SITE_URL"])
        request_ctx.url_adapter = current_app.url_map.bind(site.netloc, url_scheme=site.scheme)


def render_error(error: HTTPException):
    _ensure_url_adapter()
    g.lang = language_from_request()
    g.is_error = True
    code = error.code or 500
    if _wants_json():
        return {"error": error.name, "description": error.description, "status": code}, code
    response = render_template("errors/error.html", code=code), code
    return response


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        return render_error(error)

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        # Logged with the traceback for the operators; the reader sees a plain page.
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return render_error(InternalServerError())
