"""Settings, read from environment variables with safe defaults.

Every setting can be overridden by an environment variable of the same name, or by the
mapping passed to ``create_app(config)`` (tests use that).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Where `make run` serves the site: the site URL when SITE_URL is not set.
DEFAULT_SITE_URL = "http://127.0.0.1:8000"
# security.txt should expire within a year (RFC 9116); without a configured date it is renewed
# at each start-up.
SECURITY_TXT_DAYS = 180


class ConfigError(Exception):
    """A setting is missing or malformed: the site refuses to start."""


def site_url(value: str | None) -> str:
    """The public address of the site, e.g. https://example.org (no trailing slash)."""
    url = (value or DEFAULT_SITE_URL).strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query:
        raise ConfigError(f"SITE_URL must look like https://example.org, not {value!r}")
    return url


def trusted_hosts(site: str | None, extra: str | None) -> list[str] | None:
    """The Host names the site answers to: SITE_URL's host plus TRUSTED_HOSTS (comma-separated).
    None (any host) only when neither is set, as for `make run` on a laptop."""
    hosts = [h.strip() for h in (extra or "").split(",") if h.strip()]
    if site and (host := urlsplit(site_url(site)).hostname):
        hosts.insert(0, host)
    return hosts or None


def security_txt_expires(value: str | None) -> str:
    """RFC 9116 `Expires`: SECURITY_TXT_EXPIRES (ISO 8601), else SECURITY_TXT_DAYS from now."""
    if value:
        try:
            when = dt.datetime.fromisoformat(value)
        except ValueError as exc:
            raise ConfigError(f"SECURITY_TXT_EXPIRES must be an ISO 8601 date: {value!r}") from exc
    else:
        when = dt.datetime.now(dt.UTC) + dt.timedelta(days=SECURITY_TXT_DAYS)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_secret_key(instance_dir: Path) -> str | None:
    """The key in `instance_dir/secret_key`, if that file exists and is not empty."""
    try:
        return (instance_dir / "secret_key").read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def load_settings() -> dict:
    """Return the settings dictionary used by create_app()."""
    instance_dir = Path(os.environ.get("INSTANCE_DIR", PROJECT_ROOT / "instance"))
    site = site_url(os.environ.get("SITE_URL"))
    return {
        # Required outside debug and tests (create_app refuses to start without it): from the
        # environment, else the local key `make` writes into instance/secret_key (one machine
        # only: several servers must all be given the same SECRET_KEY).
        "SECRET_KEY": os.environ.get("SECRET_KEY") or local_secret_key(instance_dir),
        # Absolute links (canonical, hreflang, sitemap, open data) are built from this, never
        # from the request's Host. When SITE_URL is set, other hosts get a 400.
        "SITE_URL": site,
        "TRUSTED_HOSTS": trusted_hosts(os.environ.get("SITE_URL"), os.environ.get("TRUSTED_HOSTS")),
        # security.txt (RFC 9116): where to report a vulnerability, and until when that holds.
        # (default: the site's own "tell us something is wrong" form).
        "SECURITY_CONTACT": os.environ.get("SECURITY_CONTACT") or None,
        "SECURITY_TXT_EXPIRES": security_txt_expires(os.environ.get("SECURITY_TXT_EXPIRES")),
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
        # Seconds one search may take before the results found so far are shown.
        "SEARCH_TIME_LIMIT": float(os.environ.get("SEARCH_TIME_LIMIT", "0.5")),
        # Pages of search results kept in each process's memory (never written anywhere).
        "SEARCH_RESULT_CACHE": int(os.environ.get("SEARCH_RESULT_CACHE", "512")),
        # Content pages rendered at most once a minute (see app/page_cache.py). None: on, except
        # in tests (TESTING), which see every render.
        "PAGE_CACHE": None,
        # Tests only: a function returning the moment to answer for (app/directory/now.py).
        "DIRECTORY_NOW": None,
        "COMPRESS_MIMETYPES": [
            "text/html",
            "text/css",
            "application/javascript",
            "text/javascript",
            "application/json",
            "application/xml",
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
