"""The application factory: settings, extensions, content, blueprints, CLI and headers."""

from __future__ import annotations

import secrets

from flask import Flask
from flask_babel import force_locale, format_date, format_decimal
from flask_babel import gettext as _
from flask_compress import Compress
from werkzeug.middleware.proxy_fix import ProxyFix

from app import cli, db, display, errors, i18n, rate_limit, search, security, site, views
from app.config import PROJECT_ROOT, ConfigError, load_settings
from app.content import ContentError, load_content
from app.languages import LANGUAGES
from app.page_cache import CompressedPageCache, RenderCache, compress_cache_key

# The emergency strip on every page is built from these records; the site must not start
# without them.
EMERGENCY_SERVICES = ("emergency_999", "silent_solution", "relay_uk", "emergency_sms", "bsl_999")
# "Report an unsafe place" names the other ways to report a crime; they must exist too.
REPORTING_SERVICES = ("derbyshire_police_101", "derbyshire_police_online_reporting")


def _block_labels(lang: str) -> dict[str, str]:
    with force_locale(lang):
        return {
            "check": _("Please check"),
            "warning": _("Stay safe"),
            "then_press": _("then press %(keys)s"),
        }


def create_app(config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        static_folder=str(PROJECT_ROOT / "static"),
        template_folder="templates",
    )
    app.config.update(load_settings())
    if config:
        app.config.update(config)
    if not app.config.get("SECRET_KEY"):
        if not (app.debug or app.testing):
            raise ConfigError(
                "SECRET_KEY is not set. Set it to a long random string shared by every server "
                "(`make run` makes one for local use in instance/secret_key)."
            )
        app.config["SECRET_KEY"] = secrets.token_hex(32)  # debug or tests: this process only
    if app.config["TRUST_PROXY"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["number"] = format_decimal

    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    display.init_app(app)
    db.init_app(app)
    rate_limit.init_app(app)

    with app.app_context():
        store = load_content(app.config["CONTENT_DIR"], LANGUAGES, _block_labels)
    missing = [key for key in EMERGENCY_SERVICES if key not in store.services]
    if missing:
        raise ContentError(f"content/services: emergency records missing: {', '.join(missing)}")
    missing = [key for key in REPORTING_SERVICES if key not in store.services]
    if missing:
        raise ContentError(f"content/services: reporting records missing: {', '.join(missing)}")
    app.extensions["content"] = store
    if app.config.get("PAGE_CACHE", not app.testing):
        app.extensions["page_cache"] = RenderCache()
        # Pages of search results, apart so searches never push content pages out (memory only).
        app.extensions["search_page_cache"] = RenderCache(max_entries=512)
        app.config["COMPRESS_CACHE_BACKEND"] = CompressedPageCache
        app.config["COMPRESS_CACHE_KEY"] = compress_cache_key
    Compress(app)

    @app.context_processor
    def site_context():
        return {
            "exit_url": app.config["EXIT_URL"],
            "emergency": {key: store.services[key] for key in EMERGENCY_SERVICES},
        }

    views.register(app)
    site.init_app(app)
    cli.register(app)
    search.init_app(app)
    return app
