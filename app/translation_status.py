"""Where each language's translations stand: what `flask content translations` prints.

Four kinds of translation, each recording the English revision it came from (or, for the
catalogue, being checked against the current messages.pot) and who has reviewed it:
- pages: `content/<lang>/**.md` with `translated_from` and `review` in front matter (a
  professionals' page translated as a summary, `english_body: true`, counts as translated);
- services: `content/<lang>/services/<key>.yaml`, likewise;
- the help finder's and self-check's wording: `content/<lang>/find-help.yaml`, likewise;
- interface strings: `translations/<lang>/LC_MESSAGES/messages.po`, whose header names the team
  and carries a `# Review: machine` (or `# Review: reviewed by NAME on YYYY-MM-DD`) line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from app.content.models import MACHINE_REVIEW, Page, Review
from app.content.store import ContentStore
from app.directory.guides import Guides

REVIEW_LINE = re.compile(
    r"^# Review: (?:(?P<machine>machine)"
    r"|reviewed by (?P<reviewer>.+) on (?P<date>\d{4}-\d{2}-\d{2}))$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Coverage:
    """Pages by where their file lives under content/<lang>/ ("abuse/stalking", "help/index"), or
    services by key."""

    translated: tuple[str, ...]  # with a translation
    outdated: tuple[str, ...]  # translated from an older English revision
    missing: tuple[str, ...]  # shown in English
    reviewed: tuple[str, ...]  # signed off by a native speaker


@dataclass(frozen=True)
class CatalogueStatus:
    translated: int
    total: int
    team: str
    review: Review | None  # None when the header has no Review line


@dataclass(frozen=True)
class LanguageStatus:
    lang: str
    pages: Coverage
    services: Coverage
    finder_outdated: bool
    finder_review: Review
    catalogue: CatalogueStatus


def _file(page: Page) -> str:
    if page.section == "home":
        return "home"
    return f"{page.section}/{'index' if page.is_index else page.slug}"


def page_status(store: ContentStore, lang: str) -> Coverage:
    pages = sorted(store.all_pages(lang), key=_file)
    translated = [p for p in pages if not p.is_fallback]
    return Coverage(
        translated=tuple(_file(p) for p in translated),
        outdated=tuple(
            _file(p) for p in translated if p.translated_from != store.english_revisions[p.slug]
        ),
        missing=tuple(_file(p) for p in pages if p.is_fallback),
        reviewed=tuple(_file(p) for p in translated if p.review and p.review.is_reviewed),
    )


def service_status(store: ContentStore, lang: str) -> Coverage:
    keys = sorted(store.services)
    translations = [t for key in keys if (t := store.service_translation(lang, key))]
    return Coverage(
        translated=tuple(t.key for t in translations),
        outdated=tuple(
            t.key for t in translations if t.translated_from != store.service_revisions[t.key]
        ),
        missing=tuple(key for key in keys if store.service_translation(lang, key) is None),
        reviewed=tuple(t.key for t in translations if t.review.is_reviewed),
    )


def catalogue_review(header_comment: str) -> Review | None:
    match = REVIEW_LINE.search(header_comment)
    if match is None:
        return None
    if match["machine"]:
        return MACHINE_REVIEW
    return Review("reviewed", match["reviewer"], dt.date.fromisoformat(match["date"]))


def _is_translated(string: str | tuple[str, ...] | list[str] | None) -> bool:
    """A singular msgstr, or every plural form, is filled in."""
    forms = tuple(string) if isinstance(string, tuple | list) else (string,)
    return all(forms)


def catalogue_status(translations_dir: Path, lang: str) -> CatalogueStatus:
    """How much of a language's interface catalogue is translated, and who made and checked it."""
    with open(translations_dir / lang / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = read_po(po, locale=lang.replace("-", "_"))
    messages = [m for m in catalogue if m.id]
    translated = [m for m in messages if _is_translated(m.string) and not m.fuzzy]
    return CatalogueStatus(
        translated=len(translated),
        total=len(messages),
        team=catalogue.last_translator or "",
        review=catalogue_review(catalogue.header_comment),
    )


def language_status(
    store: ContentStore, guides: Guides, translations_dir: Path, lang: str
) -> LanguageStatus:
    return LanguageStatus(
        lang=lang,
        pages=page_status(store, lang),
        services=service_status(store, lang),
        finder_outdated=guides.is_outdated(lang),
        finder_review=guides.provenance[lang].review,
        catalogue=catalogue_status(translations_dir, lang),
    )
