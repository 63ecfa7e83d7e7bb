"""Directory fixtures: a way to fix "now" for a test without freezing the clock globally."""

from __future__ import annotations

import datetime as dt

import pytest

from app.directory.hours import LONDON


@pytest.fixture
def at(app, monkeypatch):
    """`at(2026, 6, 3, 10, 0)` makes every page in this test see that London time as now."""

    def _set(*args) -> dt.datetime:
        when = dt.datetime(*args, tzinfo=LONDON)
        monkeypatch.setitem(app.config, "DIRECTORY_NOW", lambda: when)
        return when

    return _set
