"""The Whoosh schema: one per language, the same fields, that language's analyzers.

Pages and services share an index and are told apart by `kind`. Field weights live in
`FIELD_BOOSTS` and are applied at query time (query.py), so they can be tuned without a rebuild.
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from app.search.analyzers import plain_analyzer, text_analyzer

# Bump when the schema, analysis or storage changes: it is part of the content hash, so indexes
# rebuild.
SCHEMA_VERSION = "7"

PAGE = "page"
SERVICE = "service"

# The scored text fields and their weight: what a page is called and the words people use for it
# count for more than a passing mention in the body.
FIELD_BOOSTS: dict[str, float] = {
    "title": 5.0,
    "keywords": 4.0,
    "about": 2.0,  # summary, headings, and topic, audience and area names
    "body": 1.0,
}


def build_schema(lang: str) -> Schema:
    """The schema for one language's index."""
    text = text_analyzer(lang)
    return Schema(
        ref=ID(stored=True, unique=True),  # "page:<slug>" or "service:<key>"
        kind=ID(stored=True),
        slug=STORED,  # page slug or service key
        section=ID(stored=True),
        audiences=KEYWORD(commas=True, lowercase=False),
        topics=KEYWORD(commas=True, lowercase=False),
        areas=KEYWORD(commas=True, lowercase=False),
        title=TEXT(analyzer=text, stored=True, phrase=False),
        keywords=TEXT(analyzer=text, phrase=False),
        about=TEXT(analyzer=text, phrase=False),
        # chars=True keeps character offsets, so excerpts are cut without re-reading the text.
        body=TEXT(analyzer=text, stored=True, phrase=True, chars=True),
        plain=TEXT(analyzer=plain_analyzer(lang), phrase=False),
        # Each two words that follow each other in the title, or in one keyword phrase, as one
        # term ("check phone"): phrases are matched by looking these up, which costs a fraction
        # of reading word positions.
        title_pairs=KEYWORD(commas=True, scorable=True, lowercase=False),
        keyword_pairs=KEYWORD(commas=True, scorable=True, lowercase=False),
    )
