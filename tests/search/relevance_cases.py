"""The relevance cases: tests/search/relevance.yaml plus one file per language in relevance/.

Each file maps a language code to a list of {query, expect}; a query repeated across files is
kept once (the first wins).
"""

from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).parent
FILES = [HERE / "relevance.yaml", *sorted((HERE / "relevance").glob("*.yaml"))]


def load_cases() -> dict[str, list[dict]]:
    cases: dict[str, list[dict]] = {}
    for path in FILES:
        for lang, entries in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            known = {case["query"] for case in cases.setdefault(lang, [])}
            for case in entries:
                if case["query"] not in known:
                    cases[lang].append(case)
                    known.add(case["query"])
    return cases
