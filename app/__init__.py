"""The application factory: settings, extensions, routes, content, open data, search and CLI.

The order matters and is written once here: routes first (links in content are built from
them), then everything read from content/ (app/loading.py), then what is built from the content
(open data, the sitemap, the search indexes). Views and templates reach what is built here
through app/state.py.
"""

from __future__ import annotations

import secrets

from flask import Flask
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_compress import Compress
from werkzeug.middleware.proxy_fix import ProxyFix

from app import cli, db, errors, i18n, rate_limit, search, security, site, state, templating, views
from app.config import PROJECT_ROOT, ConfigError, load_settings
from app.directory.oruk import build_open_data
from app.loading import load_site_content
from app.page_cache import CompressedPageCache, RenderCache, compress_cache_key
from app.urls import Links


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
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]

    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    db.init_app(app)
    rate_limit.init_app(app)
    views.register(app)
    site.init_app(app)
    cli.register(app)

    links = Links(app.url_map)
    with app.app_context():
        loaded = load_site_content(app.config["CONTENT_DIR"], _block_labels, links)
        open_data = build_open_data(loaded.store.services, app.config["SITE_URL"])
    app.extensions.update(
        {
            state.LINKS: links,
            state.CONTENT: loaded.store,
            state.GUIDES: loaded.guides,
            state.OPEN_DATA: open_data,
        }
    )
    app.extensions[state.SITEMAP] = site.render_sitemap(app, loaded.store, links)
    page_cache = app.config["PAGE_CACHE"]
    if page_cache or (page_cache is None and not app.testing):
        app.extensions["page_cache"] = RenderCache()
        # Pages of search results, apart so searches never push content pages out (memory only).
        app.extensions["search_page_cache"] = RenderCache(max_entries=512)
        # Parts of pages that describe one service or one page (app/templating.py
        # cached_fragment): at most a few per service, channel or page, and language.
        app.extensions["fragment_cache"] = RenderCache(max_entries=8192)
        app.config["COMPRESS_CACHE_BACKEND"] = CompressedPageCache
        app.config["COMPRESS_CACHE_KEY"] = compress_cache_key
    Compress(app)
    search.init_app(app, loaded.store, loaded.vocabulary, links)
    return app
