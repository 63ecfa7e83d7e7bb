"""Command-line tools: `flask content check|readability|translations|schema`,
`flask db upgrade|current`, `flask reports export|summary|purge`."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import json
import textwrap
from collections import Counter
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from flask_babel import force_locale
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from app import db, migrate, reports
from app.content import readability
from app.content.models import AREAS, WEEKDAYS
from app.display import AREA_NAMES
from app.forms import REASONS, TIMES_OF_DAY
from app.languages import DEFAULT_LANGUAGE, LANGUAGES
from app.schemas import write_schemas
from app.state import content, guides
from app.translation_status import language_status

content_cli = AppGroup("content", help="Check and report on the content.")
db_cli = AppGroup("db", help="Set up and upgrade the database schema (Alembic migrations).")
reports_cli = AppGroup("reports", help="Read and delete what people sent through the forms.")


def path_link_errors(app: Flask) -> list[str]:
    """Links written as site paths (e.g. `/services`) must reach a route."""
    store = content()
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


def english_grades() -> list[readability.PageGrade]:
    store = content()
    return readability.page_grades(store.pages["en"].values())


def readability_problems(grades: list[readability.PageGrade]) -> tuple[list[str], list[str]]:
    """Public pages: an error above grade 8, a warning above grade 6."""
    errors, warnings = [], []
    for page in grades:
        if not page.is_public:
            continue
        message = f"{page.source_path}: reading grade {page.grade}"
        if page.grade > readability.PUBLIC_FAIL_ABOVE:
            errors.append(f"{message} (public pages must be at most {readability.PUBLIC_TARGET})")
        elif page.grade > readability.PUBLIC_TARGET:
            warnings.append(f"{message} (aim for {readability.PUBLIC_TARGET} or below)")
    return errors, warnings


@content_cli.command("check")
def check() -> None:
    """Fail on broken links, unknown services, bad numbers and public pages far too hard to read;
    warn on content due for review and on public pages above the reading target."""
    store = content()
    errors, warnings = store.check()
    errors += path_link_errors(current_app)
    hard, harder_than_target = readability_problems(english_grades())
    errors += hard
    warnings += harder_than_target
    # The help finder's and self-check's texts not yet translated (shown in English), and
    # wording files made from an older revision of the English.
    finder = guides()
    warnings += finder.untranslated
    warnings += [
        f"content/{lang}/find-help.yaml: translated from {provenance.translated_from}, "
        f"English is now {finder.english_revision}"
        for lang, provenance in finder.provenance.items()
        if finder.is_outdated(lang)
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


@content_cli.command("schema")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docs/schemas"),
    show_default=True,
    help="The folder to write <kind>.json to.",
)
def schema(out: Path) -> None:
    """Write the JSON Schema of each kind of content file (after changing a content type)."""
    for path in write_schemas(out):
        click.echo(f"wrote {path}")


@content_cli.command("readability")
def readability_report() -> None:
    """Print the Flesch-Kincaid grade of every English page and the median of each section."""
    grades = sorted(english_grades(), key=lambda g: (g.section, -g.grade, g.slug))
    sections: dict[str, list[readability.PageGrade]] = {}
    for page in grades:
        sections.setdefault(page.section, []).append(page)
    for section, found in sections.items():
        kind = "public" if found[0].is_public else "technical (grade reported only)"
        click.echo(f"{section}: median {readability.median(found)} ({kind})")
        for page in found:
            flag = (
                "  above target"
                if page.is_public and page.grade > readability.PUBLIC_TARGET
                else ""
            )
            click.echo(f"  {page.grade:5.1f}  {page.slug}{flag}")
    public = [g for g in grades if g.is_public]
    above = [g for g in public if g.grade > readability.PUBLIC_TARGET]
    click.echo(
        f"public pages: {len(public)}, median grade {readability.median(public)} "
        f"(target {readability.PUBLIC_MEDIAN_TARGET} or below), "
        f"{len(above)} above grade {readability.PUBLIC_TARGET}"
    )


@content_cli.command("translations")
def translations() -> None:
    """Per language: pages and services translated, outdated, missing and reviewed (listing the
    outdated and missing ones), and the state of its help-finder wording and interface
    catalogue."""
    store = content()
    finder = guides()
    folder = Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])
    totals: dict[str, Counter[str]] = {"pages": Counter(), "services": Counter()}
    for lang, language in LANGUAGES.items():
        if lang == DEFAULT_LANGUAGE:
            continue
        status = language_status(store, finder, folder, lang)
        catalogue = status.catalogue
        click.echo(f"{language.english_name} ({lang})")
        for kind, coverage in (("pages", status.pages), ("services", status.services)):
            counts = {
                "translated": len(coverage.translated),
                "outdated": len(coverage.outdated),
                "missing": len(coverage.missing),
                "reviewed": len(coverage.reviewed),
            }
            totals[kind].update(counts)
            click.echo(f"  {kind}: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
            for what in ("outdated", "missing"):
                if names := getattr(coverage, what):
                    click.echo(_wrapped(f"    {what}: ", ", ".join(names)))
        wording = "outdated" if status.finder_outdated else "current"
        click.echo(f"  help finder wording: {wording}, {status.finder_review.describe()}")
        review = catalogue.review.describe() if catalogue.review else "no Review line"
        click.echo(
            f"  interface: {catalogue.translated} of {catalogue.total} strings, {review} "
            f"({catalogue.team or 'no translator named'})"
        )
    for kind, counts in totals.items():
        click.echo(
            f"All languages: {counts['translated']} {kind} translated, {counts['outdated']} "
            f"outdated, {counts['missing']} missing, {counts['reviewed']} reviewed"
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


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Apply every migration not yet applied (safe to run on every start)."""
    engine = db.engine()
    migrate.upgrade(engine)
    click.echo(f"database schema at revision {migrate.current_revision(engine)}")


