"""Error pages in the reader's language, with the emergency strip and quick exit; never a trace."""

from __future__ import annotations

from flask import Flask, g, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from app.i18n import language_from_request


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def render_error(error: HTTPException):
    g.lang = language_from_request()
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
