"""The help finder's answers and the self-check's statements: plain-words content from
content/find-help.yaml and content/self-check.yaml (English), with their wording in each other
language from content/<lang>/find-help.yaml, checked when the app starts.

A malformed file, a page slug or service key that does not exist, a statement too long to be
plain words, a language without its wording file, or wording for an id that does not exist stops
start-up with a message naming the file (ContentError), like other content. A text not yet
translated is shown in English (marked `lang="en"`) and listed by `flask content check`.
Each wording file records the English revision it was translated from (`translated_from`: both
English files hashed together) and its review status (`review`), for `flask content translations`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

import yaml
from jsonschema import Draft202012Validator

from app.content import ContentError
from app.content.models import AUDIENCES, TOPICS, Review, Wording
from app.content.schema import REVIEW, REVISION, jsonable
from app.content.store import ContentStore
from app.languages import DEFAULT_LANGUAGE, LANGUAGES

MAX_STATEMENT_WORDS = 12
MAX_ANSWER_WORDS = 16

_ID = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}
_SLUGS = {"type": "array", "items": _ID, "minItems": 1, "uniqueItems": True}
_TEXT = {"type": "string", "minLength": 3}

FINDER_SCHEMA = {
    "type": "object",
    "required": ["what_is_happening"],
    "additionalProperties": False,
    "properties": {
        "what_is_happening": {
            "type": "array",
            "minItems": 2,
            "items": {
                "type": "object",
                "required": ["id", "text", "pages"],
                "additionalProperties": False,
                "properties": {
                    "id": _ID,
                    "text": _TEXT,
                    "topics": {"type": "array", "items": {"enum": list(TOPICS)}},
                    "audiences": {"type": "array", "items": {"enum": list(AUDIENCES)}},
                    "pages": _SLUGS,
                    "self_check": {"type": "boolean"},
                    "urgent": {"type": "boolean"},
                },
            },
        }
    },
}

SELF_CHECK_SCHEMA = {
    "type": "object",
    "required": ["talk_it_through", "groups"],
    "additionalProperties": False,
    "properties": {
        "talk_it_through": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "groups": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "title", "page", "topic", "statements"],
                "additionalProperties": False,
                "properties": {
                    "id": _ID,
                    "title": _TEXT,
                    "page": _ID,
                    "topic": {"enum": list(TOPICS)},
                    "statements": {
                        "type": "array",
                        "minItems": 2,
                        "items": {
                            "type": "object",
                            "required": ["id", "text"],
                            "additionalProperties": False,
                            "properties": {"id": _ID, "text": _TEXT},
                        },
                    },
                },
            },
        },
    },
}


_WORDING = {"type": "object", "propertyNames": _ID, "additionalProperties": _TEXT}

# content/<lang>/find-help.yaml: only the translated texts, keyed by the English ids, with the
# English revision they were translated from and their review status.
TRANSLATION_SCHEMA = {
    "type": "object",
    "required": ["translated_from", "review", "what_is_happening", "self_check"],
    "additionalProperties": False,
    "properties": {
        "translated_from": REVISION,
        "review": REVIEW,
        "what_is_happening": _WORDING,
        "self_check": {
            "type": "object",
            "required": ["groups", "statements"],
            "additionalProperties": False,
            "properties": {"groups": _WORDING, "statements": _WORDING},
        },
    },
}

TRANSLATION_FILE = "find-help.yaml"

_NO_TRANSLATIONS: Mapping[str, str] = MappingProxyType({})


def _wording(english: str, translations: Mapping[str, str], lang: str) -> Wording:
    text = translations.get(lang)
    return Wording(text, lang) if text else Wording(english, DEFAULT_LANGUAGE)


@dataclass(frozen=True)
class Answer:
    """One answer to "What is happening?"."""

    id: str
    text: str  # English
    topics: tuple[str, ...]
    audiences: tuple[str, ...]
    pages: tuple[str, ...]
    self_check: bool = False
    urgent: bool = False  # may be dangerous now: 24-hour lines come first among open ones
    # lang -> text, from content/<lang>/find-help.yaml
    translations: Mapping[str, str] = field(
        default_factory=lambda: _NO_TRANSLATIONS, compare=False, repr=False
    )

    def text_for(self, lang: str) -> Wording:
        return _wording(self.text, self.translations, lang)


@dataclass(frozen=True)
class Statement:
    id: str
    text: str  # English; finishes the sentence "Someone close to me…"
    translations: Mapping[str, str] = field(
        default_factory=lambda: _NO_TRANSLATIONS, compare=False, repr=False
    )

    def text_for(self, lang: str) -> Wording:
        return _wording(self.text, self.translations, lang)


@dataclass(frozen=True)
class Group:
    """A type of abuse in the self-check, with its statements, page and topic."""

    id: str
    title: str  # English
    page: str
    topic: str
    statements: tuple[Statement, ...]
    # lang -> title, from content/<lang>/find-help.yaml
    translations: Mapping[str, str] = field(
        default_factory=lambda: _NO_TRANSLATIONS, compare=False, repr=False
    )

    def title_for(self, lang: str) -> Wording:
        return _wording(self.title, self.translations, lang)


@dataclass(frozen=True)
class Provenance:
    """Where a language's wording file came from: the English revision and its review."""

    translated_from: str
    review: Review


