"""Rate limiting for form posts, by client, with the `limits` library.

Memory storage by default (each process counts alone); set RATELIMIT_STORAGE_URI (e.g.
redis://127.0.0.1:6379/0) so every worker and host shares one count. The client address is
used only inside a keyed hash (so a count in Redis cannot be traced back to an address without
the site's secret key) and is never stored with a submission. If the store cannot be reached,
forms still work: the limit is skipped with a logged warning, never an error page.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask, current_app, request
from limits import parse
from limits.errors import StorageError
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

# A store that does not answer within this many seconds is treated as down.
STORE_TIMEOUT = 0.5


def init_app(app: Flask) -> None:
    uri = app.config["RATELIMIT_STORAGE_URI"]
    options = {}
    if uri.startswith(("redis", "valkey")):
        options = {
            "key_prefix": app.config["RATELIMIT_KEY_PREFIX"],
            "socket_timeout": STORE_TIMEOUT,
            "socket_connect_timeout": STORE_TIMEOUT,
        }
    storage = storage_from_string(uri, wrap_exceptions=True, **options)
    app.extensions["rate_limiter"] = MovingWindowRateLimiter(storage)


def _client_key() -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    address = (request.remote_addr or "-").encode()
    return hmac.new(secret, address, hashlib.sha256).hexdigest()[:32]


def allow(scope: str) -> bool:
    """Count one post for this client in `scope`; False when over RATELIMIT_FORMS."""
    limiter: MovingWindowRateLimiter = current_app.extensions["rate_limiter"]
    limit = parse(current_app.config["RATELIMIT_FORMS"])
    try:
        return limiter.hit(limit, scope, _client_key())
    except StorageError as exc:
        current_app.logger.warning(
            "Rate-limit store unavailable (%s); form post allowed without a limit",
            type(exc.storage_error).__name__,
        )
        return True
