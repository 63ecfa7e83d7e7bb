"""Site search: per-language Whoosh indexes of pages and services, and plain-words queries.

Whoosh is imported only inside this package. `init_app(app, ...)` makes the SearchService (with
the vocabulary loaded by app/loading.py), registers the `flask search build` command, and (if
SEARCH_AUTO_BUILD is on) builds any index that is missing, out of date or damaged at start-up.
If that fails the site still serves its pages, and the search page says search is not
available. Views reach the SearchService through app/state.py.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.content import ContentStore
from app.languages import LANGUAGES
from app.search.indexer import BuildReport, ensure_indexes
from app.search.query import MAX_QUERY_CHARS, QueryTooLong, clean_query
from app.search.searcher import IndexUnavailable, PageResult, SearchResults, SearchService
from app.search.vocabulary import Vocabulary
from app.urls import Links

__all__ = [
    "MAX_QUERY_CHARS",
    "IndexUnavailable",
    "PageResult",
    "QueryTooLong",
    "SearchResults",
    "SearchService",
    "build",
    "clean_query",
    "init_app",
]

search_cli = AppGroup("search", help="Build the search indexes.")


def build(app: Flask, force: bool = False) -> list[BuildReport]:
    """Build every language's index that is missing or stale (all of them with `force`)."""
    with app.app_context():
        return ensure_indexes(
            app.extensions["content"], Path(app.config["SEARCH_INDEX_DIR"]), LANGUAGES, force=force
        )


@search_cli.command("build")
@click.option("--force", is_flag=True, help="Rebuild even the indexes that are up to date.")
def build_command(force: bool) -> None:
    """Build the search index of every language (only those out of date, unless --force)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    for report in build(app, force=force):
        state = "built" if report.built else "up to date"
        click.echo(
            f"{report.lang}: {state}, {report.documents} documents, {report.seconds:.2f}s "
            f"(content {report.content_hash[:12]})"
        )


def init_app(app: Flask, store: ContentStore, vocabulary: Vocabulary, links: Links) -> None:
    app.extensions["search"] = SearchService(
        app.config["SEARCH_INDEX_DIR"],
        store,
        vocabulary,
        links,
        time_limit=float(app.config["SEARCH_TIME_LIMIT"]),
        cache_size=int(app.config["SEARCH_RESULT_CACHE"]),
    )
    app.cli.add_command(search_cli)
    if app.config.get("SEARCH_AUTO_BUILD"):
        try:
            build(app)
        except Exception as exc:
            # Pages matter more than search: serve them, and say on the search page that search
            # is not available, until `flask search build` succeeds.
            app.logger.error("search indexes could not be built, search is off: %s", exc)
