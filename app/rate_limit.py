"""Rate limiting for form posts, by client, with the `limits` library.

Memory storage by default (one process); set RATELIMIT_STORAGE_URI (e.g. redis://...) so all
workers and hosts share the count. The client address is used only as a hashed counter key and
is never stored with a submission.
"""

from __future__ import annotations

import hashlib

from flask import Flask, current_app, request
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter


def init_app(app: Flask) -> None:
    storage = storage_from_string(app.config["RATELIMIT_STORAGE_URI"])
    app.extensions["rate_limiter"] = MovingWindowRateLimiter(storage)


def allow(scope: str) -> bool:
    """Count one hit for this client in `scope`; False when over RATELIMIT_FORMS."""
    limiter = current_app.extensions["rate_limiter"]
    limit = parse(current_app.config["RATELIMIT_FORMS"])
    client = hashlib.sha256((request.remote_addr or "-").encode()).hexdigest()[:16]
    return limiter.hit(limit, scope, client)
