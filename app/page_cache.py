"""Rendered pages kept in memory, so each content page is rendered at most once a minute.

Content is immutable after start-up; the only thing on a page that can change is time-based
(e.g. "open now" on service cards), and that is minute-grained, so the cache key includes the
current minute. Entries are keyed by path, so the cache never grows beyond the site's size.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RenderCache:
    def __init__(self, seconds: int = 60, clock: Callable[[], float] = time.time):
        self.seconds = seconds
        self.clock = clock
        self._entries: dict[str, tuple[int, str]] = {}
        self._lock = threading.Lock()

    def get_or_render(self, key: str, render: Callable[[], str]) -> str:
        bucket = int(self.clock() // self.seconds)
        entry = self._entries.get(key)
        if entry is not None and entry[0] == bucket:
            return entry[1]
        html = render()
        with self._lock:
            self._entries[key] = (bucket, html)
        return html


class CompressedPageCache:
    """A Flask-Compress cache backend holding compressed content pages.

    Keys come from `compress_cache_key`: "<algorithm>;<path>|<minute>" for content pages and
    "<algorithm>;-" for everything else, which is never stored (search results, forms and the
    API vary by more than their path). One entry per path and algorithm; the minute must match.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[str, bytes]] = {}

    @staticmethod
    def _split(key: str) -> tuple[str, str] | None:
        slot, sep, bucket = key.rpartition("|")
        return (slot, bucket) if sep else None

    def get(self, key: str) -> bytes | None:
        parts = self._split(key)
        if parts is None:
            return None
        entry = self._entries.get(parts[0])
        return entry[1] if entry is not None and entry[0] == parts[1] else None

    def set(self, key: str, value: bytes) -> None:
        parts = self._split(key)
        if parts is not None:
            self._entries[parts[0]] = (parts[1], value)


def compress_cache_key(request) -> str:
    if request.method == "GET" and (request.endpoint or "").startswith("pages."):
        return f"{request.path}|{int(time.time() // 60)}"
    return "-"
