"""`/<lang>/feedback`: tell us something is wrong. The only page that stores what people send."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, url_for

from app import db, rate_limit
from app.forms import PAGE_MAX, FeedbackForm

bp = Blueprint("feedback", __name__, url_prefix="/<lang>")


def _safe_page(value: str) -> str:
    """Only a path on this site is kept as the page the feedback is about."""
    value = (value or "").strip()[:PAGE_MAX]
    return value if value.startswith("/") and not value.startswith("//") else ""


@bp.route("/feedback", methods=["GET", "POST"])
def form():
    feedback_form = FeedbackForm()
    if request.method != "POST":  # GET, and HEAD (which must not count as a post)
        feedback_form.page.data = _safe_page(request.args.get("page", ""))
        return render_template("forms/feedback.html", form=feedback_form)
    if not rate_limit.allow("feedback"):
        return render_template("forms/feedback.html", form=feedback_form, too_many=True), 429
    if not feedback_form.validate():
        return render_template("forms/feedback.html", form=feedback_form), 400
    db.save_feedback(
        lang=g.lang,
        page=feedback_form.page.data or "",
        message=feedback_form.message.data.strip(),
        contact=(feedback_form.contact.data or "").strip(),
    )
    return redirect(url_for("feedback.thanks"), code=303)


@bp.get("/feedback/thanks")
def thanks():
    return render_template("forms/feedback_thanks.html")
