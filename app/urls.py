"""Every link to a page of this site, built from the routes, so a renamed route or page cannot
leave a link that silently goes nowhere.

- In a request (views and templates): `page_url`, `service_url`, `directory_url` and the other
  helpers here, built on `url_for` (the language is the page's, filled in by `i18n.add_lang`).
- Without a request (Markdown links at start-up, the sitemap, tests): a `Links` built from the
  app's URL map, kept in `app.extensions["links"]`.
"""

from __future__ import annotations

from typing import Any

from flask import url_for
from werkzeug.routing import Map, MapAdapter

from app.content.models import Page
from app.directory.filters import Filters


def page_endpoint(section: str, slug: str) -> tuple[str, dict[str, Any]]:
    """The route of the page `slug` of `section` (a section's index has the section's name)."""
    if section == "home":
        return "pages.home", {}
    if slug == section:
        return "pages.section", {"section": section}
    return "pages.page", {"section": section, "slug": slug}


def _with_query(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


def _directory_query(filters: Filters | None, page: int) -> str:
    query = filters.query_string() if filters else ""
    if page > 1:
        query = f"{query}&page={page}" if query else f"page={page}"
    return query


class Links:
    """Links built from a URL map, with no request needed."""

    def __init__(self, url_map: Map):
        self._adapter: MapAdapter = url_map.bind("localhost")

    def build(self, endpoint: str, **values: str) -> str:
        return self._adapter.build(endpoint, values)

    def page_path(self, lang: str, section: str, slug: str) -> str:
        endpoint, values = page_endpoint(section, slug)
        return self.build(endpoint, lang=lang, **values)

    def page(self, page: Page) -> str:
        """A page's address in its own language."""
        return self.page_path(page.lang, page.section, page.slug)

    def service(self, lang: str, key: str) -> str:
        return self.build("services.service", lang=lang, key=key)

    def directory(self, lang: str, filters: Filters | None = None, page: int = 1) -> str:
        return _with_query(
            self.build("services.directory", lang=lang), _directory_query(filters, page)
        )


# ------------------------------------------------------------------ in a request


def page_url(page: Page) -> str:
    """A page's address in its own language."""
    endpoint, values = page_endpoint(page.section, page.slug)
    return url_for(endpoint, lang=page.lang, **values)


def section_url(section: str) -> str:
    """A section's index page in the page's language."""
    endpoint, values = page_endpoint(section, section)
    return url_for(endpoint, **values)


def content_url(section: str, slug: str) -> str:
    """A content page named by its section and slug, in the page's language."""
    endpoint, values = page_endpoint(section, slug)
    return url_for(endpoint, **values)


def service_url(key: str) -> str:
    return url_for("services.service", key=key)


def directory_url(filters: Filters | None = None, page: int = 1, **chosen: Any) -> str:
    """The directory, with these filters (or one choice, e.g. `topic="stalking"`) chosen and
    on this page of results."""
    if chosen:
        return url_for("services.directory", **chosen)
    return _with_query(url_for("services.directory"), _directory_query(filters, page))


TEMPLATE_GLOBALS = {
    "page_url": page_url,
    "section_url": section_url,
    "content_url": content_url,
    "service_url": service_url,
    "directory_url": directory_url,
}
