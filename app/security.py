"""Security and privacy response headers, in one after_request hook.

HTML is never cached (a shared device must not keep what someone read); static files are cached
for a year because their URLs carry a content hash (see `static_url` in app/templating.py).
"""

from __future__ import annotations

from flask import Flask, Response, has_request_context, request
from flask.sessions import SecureCookieSessionInterface

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)

ONE_YEAR = 31_536_000
ONE_DAY = 86_400


class FormSessionInterface(SecureCookieSessionInterface):
    """The session cookie, which only form pages set (for the CSRF token): HttpOnly,
    SameSite=Strict, gone when the browser closes, and Secure whenever the page came over HTTPS
    (behind a proxy, with TRUST_PROXY=1) as well as when SESSION_COOKIE_SECURE says so."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return super().get_cookie_secure(app) or (has_request_context() and request.is_secure)


def init_app(app: Flask) -> None:
    app.session_interface = FormSessionInterface()

    @app.after_request
    def set_headers(response: Response) -> Response:
        headers = response.headers
        headers["Content-Security-Policy"] = CSP
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers["Permissions-Policy"] = PERMISSIONS_POLICY
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Cross-Origin-Resource-Policy"] = "same-origin"
        if request.is_secure:
            headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
        if request.endpoint == "static":
            if request.args.get("v"):
                headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
            else:
                headers["Cache-Control"] = "public, max-age=3600"
        elif request.endpoint == "root.favicon" and response.status_code == 200:
            headers["Cache-Control"] = f"public, max-age={ONE_DAY}"
        else:
            headers["Cache-Control"] = "no-store"
            headers.pop("Expires", None)
            headers.pop("ETag", None)
            headers.pop("Last-Modified", None)
        return response
