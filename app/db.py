"""The database: SQLAlchemy Core tables for what people choose to send us, and nothing else.

Only what she chose to tell is stored, with the date (page feedback) or the week (unsafe-place
reports) it arrived: no IP address, no time of day, no user agent. SQLite by default (WAL mode,
so several worker processes can write); PostgreSQL when DATABASE_URL says so. The schema is
changed only through the Alembic migrations in `migrations/` (`flask db upgrade`); the app never
creates tables itself, so a database that is down or not set up cannot stop ordinary pages.

Each form, as shown, carries a one-time random id (`submission_id`, never linked to the person).
The database keeps each id once, so a post sent twice (the proxy passing it to a second app
server after the first went down, or a second press of Send) is saved once, and both times she
is thanked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    insert,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

metadata = MetaData()

# Page feedback: "Is something wrong or missing on this page?"
feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("received_on", Date, nullable=False, index=True),
    Column("lang", String(10), nullable=False),
    Column("page", String(300), nullable=False, default=""),
    Column("helped", Boolean, nullable=True),  # None for messages sent before it was asked
    Column("message", Text, nullable=False),
    Column("contact", String(200), nullable=False, default=""),
    Column("submission_id", String(32), nullable=True, unique=True, index=True),
)

# "Report an unsafe place": where and when she felt unsafe, and why. Not a crime report.
unsafe_place_reports = Table(
    "unsafe_place_reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("received_week", Date, nullable=False, index=True),  # the Monday of that week
    Column("lang", String(10), nullable=False),
    Column("area", String(40), nullable=False),
    Column("place", String(200), nullable=False, default=""),
    Column("time_of_day", String(20), nullable=False, default=""),
    Column("day_of_week", String(20), nullable=False, default=""),
    Column("details", Text, nullable=False, default=""),
    Column("submission_id", String(32), nullable=True, unique=True, index=True),
)

unsafe_place_reasons = Table(
    "unsafe_place_reasons",
    metadata,
    Column(
        "report_id",
        Integer,
        ForeignKey("unsafe_place_reports.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("reason", String(20), primary_key=True),
)


class DatabaseUnavailable(Exception):
    """The database could not take a submission (down, locked, not set up)."""


def week_of(day: dt.date) -> dt.date:
    """The Monday of the week `day` falls in."""
    return day - dt.timedelta(days=day.weekday())


def engine() -> Engine:
    return current_app.extensions["db_engine"]


def _save(statements, table: Table, submission_id: str | None) -> None:
    failure: SQLAlchemyError
    try:
        with engine().begin() as connection:
            statements(connection)
        return
    except IntegrityError as exc:
        failure = exc
        if submission_id and _already_saved(table, submission_id):
            return  # this post was saved before: the same form sent again
    except SQLAlchemyError as exc:
        failure = exc
    # Only the kind of failure is logged: never the SQL parameters, which hold her words.
    current_app.logger.warning("Could not save a form: %s", type(failure).__name__)
    raise DatabaseUnavailable from None


def _already_saved(table: Table, submission_id: str) -> bool:
    try:
        with engine().connect() as connection:
            found = connection.execute(
                select(table.c.id).where(table.c.submission_id == submission_id)
            ).first()
    except SQLAlchemyError:
        return False
    return found is not None


def save_feedback(
    *, lang: str, page: str, helped: bool, message: str, contact: str, submission_id: str | None
) -> None:
    values = {
        "received_on": dt.date.today(),
        "lang": lang,
        "page": page,
        "helped": helped,
        "message": message,
        "contact": contact,
        "submission_id": submission_id,
    }
    _save(
        lambda connection: connection.execute(insert(feedback).values(**values)),
        feedback,
        submission_id,
    )


def save_unsafe_place(
    *,
    lang: str,
    area: str,
    place: str,
    time_of_day: str,
    day_of_week: str,
    reasons: list[str],
    details: str,
    submission_id: str | None,
) -> None:
    values = {
        "received_week": week_of(dt.date.today()),
        "lang": lang,
        "area": area,
        "place": place,
        "time_of_day": time_of_day,
        "day_of_week": day_of_week,
        "details": details,
        "submission_id": submission_id,
    }

    def statements(connection):
        result = connection.execute(insert(unsafe_place_reports).values(**values))
        report_id = result.inserted_primary_key[0]
        connection.execute(
            insert(unsafe_place_reasons),
            [{"report_id": report_id, "reason": reason} for reason in sorted(set(reasons))],
        )

    _save(statements, unsafe_place_reports, submission_id)


def database_url(url: str) -> str:
    """`postgres://` and `postgresql://` mean PostgreSQL through psycopg 3 (the pinned driver)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def make_engine(url: str) -> Engine:
    """An engine for `url` that never puts submitted words into logs or error messages."""
    url = database_url(url)
    options: dict = {"hide_parameters": True, "pool_pre_ping": True}
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != url and not path.startswith(":"):
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        options["connect_args"] = {"timeout": 10}
    elif url.startswith("postgresql"):
        options["connect_args"] = {"connect_timeout": 5}
    db_engine = create_engine(url, **options)
    if db_engine.dialect.name == "sqlite":
        event.listen(db_engine, "connect", _sqlite_pragmas)
    return db_engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers and one writer work at once across processes; foreign keys make the
    # reasons go with their report when it is purged.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def init_app(app: Flask) -> None:
    app.extensions["db_engine"] = make_engine(app.config["DATABASE_URL"])
