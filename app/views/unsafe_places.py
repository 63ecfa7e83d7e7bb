"""`/<lang>/unsafe-places`: report a place where you felt unsafe, and what people have told us.

Not a crime report: the page says so first, with 999, 101 and online reporting taken from the
services data. The form asks where, when and why, never who.
"""

from __future__ import annotations

from flask import Blueprint, g, render_template, request

from app import db, reports, submission
from app.forms import REASONS, UnsafePlaceForm
from app.state import content

bp = Blueprint("unsafe_places", __name__, url_prefix="/<lang>/unsafe-places")

TEMPLATE = "forms/unsafe_place.html"


def _reporting_routes() -> dict:
    """101 and online reporting (create_app checks these records exist; 999 is on every page)."""
    services = content().services
    return {
        "police_101": services["derbyshire_police_101"].first_channel("phone"),
        "online": services["derbyshire_police_online_reporting"].first_channel("web"),
    }


@bp.route("/report", methods=["GET", "POST"])
def report():
    form = UnsafePlaceForm()
    routes = _reporting_routes()
    if request.method != "POST":  # GET, and HEAD (which must not count as a post)
        return render_template(TEMPLATE, form=form, routes=routes)

    def save():
        db.save_unsafe_place(
            lang=g.lang,
            area=form.area.data,
            place=(form.place.data or "").strip(),
            time_of_day=form.time_of_day.data or "",
            day_of_week=form.day_of_week.data or "",
            reasons=form.reasons.data,
            details=(form.details.data or "").strip(),
            submission_id=form.submission_id.data,
        )

    return submission.take(
        form,
        scope="unsafe-place",
        template=TEMPLATE,
        save=save,
        thanks="unsafe_places.thanks",
        routes=routes,
    )


@bp.get("/report/thanks")
def thanks():
    return render_template("forms/unsafe_place_thanks.html")


@bp.get("/")
def what_you_told_us():
    """Counts by area and by reason only, each under 5 hidden; never anything anyone wrote."""
    try:
        counts = reports.public_counts(db.engine())
    except db.DatabaseUnavailable:
        counts = None
    return render_template("forms/what_you_told_us.html", counts=counts, REASON_NAMES=REASONS)
