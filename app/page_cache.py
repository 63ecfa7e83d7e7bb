"""Rendered pages kept in memory, so each content page is rendered at most once a minute.

Content is immutable after start-up; the only thing on a page that can change is time-based
(e.g. "open now" on service cards), and that is minute-grained, so entries last for the current
minute. Content pages are keyed by path; directory pages by path and their (public, shareable)
filter parameters. The cache holds a bounded number of entries, least recently used first out.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from flask import current_app, render_template, request


class RenderCache:
    """Least-recently-used, at most `max_entries` pages, each valid for the current minute."""

    def __init__(
        self, seconds: int = 60, clock: Callable[[], float] = time.time, max_entries: int = 1024
    ):
        self.seconds = seconds
        self.clock = clock
        self.max_entries = max_entries
        self._entries: OrderedDict[str, tuple[int, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_render(self, key: str, render: Callable[[], str]) -> str:
        bucket = int(self.clock() // self.seconds)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == bucket:
                self._entries.move_to_end(key)
                return entry[1]
        html = render()
        with self._lock:
            self._entries[key] = (bucket, html)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return html

    def keys(self) -> list[str]:
        """What is kept, oldest first (for tests: keys must never hold a reader's answers)."""
        with self._lock:
            return list(self._entries)


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


CACHED_ENDPOINTS = frozenset({"pages.home", "pages.section", "pages.page", "services.service"})


def cached(key: str, render: Callable[[], str], cache_name: str = "page_cache") -> str:
    """Render through the app's page cache when it has one (not in tests)."""
    cache = current_app.extensions.get(cache_name)
    return cache.get_or_render(key, render) if cache is not None else render()


# Stands for the `main` block in a cached layout; a NUL never occurs in rendered HTML.
MAIN_SLOT = "\x00main\x00"


def render_main(template_name: str, **context) -> str:
    """Render a page whose layout (everything outside its `main` block) depends only on the
    request's method and path, such as the help finder's answer: the layout is rendered at most
    once a minute per page and kept in the app's page cache, and each request renders only its
    `main` block into it. The page's `main` block must import what it uses itself (a block
    rendered alone does not run the template's top-level imports). Without a page cache (tests)
    it is an ordinary render_template."""
    cache = current_app.extensions.get("page_cache")
    if cache is None:
        return render_template(template_name, **context)
    current_app.update_template_context(context)
    template = current_app.jinja_env.get_or_select_template(template_name)

    def layout() -> str:
        page = template.new_context(context)
        page.blocks["main"] = [lambda _context: iter((MAIN_SLOT,))]
        return "".join(template.root_render_func(page))

    key = f"layout|{template_name}|{request.method}|{request.path}"
    before, _, after = cache.get_or_render(key, layout).partition(MAIN_SLOT)
    main = "".join(template.blocks["main"](template.new_context(context)))
    return before + main + after


def compress_cache_key(request) -> str:
    if request.method == "GET" and request.endpoint in CACHED_ENDPOINTS:
        return f"{request.path}|{int(time.time() // 60)}"
    return "-"
