"""One way to take a public form post: rate limit, honeypot, checks, save, then redirect.

Whatever goes wrong, she sees the form again with what she typed still in it and a message in
the page's language: too many posts (429), an answer to fix or an expired form (400), or the
database unavailable (503). Nothing she typed is logged.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import redirect, render_template, url_for

from app import rate_limit
from app.db import DatabaseUnavailable
from app.forms import PublicForm


def take(
    form: PublicForm,
    *,
    scope: str,
    template: str,
    save: Callable[[], None],
    thanks: str,
    **context,
):
    """Handle a POST of `form`; `save` stores it; `thanks` is the endpoint to redirect to."""

    def again(status: int, **problem):
        return render_template(template, form=form, **context, **problem), status

    if not rate_limit.allow(scope):
        return again(429, too_many=True)
    if form.is_bot:
        # Looks like success to the bot; nothing is stored.
        return redirect(url_for(thanks), code=303)
    if not form.validate():
        return again(400)
    try:
        save()
    except DatabaseUnavailable:
        return again(503, save_failed=True)
    return redirect(url_for(thanks), code=303)
