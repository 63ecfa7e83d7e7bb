"""`/<lang>/feedback`: is something wrong or missing on this page? Did it help?

Every page ends with a small form (a button that looks like a link) that posts the page's path
here, so the form knows which page it is about without the path appearing in an address, the
browser's history or a server log.
"""

from __future__ import annotations

from flask import Blueprint, g, render_template, request

from app import db, submission
from app.forms import PAGE_MAX, FeedbackForm

bp = Blueprint("feedback", __name__, url_prefix="/<lang>")

TEMPLATE = "forms/feedback.html"


def safe_page(value: str) -> str:
    """Only a path on this site is filled in as the page the feedback is about (what she types
    in the box herself is kept as she typed it)."""
    value = (value or "").strip()[:PAGE_MAX]
    return value if value.startswith("/") and not value.startswith("//") else ""


@bp.route("/feedback", methods=["GET", "POST"])
def form():
    feedback_form = FeedbackForm()
    if request.method != "POST":  # GET, and HEAD (which must not count as a post)
        return render_template(TEMPLATE, form=feedback_form)

    def save():
        db.save_feedback(
            lang=g.lang,
            page=(feedback_form.page.data or "").strip(),
            helped=feedback_form.helped.data == "yes",
            message=(feedback_form.message.data or "").strip(),
            contact=(feedback_form.contact.data or "").strip(),
            submission_id=feedback_form.submission_id.data,
        )

    return submission.take(
        feedback_form, scope="feedback", template=TEMPLATE, save=save, thanks="feedback.thanks"
    )


@bp.post("/feedback/page")
def about_page():
    """The form, opened from the end of a page: the page's path came in the request body."""
    feedback_form = FeedbackForm(formdata=None)
    feedback_form.page.data = safe_page(request.form.get("page", ""))
    return render_template(TEMPLATE, form=feedback_form)


@bp.get("/feedback/thanks")
def thanks():
    return render_template("forms/feedback_thanks.html")
