"""Command-line tools: `flask content check`, `flask content translations`."""

from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from app.languages import DEFAULT_LANGUAGE, LANGUAGES
from app.translation_status import language_status

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
    # The help finder's and self-check's texts not yet translated (shown in English), and
    # wording files made from an older revision of the English.
    guides = current_app.extensions["guides"]
    warnings += guides.untranslated
    warnings += [
        f"content/{lang}/find-help.yaml: translated from {provenance.translated_from}, "
        f"English is now {guides.english_revision}"
        for lang, provenance in guides.provenance.items()
        if guides.is_outdated(lang)
    ]
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
    """Per language: pages translated, outdated, missing and reviewed (listing the outdated and
    missing ones), and the state of its help-finder wording and interface catalogue."""
    store = current_app.extensions["content"]
    guides = current_app.extensions["guides"]
    folder = Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])
    totals = Counter()
    for lang, language in LANGUAGES.items():
        if lang == DEFAULT_LANGUAGE:
            continue
        status = language_status(store, guides, folder, lang)
        pages, catalogue = status.pages, status.catalogue
        counts = {
            "translated": len(pages.translated),
            "outdated": len(pages.outdated),
            "missing": len(pages.missing),
            "reviewed": len(pages.reviewed),
        }
        totals.update(counts)
        click.echo(f"{language.english_name} ({lang})")
        click.echo("  pages: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
        for what in ("outdated", "missing"):
            if slugs := getattr(pages, what):
                click.echo(_wrapped(f"  {what}: ", ", ".join(slugs)))
        finder = "outdated" if status.finder_outdated else "current"
        click.echo(f"  help finder wording: {finder}, {status.finder_review.describe()}")
        review = catalogue.review.describe() if catalogue.review else "no Review line"
        click.echo(
            f"  interface: {catalogue.translated} of {catalogue.total} strings, {review} "
            f"({catalogue.team or 'no translator named'})"
        )
    click.echo(
        f"All languages: {totals['translated']} pages translated, {totals['outdated']} outdated, "
        f"{totals['missing']} missing, {totals['reviewed']} reviewed"
    )


def _wrapped(label: str, text: str) -> str:
    return textwrap.fill(
        text,
        width=100,
        initial_indent=label,
        subsequent_indent=" " * len(label),
        break_on_hyphens=False,
        break_long_words=False,
    )


def register(app: Flask) -> None:
    app.cli.add_command(content_cli)
