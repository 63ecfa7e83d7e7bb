"""Everything read from content/, loaded and checked once at start-up, in one place: pages and
services with their translations (app/content/), the help finder's and self-check's wording
(app/directory/guides.py) and the search vocabulary (app/search/vocabulary.py).

A malformed file stops start-up with a ContentError naming it; so does a missing record the site
cannot work without. Problems that need the whole site to see are kept for `flask content check`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from app.content import ContentError, ContentStore, load_content
from app.directory.guides import Guides, load_guides
from app.languages import LANGUAGES
from app.search.vocabulary import VOCABULARY_FILE, Vocabulary, load_vocabulary
from app.urls import Links

# The emergency strip on every page is built from these records; the site must not start
# without them.
EMERGENCY_SERVICES = ("emergency_999", "silent_solution", "relay_uk", "emergency_sms", "bsl_999")
# "Report an unsafe place" names the other ways to report a crime; they must exist too.
REPORTING_SERVICES = ("derbyshire_police_101", "derbyshire_police_online_reporting")


@dataclass(frozen=True)
class SiteContent:
    store: ContentStore
    guides: Guides
    vocabulary: Vocabulary


def _require(store: ContentStore, keys: tuple[str, ...], what: str) -> None:
    missing = [key for key in keys if key not in store.services]
    if missing:
        raise ContentError(f"content/services: {what} records missing: {', '.join(missing)}")


def load_site_content(
    content_dir: Path, labels_for: Callable[[str], Mapping[str, str]], links: Links
) -> SiteContent:
    """Read and check every content file. Needs an app context (for translated labels)."""
    store = load_content(content_dir, LANGUAGES, labels_for, links)
    _require(store, EMERGENCY_SERVICES, "emergency")
    _require(store, REPORTING_SERVICES, "reporting")
    guides = load_guides(content_dir, store)
    # A malformed vocabulary raises a VocabularyError, which is a ContentError.
    vocabulary = load_vocabulary(content_dir / VOCABULARY_FILE)
    return SiteContent(store, guides, vocabulary)
