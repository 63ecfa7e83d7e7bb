"""The objects built once at start-up and kept in `app.extensions`, and the one way code reaches
them while the app runs (views, templates, the CLI).

Start-up order (`create_app`): routes, then everything read from content/ (app/loading.py), then
the open data and the sitemap built from it, then the search indexes.
"""

from __future__ import annotations

from typing import cast

from flask import current_app

from app.content.store import ContentStore
from app.directory.guides import Guides
from app.directory.oruk import OpenData
from app.search.searcher import SearchService
from app.urls import Links

CONTENT = "content"
GUIDES = "guides"
OPEN_DATA = "open_data"
SEARCH = "search"
LINKS = "links"
SITEMAP = "sitemap"


def content() -> ContentStore:
    """Pages, services and their translations."""
    return cast(ContentStore, current_app.extensions[CONTENT])


def guides() -> Guides:
    """The help finder's answers and the self-check's statements."""
    return cast(Guides, current_app.extensions[GUIDES])


def open_data() -> OpenData:
    """What the open data API serves (built at start-up from SITE_URL)."""
    return cast(OpenData, current_app.extensions[OPEN_DATA])


def search_service() -> SearchService:
    return cast(SearchService, current_app.extensions[SEARCH])


def links() -> Links:
    """Links built from the routes, usable without a request (Markdown, the sitemap, tests)."""
    return cast(Links, current_app.extensions[LINKS])


def sitemap() -> str:
    return cast(str, current_app.extensions[SITEMAP])