@dataclass(frozen=True)
class Guides:
    answers: tuple[Answer, ...]
    groups: tuple[Group, ...]
    talk_it_through: tuple[str, ...]
    # Texts shown in English because a language's file does not translate them yet.
    untranslated: tuple[str, ...] = ()
    # The English files' revision, and each language's provenance (from its wording file).
    english_revision: str = ""
    provenance: Mapping[str, Provenance] = field(default_factory=lambda: MappingProxyType({}))

    def is_outdated(self, lang: str) -> bool:
        """True when the English answers or statements changed after `lang` was translated."""
        return self.provenance[lang].translated_from != self.english_revision

    def answer(self, answer_id: str) -> Answer | None:
        return next((a for a in self.answers if a.id == answer_id), None)

    @property
    def statement_ids(self) -> frozenset[str]:
        return frozenset(s.id for g in self.groups for s in g.statements)


def _read(path: Path, schema: dict) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ContentError(f"{path}: cannot read YAML: {exc}") from exc
    errors = sorted(
        Draft202012Validator(schema).iter_errors(jsonable(data)), key=lambda e: list(e.path)
    )
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path)
        raise ContentError(f"{path}: {where}: {errors[0].message}")
    return data


def _check(path: Path, problems: list[str]) -> None:
    if problems:
        raise ContentError(f"{path}: " + "; ".join(problems))


def load_guides(content_dir: Path, store: ContentStore) -> Guides:
    finder_path = content_dir / "find-help.yaml"
    check_path = content_dir / "self-check.yaml"
    finder = _read(finder_path, FINDER_SCHEMA)
    check = _read(check_path, SELF_CHECK_SCHEMA)

    problems: list[str] = []
    answers = []
    for item in finder["what_is_happening"]:
        answer = Answer(
            id=item["id"],
            text=item["text"],
            topics=tuple(item.get("topics") or ()),
            audiences=tuple(item.get("audiences") or ()),
            pages=tuple(item["pages"]),
            self_check=item.get("self_check", False),
            urgent=item.get("urgent", False),
        )
        if not answer.topics and not answer.audiences:
            problems.append(f"{answer.id}: give topics or audiences")
        if len(answer.text.split()) > MAX_ANSWER_WORDS:
            problems.append(f"{answer.id}: more than {MAX_ANSWER_WORDS} words")
        problems.extend(
            f"{answer.id}: no page {slug!r}" for slug in answer.pages if not store.page("en", slug)
        )
        answers.append(answer)
    if len({a.id for a in answers}) != len(answers):
        problems.append("answer ids must be unique")
    _check(finder_path, problems)

    groups = []
    for item in check["groups"]:
        statements = tuple(Statement(s["id"], s["text"]) for s in item["statements"])
        group = Group(item["id"], item["title"], item["page"], item["topic"], statements)
        if not store.page("en", group.page):
            problems.append(f"{group.id}: no page {group.page!r}")
        problems.extend(
            f"{s.id}: more than {MAX_STATEMENT_WORDS} words"
            for s in statements
            if len(s.text.split()) > MAX_STATEMENT_WORDS
        )
        groups.append(group)
    ids = [s.id for g in groups for s in g.statements] + [g.id for g in groups]
    if len(ids) != len(set(ids)):
        problems.append("group and statement ids must be unique")
    problems.extend(
        f"talk_it_through: unknown service {key!r}"
        for key in check["talk_it_through"]
        if key not in store.services
    )
    _check(check_path, problems)
    english = Guides(tuple(answers), tuple(groups), tuple(check["talk_it_through"]))
    return _translate(english, content_dir, english_revision(finder_path, check_path))


