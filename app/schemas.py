"""The JSON Schema of each kind of content file, for people and tools that write content.

Each schema is made from the one definition of its content type (the frozen dataclasses of
app/content/models.py, app/directory/guides.py and app/search/vocabulary.py), so it cannot drift
from what start-up checks. `make schemas` (`flask content schema`) writes them to
docs/schemas/<kind>.json; a test fails while the committed files are out of date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.content.models import FrontMatter, Service, ServiceTranslationFile
from app.content.validation import json_schema
from app.directory.guides import FinderFile, SelfCheckFile, WordingFile
from app.search.vocabulary import VocabularyFile

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# kind -> (content type, the files it describes)
CONTENT_TYPES: dict[str, tuple[Any, str]] = {
    "page": (FrontMatter, "The front matter of content/<lang>/<section>/<slug>.md"),
    "service": (Service, "content/services/<key>.yaml"),
    "service-translation": (ServiceTranslationFile, "content/<lang>/services/<key>.yaml"),
    "find-help": (FinderFile, "content/find-help.yaml"),
    "self-check": (SelfCheckFile, "content/self-check.yaml"),
    "find-help-translation": (WordingFile, "content/<lang>/find-help.yaml"),
    "synonyms": (VocabularyFile, "content/synonyms.yaml"),
}


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of content file."""
    content_type, files = CONTENT_TYPES[kind]
    return {
        "$schema": SCHEMA_DIALECT,
        "title": kind,
        "$comment": files,
        **json_schema(content_type),
    }


def schema_text(kind: str) -> str:
    """The schema as committed: two-space indents, keys sorted, UTF-8, a final newline."""
    return json.dumps(schema(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema to `directory/<kind>.json`; the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in CONTENT_TYPES:
        path = directory / f"{kind}.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written
