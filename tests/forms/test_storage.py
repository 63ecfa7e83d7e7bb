"""Storage on every backend: migrations (from empty, and from the table the site used to make
itself), purge, the database down and the rate-limit store down."""

from __future__ import annotations

import datetime as dt
import logging

from bs4 import BeautifulSoup
from sqlalchemy import Column, Date, Integer, MetaData, String, Table, Text, insert, inspect, text

from app import migrate, reports
from app.db import (
    feedback,
    make_engine,
    unsafe_place_reasons,
    unsafe_place_reports,
)
from tests.forms.conftest import csrf_token, rows, textarea_value

# The feedback table exactly as `metadata.create_all` made it before migrations existed.
OLD_METADATA = MetaData()
OLD_FEEDBACK = Table(
    "feedback",
    OLD_METADATA,
    Column("id", Integer, primary_key=True),
    Column("received_on", Date, nullable=False),
    Column("lang", String(10), nullable=False),
    Column("page", String(300), nullable=False, default=""),
    Column("message", Text, nullable=False),
    Column("contact", String(200), nullable=False, default=""),
)
TABLES = {"feedback", "unsafe_place_reports", "unsafe_place_reasons", "alembic_version"}


def test_migrations_build_the_schema_from_an_empty_database(empty_engine):
    engine = empty_engine
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine)
    assert set(inspect(engine).get_table_names()) == TABLES
    assert migrate.current_revision(engine) == migrate.head_revision() == "0003"
    migrate.upgrade(engine)  # again: nothing to do, nothing breaks
    assert migrate.current_revision(engine) == "0003"


def test_form_ids_are_added_to_saved_rows_and_each_id_is_kept_once(empty_engine):
    engine = empty_engine
    migrate.upgrade(engine, "0002")
    old = {"received_on": dt.date(2026, 11, 2), "lang": "en", "page": "", "contact": ""}
    with engine.begin() as connection:
        for message in ("first", "second"):
            connection.execute(insert(feedback).values(**old, message=message))
    migrate.upgrade(engine)
    with engine.connect() as connection:
        saved = [dict(r._mapping) for r in connection.execute(feedback.select())]
    assert [(r["message"], r["submission_id"]) for r in saved] == [
        ("first", None),
        ("second", None),
    ]
    for table in ("feedback", "unsafe_place_reports"):
        [index] = [
            i for i in inspect(engine).get_indexes(table) if i["column_names"] == ["submission_id"]
        ]
        assert index["unique"], table


def test_migrations_upgrade_the_old_feedback_table_and_keep_its_messages(empty_engine):
    engine = empty_engine
    OLD_METADATA.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            insert(OLD_FEEDBACK).values(
                received_on=dt.date(2026, 11, 1),
                lang="pl",
                page="/pl/",
                message="Numer nie działa",
                contact="",
            )
        )
    migrate.upgrade(engine)
    assert set(inspect(engine).get_table_names()) == TABLES
    with engine.connect() as connection:
        [row] = [dict(r._mapping) for r in connection.execute(feedback.select())]
    assert row["message"] == "Numer nie działa" and row["lang"] == "pl"
    assert row["helped"] is None  # it was not asked then


def test_sqlite_runs_in_wal_mode_so_several_processes_can_write(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    finally:
        engine.dispose()


def add_report(engine, week: dt.date, area="derby", reasons=("lighting",)):
    with engine.begin() as connection:
        report_id = connection.execute(
            insert(unsafe_place_reports).values(
                received_week=week,
                lang="en",
                area=area,
                place="",
                time_of_day="",
                day_of_week="",
                details="",
            )
        ).inserted_primary_key[0]
        for reason in reasons:
            connection.execute(
                insert(unsafe_place_reasons).values(report_id=report_id, reason=reason)
            )


def add_feedback(engine, day: dt.date, message="x"):
    with engine.begin() as connection:
        connection.execute(
            insert(feedback).values(
                received_on=day, lang="en", page="", helped=False, message=message, contact=""
            )
        )


def test_purge_deletes_only_what_is_older_than_the_retention_period(form_app):
    engine = form_app.extensions["db_engine"]
    today = dt.date(2026, 12, 2)
    add_report(engine, dt.date(2025, 11, 24), reasons=("lighting", "groups"))  # 373 days
    add_report(engine, dt.date(2026, 11, 30))
    add_feedback(engine, dt.date(2025, 12, 1), "old")  # 366 days
    add_feedback(engine, dt.date(2025, 12, 2), "a year to the day")
    assert reports.purge(engine, 365, today=today) == {"unsafe-places": 1, "feedback": 1}
    assert [r["received_week"] for r in rows(form_app, unsafe_place_reports)] == [
        dt.date(2026, 11, 30)
    ]
    assert [r["reason"] for r in rows(form_app, unsafe_place_reasons)] == ["lighting"]
    assert [r["message"] for r in rows(form_app, feedback)] == ["a year to the day"]


def test_when_the_database_is_down_she_is_told_and_her_words_are_kept(
    backend, new_app, tmp_path, caplog
):
    if backend.name == "sqlite+memory":
        down = f"sqlite:///{tmp_path}"  # a folder, not a database file: it cannot be opened
    else:
        down = "postgresql://nobody@127.0.0.1:9/none"  # nothing listens on port 9
    app = new_app(DATABASE_URL=down)
    client = app.test_client()
    assert client.get("/en/abuse/stalking").status_code == 200  # pages are unaffected
    soup = BeautifulSoup(client.get("/en/feedback").data, "html.parser")
    words = "The Derby number rang out and nobody answered"
    with caplog.at_level(logging.WARNING):
        response = client.post(
            "/en/feedback",
            data={"csrf_token": csrf_token(soup), "helped": "no", "message": words},
        )
    assert response.status_code == 503
    soup = BeautifulSoup(response.data, "html.parser")
    assert "We could not save this just now" in soup.select_one(".error-summary").get_text()
    assert textarea_value(soup.select_one("#message")) == words
    assert words not in caplog.text  # the warning never carries her words
    assert "Could not save a form" in caplog.text
    public = client.get("/en/unsafe-places/")
    assert public.status_code == 200
    assert "We cannot show these numbers just now" in public.get_data(as_text=True)


def test_when_the_rate_limit_store_is_down_forms_still_work(new_app, caplog):
    app = new_app(RATELIMIT_STORAGE_URI="redis://127.0.0.1:9/0")
    migrate.upgrade(app.extensions["db_engine"])
    client = app.test_client()
    soup = BeautifulSoup(client.get("/en/unsafe-places/report").data, "html.parser")
    with caplog.at_level(logging.WARNING):
        response = client.post(
            "/en/unsafe-places/report",
            data={"csrf_token": csrf_token(soup), "area": "bolsover", "reasons": "isolated"},
        )
    assert response.status_code == 303
    assert "Rate-limit store unavailable" in caplog.text
    assert client.get("/en/").status_code == 200
