"""The request's clock: the moment a request is answered for, and what is open then, each worked
out once per request (app/directory/hours.py is the pure time maths, app/display.py the words).

The `DIRECTORY_NOW` setting (tests only) is a function returning the moment to use.
"""

from __future__ import annotations

import datetime as dt

from flask import current_app, g

from app.content.models import Channel
from app.directory.filter_match import open_now_keys
from app.directory.hours import ChannelStatus, channel_status, london_now, to_london
from app.state import content


def app_now() -> dt.datetime:
    """The current time for this request, in London, kept for the rest of the request."""
    if (cached := g.get("directory_now")) is not None:
        return cached
    clock = current_app.config.get("DIRECTORY_NOW") or london_now
    now: dt.datetime = to_london(clock())
    g.directory_now = now
    return now


def open_keys() -> frozenset[str]:
    """Keys of the services open at this request's moment."""
    if (keys := g.get("open_keys")) is None:
        keys = g.open_keys = open_now_keys(content().services.values(), app_now())
    return keys


def status_now(channel: Channel) -> ChannelStatus:
    """A channel's status at this request's moment."""
    cache: dict[int, ChannelStatus] = g.setdefault("channel_statuses", {})
    key = id(channel)  # channels live as long as the app (content is read-only)
    if key not in cache:
        cache[key] = channel_status(channel, app_now())
    return cache[key]
