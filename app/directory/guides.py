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
from typing import Annotated

from pydantic import AfterValidator, Field, Strict
from pydantic.json_schema import SkipJsonSchema

from app.content.errors import ContentError
from app.content.models import (
    FORBID_EXTRA,
    Audience,
    Review,
    ReviewField,
    Revision,
    Slug,
    Topic,
    Wording,
    unique_items,
)
from app.content.store import ContentStore
from app.content.validation import check, read_yaml
from app.languages import DEFAULT_LANGUAGE, LANGUAGES

MAX_STATEMENT_WORDS = 12
MAX_ANSWER_WORDS = 16

GuideText = Annotated[str, Strict(), Field(min_length=3)]
NO_TRANSLATIONS: Mapping[str, str] = MappingProxyType({})
# Filled in from content/<lang>/find-help.yaml (lang -> text), never from the English files.
Translations = SkipJsonSchema[Mapping[str, str]]
TRANSLATION_FILE = "find-help.yaml"


def _no_translations() -> Mapping[str, str]:
    return NO_TRANSLATIONS


def _wording(english: str, translations: Mapping[str, str], lang: str) -> Wording:
    text = translations.get(lang)
    return Wording(text, lang) if text else Wording(english, DEFAULT_LANGUAGE)


@dataclass(frozen=True)
class Answer:
    """One answer to "What is happening?"."""

    __pydantic_config__ = FORBID_EXTRA

    id: Slug
    text: GuideText  # English
    pages: Annotated[tuple[Slug, ...], Field(min_length=1), AfterValidator(unique_items)]
    topics: tuple[Topic, ...] = ()
    audiences: tuple[Audience, ...] = ()
    self_check: Annotated[bool, Strict()] = False
    urgent: Annotated[bool, Strict()] = False  # may be dangerous now: 24-hour lines come first
    translations: Translations = field(default_factory=_no_translations, compare=False, repr=False)

    def text_for(self, lang: str) -> Wording:
        return _wording(self.text, self.translations, lang)


@dataclass(frozen=True)
class Statement:
    __pydantic_config__ = FORBID_EXTRA

    id: Slug
    text: GuideText  # English; finishes the sentence "Someone close to me…"
    translations: Translations = field(default_factory=_no_translations, compare=False, repr=False)

    def text_for(self, lang: str) -> Wording:
        return _wording(self.text, self.translations, lang)


@dataclass(frozen=True)
class Group:
    """A type of abuse in the self-check, with its statements, page and topic."""

    __pydantic_config__ = FORBID_EXTRA

    id: Slug
    title: GuideText  # English
    page: Slug
    topic: Topic
    statements: Annotated[tuple[Statement, ...], Field(min_length=2)]
    translations: Translations = field(default_factory=_no_translations, compare=False, repr=False)

    def title_for(self, lang: str) -> Wording:
        return _wording(self.title, self.translations, lang)


@dataclass(frozen=True)
class FinderFile:
    """content/find-help.yaml: the answers to "What is happening?"."""

    __pydantic_config__ = FORBID_EXTRA

    what_is_happening: Annotated[tuple[Answer, ...], Field(min_length=2)]


@dataclass(frozen=True)
class SelfCheckFile:
    """content/self-check.yaml: the self-check's groups and the services that end it."""

    __pydantic_config__ = FORBID_EXTRA

    talk_it_through: Annotated[tuple[Annotated[str, Strict()], ...], Field(min_length=1)]
    groups: Annotated[tuple[Group, ...], Field(min_length=1)]


@dataclass(frozen=True)
class SelfCheckWording:
    __pydantic_config__ = FORBID_EXTRA

    groups: Mapping[Slug, GuideText]
    statements: Mapping[Slug, GuideText]


@dataclass(frozen=True)
class WordingFile:
    """content/<lang>/find-help.yaml: only the translated texts, keyed by the English ids, with
    the English revision they were translated from and their review status."""

    __pydantic_config__ = FORBID_EXTRA

    translated_from: Revision
    review: ReviewField
    what_is_happening: Mapping[Slug, GuideText]
    self_check: SelfCheckWording


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


def _check(path: Path, problems: list[str]) -> None:
    if problems:
        raise ContentError(f"{path}: " + "; ".join(problems))


def load_guides(content_dir: Path, store: ContentStore) -> Guides:
    finder_path = content_dir / "find-help.yaml"
    check_path = content_dir / "self-check.yaml"
    finder = check(FinderFile, read_yaml(finder_path), finder_path)
    self_check = check(SelfCheckFile, read_yaml(check_path), check_path)

    problems: list[str] = []
    answers = []
    for answer in finder.what_is_happening:
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
    for group in self_check.groups:
        statements = group.statements
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
        for key in self_check.talk_it_through
        if key not in store.services
    )
    _check(check_path, problems)
    english = Guides(tuple(answers), tuple(groups), self_check.talk_it_through)
    return _translate(english, content_dir, english_revision(finder_path, check_path))


def english_revision(finder_path: Path, check_path: Path) -> str:
    """The revision a wording file is translated from: both English files, hashed together."""
    digest = hashlib.sha256(finder_path.read_bytes())
    digest.update(check_path.read_bytes())
    return digest.hexdigest()[:12]


def _translate(guides: Guides, content_dir: Path, revision: str) -> Guides:
    """The guides with each language's wording from content/<lang>/find-help.yaml."""
    answers: dict[str, dict[str, str]] = {a.id: {} for a in guides.answers}
    groups: dict[str, dict[str, str]] = {g.id: {} for g in guides.groups}
    statements: dict[str, dict[str, str]] = {s.id: {} for g in guides.groups for s in g.statements}
    untranslated: list[str] = []
    provenance: dict[str, Provenance] = {}
    for lang in LANGUAGES:
        if lang == DEFAULT_LANGUAGE:
            continue
        path = content_dir / lang / TRANSLATION_FILE
        if not path.is_file():
            raise ContentError(f"{path}: missing: every language needs the help finder's wording")
        data = check(WordingFile, read_yaml(path), path)
        provenance[lang] = Provenance(data.translated_from, data.review)
        problems: list[str] = []
        wording: tuple[tuple[str, Mapping[str, str], dict[str, dict[str, str]]], ...] = (
            ("what_is_happening", data.what_is_happening, answers),
            ("self_check/groups", data.self_check.groups, groups),
            ("self_check/statements", data.self_check.statements, statements),
        )
        for where, texts, known in wording:
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
            for key, text in data.self_check.statements.items()
            if len(text.split()) > MAX_STATEMENT_WORDS
        )
        problems.extend(
            f"what_is_happening: {key}: more than {MAX_ANSWER_WORDS} words"
            for key, text in data.what_is_happening.items()
            if len(text.split()) > MAX_ANSWER_WORDS
        )
        _check(path, problems)

    def frozen(texts: dict[str, str]) -> Mapping[str, str]:
        return MappingProxyType(texts) if texts else NO_TRANSLATIONS

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