@db_cli.command("current")
def db_current() -> None:
    """Print the database's schema revision and the newest one."""
    click.echo(
        f"database: {migrate.current_revision(db.engine())}; newest: {migrate.head_revision()}"
    )


# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs (what people typed is untrusted)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        value = ";".join(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@reports_cli.command("export")
@click.option(
    "--kind",
    type=click.Choice(reports.KINDS),
    default="unsafe-places",
    show_default=True,
    help="Unsafe-place reports or page feedback.",
)
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Only from this date, YYYY-MM-DD (unsafe places: from the week it falls in).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option(
    "--output", type=click.File("w", encoding="utf-8"), default="-", help="File to write."
)
def export(kind: str, since: dt.datetime | None, fmt: str, output) -> None:
    """Write every submission (with what people typed) as CSV or JSON. Keep the file safe."""
    since_date = since.date() if since else None
    if kind == "unsafe-places":
        rows = reports.unsafe_place_rows(db.engine(), since_date)
    else:
        rows = reports.feedback_rows(db.engine(), since_date)
    if fmt == "json":
        json.dump(rows, output, default=str, ensure_ascii=False, indent=1)
        output.write("\n")
    else:
        fields = list(rows[0]) if rows else _columns(kind)
        writer = csv.writer(output)
        writer.writerow(fields)
        for row in rows:
            writer.writerow([_cell(row[field]) for field in fields])
    click.echo(f"{len(rows)} {kind} exported", err=True)


def _columns(kind: str) -> list[str]:
    table = db.unsafe_place_reports if kind == "unsafe-places" else db.feedback
    return [column.name for column in reports.exported_columns(table)] + (
        ["reasons"] if kind == "unsafe-places" else []
    )


DAY_NAMES = dict(zip(WEEKDAYS, calendar.day_name, strict=True))


@reports_cli.command("summary")
@click.option(
    "--since", type=click.DateTime(["%Y-%m-%d"]), help="Only from this date (YYYY-MM-DD)."
)
def summary(since: dt.datetime | None) -> None:
    """Counts of unsafe-place reports by area, time of day, day and reason; feedback answers."""
    counts = reports.summary(db.engine(), since.date() if since else None)
    not_given = {"not given": "Not given"}
    sections = (
        ("Unsafe-place reports", "reports", {"all": "All"}),
        ("By council area", "area", {area: AREA_NAMES[area] for area in AREAS}),
        ("By time of day", "time_of_day", {**TIMES_OF_DAY, **not_given}),
        ("By day of the week", "day_of_week", {**DAY_NAMES, **not_given}),
        ("By reason (a report can give several)", "reason", REASONS),
        (
            "Page feedback",
            "feedback",
            {"helped": "Helped", "did not help": "Did not help", "not asked": "Not asked"},
        ),
    )
    with force_locale("en"):
        for title, key, labels in sections:
            click.echo(f"{title}:")
            for value, label in labels.items():
                click.echo(f"  {str(label):<64} {counts[key][value]:>6}")
            click.echo("")


@reports_cli.command("purge")
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(min=0),
    default=None,
    help="Delete what arrived more than this many days ago (default: RETENTION_DAYS, 365).",
)
def purge(days: int | None) -> None:
    """Delete submissions older than the retention period. Run it daily."""
    days = current_app.config["RETENTION_DAYS"] if days is None else days
    deleted = reports.purge(db.engine(), days)
    click.echo(
        f"deleted {deleted['unsafe-places']} unsafe-place reports and "
        f"{deleted['feedback']} feedback messages older than {days} days"
    )


def register(app: Flask) -> None:
    app.cli.add_command(content_cli)
    app.cli.add_command(db_cli)
    app.cli.add_command(reports_cli)
