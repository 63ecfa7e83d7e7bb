"""What the partnership reads from the forms: export, summary counts, purge, public counts.

Used by `flask reports ...` (app/cli.py) and the public "What you told us" page. The public
counts are by council area and by reason only, never crossed with each other or with time, and
any count under SUPPRESS_BELOW is shown only as "fewer than 5", so no one report can be singled
out. Nothing anyone wrote is ever public.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.content.models import AREAS
from app.db import (
    DatabaseUnavailable,
    feedback,
    unsafe_place_reasons,
    unsafe_place_reports,
    week_of,
)
from app.forms import REASONS

SUPPRESS_BELOW = 5
KINDS = ("unsafe-places", "feedback")


def exported_columns(table) -> list:
    """A table's columns as exported: all but the one-time form id, which only stops a post
    being saved twice (app/db.py) and means nothing to a reader."""
    return [column for column in table.columns if column.name != "submission_id"]


def unsafe_place_rows(engine: Engine, since: dt.date | None = None) -> list[dict]:
    """Every unsafe-place report received in or after the week of `since`, oldest first."""
    query = select(*exported_columns(unsafe_place_reports)).order_by(unsafe_place_reports.c.id)
    if since:
        query = query.where(unsafe_place_reports.c.received_week >= week_of(since))
    with engine.connect() as connection:
        rows = [dict(row._mapping) for row in connection.execute(query)]
        reasons: dict[int, list[str]] = {}
        for report_id, reason in connection.execute(
            select(unsafe_place_reasons.c.report_id, unsafe_place_reasons.c.reason)
        ):
            reasons.setdefault(report_id, []).append(reason)
    for row in rows:
        row["reasons"] = sorted(reasons.get(row["id"], []), key=_reason_order)
    return rows


def feedback_rows(engine: Engine, since: dt.date | None = None) -> list[dict]:
    """Every page-feedback message received on or after `since`, oldest first."""
    query = select(*exported_columns(feedback)).order_by(feedback.c.id)
    if since:
        query = query.where(feedback.c.received_on >= since)
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def _reason_order(reason: str) -> int:
    return list(REASONS).index(reason) if reason in REASONS else len(REASONS)


def summary(engine: Engine, since: dt.date | None = None) -> dict[str, Counter]:
    """Counts of unsafe-place reports by area, time of day, day and reason; feedback by answer."""
    reports = unsafe_place_rows(engine, since)
    messages = feedback_rows(engine, since)
    return {
        "reports": Counter({"all": len(reports)}),
        "area": Counter(row["area"] for row in reports),
        "time_of_day": Counter(row["time_of_day"] or "not given" for row in reports),
        "day_of_week": Counter(row["day_of_week"] or "not given" for row in reports),
        "reason": Counter(reason for row in reports for reason in row["reasons"]),
        "feedback": Counter(
            {None: "not asked", True: "helped", False: "did not help"}[row["helped"]]
            for row in messages
        ),
    }


def purge(engine: Engine, older_than_days: int, today: dt.date | None = None) -> dict[str, int]:
    """Delete what arrived more than `older_than_days` days before `today`; return the counts."""
    cutoff = (today or dt.date.today()) - dt.timedelta(days=older_than_days)
    with engine.begin() as connection:
        old_reports = select(unsafe_place_reports.c.id).where(
            unsafe_place_reports.c.received_week < cutoff
        )
        # Reasons first, so this works whether or not the database enforces the foreign key.
        connection.execute(
            delete(unsafe_place_reasons).where(unsafe_place_reasons.c.report_id.in_(old_reports))
        )
        reports = connection.execute(
            delete(unsafe_place_reports).where(unsafe_place_reports.c.received_week < cutoff)
        ).rowcount
        messages = connection.execute(
            delete(feedback).where(feedback.c.received_on < cutoff)
        ).rowcount
    return {"unsafe-places": reports, "feedback": messages}


def public_counts(engine: Engine) -> dict[str, list[tuple[str, int | None]]]:
    """Reports by area and by reason, in a fixed order; None stands for "fewer than 5"."""
    try:
        with engine.connect() as connection:
            by_area: dict[str, int] = dict(
                connection.execute(
                    select(unsafe_place_reports.c.area, func.count()).group_by(
                        unsafe_place_reports.c.area
                    )
                ).all()
            )
            by_reason: dict[str, int] = dict(
                connection.execute(
                    select(unsafe_place_reasons.c.reason, func.count()).group_by(
                        unsafe_place_reasons.c.reason
                    )
                ).all()
            )
    except SQLAlchemyError:
        raise DatabaseUnavailable from None

    def shown(count: int) -> int | None:
        return count if count >= SUPPRESS_BELOW else None

    return {
        "areas": [(area, shown(by_area.get(area, 0))) for area in AREAS],
        "reasons": [(reason, shown(by_reason.get(reason, 0))) for reason in REASONS],
    }
