"""The database: SQLAlchemy Core tables for what users choose to send, and nothing else.

Only what the user types is stored, with the date it arrived: no IP address, no time of day,
no user agent. SQLite by default (DATABASE_URL); PostgreSQL when several servers share it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import Column, Date, Integer, MetaData, String, Table, Text, create_engine, insert
from sqlalchemy.engine import Engine

metadata = MetaData()

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("received_on", Date, nullable=False),
    Column("lang", String(10), nullable=False),
    Column("page", String(300), nullable=False, default=""),
    Column("message", Text, nullable=False),
    Column("contact", String(200), nullable=False, default=""),
)


def engine() -> Engine:
    return current_app.extensions["db_engine"]


def save_feedback(lang: str, page: str, message: str, contact: str) -> None:
    with engine().begin() as connection:
        connection.execute(
            insert(feedback).values(
                received_on=dt.date.today(), lang=lang, page=page, message=message, contact=contact
            )
        )


def init_app(app: Flask) -> None:
    url = app.config["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    db_engine = create_engine(url, pool_pre_ping=True)
    metadata.create_all(db_engine)
    app.extensions["db_engine"] = db_engine
