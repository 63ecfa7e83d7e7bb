"""Services in other languages: `content/<lang>/services/<key>.yaml` gives one service's visible
text in one language (its description, `best_for`, `cost`, `languages_note`, a short gloss of its
name, and each channel's `label`, `check` and `trace`), with the English revision it was made from
and its review status. Names of organisations are never translated.

A translation gives only texts its English service has. A file for a service that does not exist,
a channel the service does not have, a field the English does not have, or a file that fails the
schema (no description, no provenance, a malformed revision) stops start-up with a ContentError
naming the file. A text a translation leaves out is shown in English, marked `lang="en"`, and
`flask content check` lists it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.content.errors import ContentError
from app.content.models import (
    CHANNEL_TEXT_FIELDS,
    FREE,
    SERVICE_TEXT_FIELDS,
    Service,
    ServiceTranslation,
    ServiceTranslationFile,
)
from app.content.validation import check, read_yaml

FOLDER = "services"


def _has_text(owner, name: str) -> bool:
    """`cost: free` is shown in the reader's language already, so it has no text to translate."""
    value = getattr(owner, name, None)
    return bool(value) and not (name == "cost" and value == FREE)


@dataclass(frozen=True)
class EnglishTexts:
    """Which texts an English service has, so which a translation may give."""

    fields: frozenset[str]
    channels: Mapping[str, frozenset[str]]  # channel id -> its text fields

    @classmethod
    def of(cls, service: Service) -> EnglishTexts:
        return cls(
            fields=frozenset(f for f in SERVICE_TEXT_FIELDS if _has_text(service, f)),
            channels={
                c.id: frozenset(f for f in CHANNEL_TEXT_FIELDS if _has_text(c, f))
                for c in service.channels
            },
        )


def mismatches(english: EnglishTexts, data: Mapping[str, Any]) -> list[str]:
    """Texts in a translation (its texts by field name, and `channels`: each channel's texts by
    field name) that the English lacks."""
    problems = []
    for name in SERVICE_TEXT_FIELDS:
        if name in data and name not in english.fields:
            problems.append(f"{name}: the English service has no {name}")
    for channel_id, channel_texts in (data.get("channels") or {}).items():
        if channel_id not in english.channels:
            known = ", ".join(english.channels) or "none"
            problems.append(
                f"channels/{channel_id}: the English service has no channel {channel_id!r} "
                f"(its channels: {known})"
            )
            continue
        for name in channel_texts:
            if name not in english.channels[channel_id]:
                problems.append(f"channels/{channel_id}/{name}: the English channel has no {name}")
    return problems


def untranslated(english: EnglishTexts, translation: ServiceTranslation) -> list[str]:
    """Texts the English has that a translation does not give (shown in English)."""
    missing = [name for name in sorted(english.fields) if name not in translation.texts]
    for channel_id, names in english.channels.items():
        given = translation.channels.get(channel_id, {})
        missing += [f"channels/{channel_id}/{name}" for name in sorted(names) if name not in given]
    return missing


def _given(texts: object, names: tuple[str, ...] = CHANNEL_TEXT_FIELDS) -> dict[str, str]:
    """The texts a translation gives (stripped), by field name."""
    return {name: value.strip() for name in names if (value := getattr(texts, name)) is not None}


def load_translation(path: Path, lang: str, service: Service) -> ServiceTranslation:
    data = check(ServiceTranslationFile, read_yaml(path), path)
    texts = _given(data, SERVICE_TEXT_FIELDS)
    channels = {channel_id: _given(given) for channel_id, given in data.channels.items()}
    problems = mismatches(EnglishTexts.of(service), {**texts, "channels": channels})
    if problems:
        raise ContentError(f"{path}: " + "; ".join(problems))
    return ServiceTranslation(
        lang=lang,
        key=service.key,
        translated_from=data.translated_from,
        review=data.review,
        texts=MappingProxyType(texts),
        channels=MappingProxyType(
            {channel_id: MappingProxyType(given) for channel_id, given in channels.items()}
        ),
        name_gloss=data.name_gloss.strip() if data.name_gloss else None,
        source_path=str(path),
    )


def load_service_translations(
    content_dir: Path, languages: Iterable[str], services: Mapping[str, Service]
) -> dict[str, dict[str, ServiceTranslation]]:
    """Every language's service translations: lang -> service key -> translation."""
    english_folder = content_dir / "en" / FOLDER
    if english_folder.exists():
        raise ContentError(f"{english_folder}: English services live in {content_dir / 'services'}")
    found: dict[str, dict[str, ServiceTranslation]] = {}
    for lang in languages:
        folder = content_dir / lang / FOLDER
        if lang == "en" or not folder.is_dir():
            continue
        found[lang] = {}
        # Hidden files (an editor's swap file) are not content.
        for path in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
            if path.suffix != ".yaml" or not path.is_file():
                raise ContentError(
                    f"{path}: a service translation is {folder}/<key>.yaml, named after "
                    "content/services/<key>.yaml"
                )
            service = services.get(path.stem)
            if service is None:
                raise ContentError(
                    f"{path}: no English service {path.stem!r} "
                    f"({content_dir / 'services' / path.name} does not exist)"
                )
            found[lang][service.key] = load_translation(path, lang, service)
    return found
