"""A small site on disk for loader tests: one service, an English home page, and helpers to write
English pages and their translations."""

from __future__ import annotations

import textwrap
from pathlib import Path

from app.content import ContentStore, load_content
from tests.conftest import LINKS

LABELS = {"check": "Please check", "warning": "Stay safe", "then_press": "then press %(keys)s"}

SERVICE = """\
key: test_line
name: "Test Line"
description: "A helpline used in tests."
kind: helpline
areas: [national]
audiences: [anyone]
topics: [domestic-abuse]
languages: [en]
cost: free
referral: [self]
channels:
  - {id: phone, type: phone, value: "0808 2000 247", label: "Freephone", hours: always}
  - {id: text, type: text, value: "07800 002414", check: "Check the number first."}
source_url: "https://example.org/source"
confidence: high
last_reviewed: 2026-11-25
"""


def page(body: str, title: str = "A page", section: str = "abuse", **extra) -> str:
    """A page file: front matter (with `extra` keys, e.g. translated_from) and a Markdown body."""
    lines = [
        "---",
        f'title: "{title}"',
        'summary: "One sentence."',
        f"section: {section}",
        "audiences: [women]",
        "topics: [stalking]",
        "last_reviewed: 2026-11-25",
        'sources: ["https://example.org/a"]',
        *(f"{key}: {value}" for key, value in extra.items()),
        "---",
        textwrap.dedent(body),
    ]
    return "\n".join(lines)


def translation(body: str, title: str = "Strona", section: str = "abuse", **extra) -> str:
    return page(body, title, section, translated_from='"0123456789ab"', review="machine", **extra)


def make_site(root: Path, languages=("pl",)) -> Path:
    (root / "services").mkdir()
    (root / "services" / "test_line.yaml").write_text(SERVICE)
    (root / "en").mkdir()
    (root / "en" / "home.md").write_text(page("Hello.", "Home", "home"), encoding="utf-8")
    for lang in languages:
        (root / lang).mkdir()
    return root


def write(root: Path, lang: str, section: str, slug: str, text: str) -> None:
    folder = root / lang / section
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{slug}.md").write_text(text, encoding="utf-8")


def load(root: Path, languages=("en", "pl")) -> ContentStore:
    return load_content(root, list(languages), lambda lang: LABELS, LINKS)