def english_revision(finder_path: Path, check_path: Path) -> str:
    """The revision a wording file is translated from: both English files, hashed together."""
    digest = hashlib.sha256(finder_path.read_bytes())
    digest.update(check_path.read_bytes())
    return digest.hexdigest()[:12]


def _translate(guides: Guides, content_dir: Path, revision: str) -> Guides:
    """The guides with each language's wording from content/<lang>/find-help.yaml."""
    answers = {a.id: {} for a in guides.answers}
    groups = {g.id: {} for g in guides.groups}
    statements = {s.id: {} for g in guides.groups for s in g.statements}
    untranslated: list[str] = []
    provenance: dict[str, Provenance] = {}
    for lang in LANGUAGES:
        if lang == DEFAULT_LANGUAGE:
            continue
        path = content_dir / lang / TRANSLATION_FILE
        if not path.is_file():
            raise ContentError(f"{path}: missing: every language needs the help finder's wording")
        data = _read(path, TRANSLATION_SCHEMA)
        provenance[lang] = Provenance(
            data["translated_from"], Review.from_front_matter(data["review"])
        )
        problems: list[str] = []
        for where, texts, known in (
            ("what_is_happening", data["what_is_happening"], answers),
            ("self_check/groups", data["self_check"]["groups"], groups),
            ("self_check/statements", data["self_check"]["statements"], statements),
        ):
            problems.extend(f"{where}: unknown id {key!r}" for key in texts if key not in known)
            untranslated.extend(
                f"{path}: {where}: {key!r} not translated, shown in English"
                for key in known
                if key not in texts
            )
            for key, text in texts.items():
                if key in known:
                    known[key][lang] = text.strip()
        problems.extend(
            f"self_check/statements: {key}: more than {MAX_STATEMENT_WORDS} words"
            for key, text in data["self_check"]["statements"].items()
            if len(text.split()) > MAX_STATEMENT_WORDS
        )
        problems.extend(
            f"what_is_happening: {key}: more than {MAX_ANSWER_WORDS} words"
            for key, text in data["what_is_happening"].items()
            if len(text.split()) > MAX_ANSWER_WORDS
        )
        _check(path, problems)

    def frozen(texts: dict[str, str]) -> Mapping[str, str]:
        return MappingProxyType(texts) if texts else _NO_TRANSLATIONS

    return Guides(
        answers=tuple(replace(a, translations=frozen(answers[a.id])) for a in guides.answers),
        groups=tuple(
            replace(
                g,
                translations=frozen(groups[g.id]),
                statements=tuple(
                    replace(s, translations=frozen(statements[s.id])) for s in g.statements
                ),
            )
            for g in guides.groups
        ),
        talk_it_through=guides.talk_it_through,
        untranslated=tuple(untranslated),
        english_revision=revision,
        provenance=MappingProxyType(provenance),
    )
