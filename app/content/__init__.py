"""Curated content: pages (Markdown) and services (YAML), loaded once into immutable objects.

`load_content(content_dir)` returns a `ContentStore`; views read from it, never from disk.
"""

from app.content.errors import ContentError
from app.content.loader import load_content
from app.content.models import Channel, OpeningSpan, Page, Service
from app.content.store import ContentStore

__all__ = [
    "Channel",
    "ContentError",
    "ContentStore",
    "OpeningSpan",
    "Page",
    "Service",
    "load_content",
]
