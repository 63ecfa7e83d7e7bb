"""Command-line tools: `flask content check`, `flask content translations`."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

content_cli = AppGroup("content", help="Check and report on the content.")


def path_link_errors(app: Flask) -> list[str]:
    """Links written as site paths (e.g. `/services`) must reach a route."""
    store = app.extensions["content"]
    adapter = app.url_map.bind("localhost")
    errors = []
    for lang, pages in store.pages.items():
        for page in pages.values():
            for link in page.links:
                kind, _, path = link.partition(":")
                if kind != "path":
                    continue
                try:
                    adapter.match(f"/{lang}{path.split('#')[0].split('?')[0]}")
                except (RequestRedirect, MethodNotAllowed):
                    pass
                except NotFound:
                    errors.append(f"{page.source_path} ({lang}): link to {path!r} reaches no page")
    return sorted(set(errors))


@content_cli.command("check")
def check() -> None:
    """Fail on broken links, unknown services, bad numbers; warn on content due for review."""
    store = current_app.extensions["content"]
    errors, warnings = store.check()
    errors += path_link_errors(current_app)
    # The help finder's and self-check's texts not yet translated (shown in English).
    warnings += current_app.extensions["guides"].untranslated
    for warning in warnings:
        click.echo(f"warning: {warning}")
    for error in errors:
        click.echo(f"error: {error}", err=True)
    pages = sum(len(p) for p in store.pages.values())
    click.echo(
        f"{pages} pages, {len(store.services)} services: {len(errors)} errors, "
        f"{len(warnings)} warnings"
    )
    if errors:
        raise SystemExit(1)


@content_cli.command("translations")
def translations() -> None:
    """List translations made from an older revision of the English page."""
    store = current_app.extensions["content"]
    stale = store.stale_translations()
    for line in stale:
        click.echo(line)
    click.echo(f"{len(stale)} stale translations")


def register(app: Flask) -> None:
    app.cli.add_command(content_cli)
