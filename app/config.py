"""Settings, read from environment variables with safe defaults.

Every setting can be overridden by an environment variable of the same name, or by the
mapping passed to ``create_app(config)`` (tests use that).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _secret_key(instance_dir: Path) -> str:
    """SECRET_KEY from the environment, else one kept in instance/ so all workers share it."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    instance_dir.mkdir(parents=True, exist_ok=True)
    key_file = instance_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def load_settings() -> dict:
    """Return the settings dictionary used by create_app()."""
    instance_dir = Path(os.environ.get("INSTANCE_DIR", PROJECT_ROOT / "instance"))
    return {
        "SECRET_KEY": _secret_key(instance_dir),
        "INSTANCE_DIR": instance_dir,
        "CONTENT_DIR": Path(os.environ.get("CONTENT_DIR", PROJECT_ROOT / "content")),
        "SEARCH_INDEX_DIR": Path(os.environ.get("SEARCH_INDEX_DIR", PROJECT_ROOT / "search_index")),
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "Europe/London",
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{instance_dir / 'site.db'}"),
        # Where the quick exit sends people: a neutral, common site.
        "EXIT_URL": os.environ.get("EXIT_URL", "https://www.bbc.co.uk/weather"),
        # HSTS is only sent over HTTPS; behind a proxy set TRUST_PROXY=1 so the scheme is known.
        "TRUST_PROXY": os.environ.get("TRUST_PROXY", "0") == "1",
        "SEARCH_AUTO_BUILD": os.environ.get("SEARCH_AUTO_BUILD", "1") == "1",
        "COMPRESS_MIMETYPES": [
            "text/html",
            "text/css",
            "application/javascript",
            "text/javascript",
            "application/json",
        ],
        "COMPRESS_ALGORITHM": ["br", "gzip"],
        # Static files are streamed; Flask-Compress leaves gzip out of its streaming list by
        # default, so a client that accepts only gzip got the stylesheet uncompressed.
        "COMPRESS_ALGORITHM_STREAMING": ["br", "gzip"],
        "COMPRESS_MIN_SIZE": 500,
        "WTF_CSRF_TIME_LIMIT": 3600,
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "0") == "1",
        "SESSION_COOKIE_SAMESITE": "Strict",
        "MAX_CONTENT_LENGTH": 64 * 1024,
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_FORMS": os.environ.get("RATELIMIT_FORMS", "5 per 10 minutes"),
        # Keys in a shared Redis start with this, so one Redis can serve other things too.
        "RATELIMIT_KEY_PREFIX": os.environ.get("RATELIMIT_KEY_PREFIX", "vawg-site-limits"),
        # What people send through the forms is kept this many days (`flask reports purge`).
        "RETENTION_DAYS": int(os.environ.get("RETENTION_DAYS", "365")),
    }
