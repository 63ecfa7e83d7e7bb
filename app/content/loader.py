"""Reads content/ once: services (YAML), their translations, and pages (Markdown + front matter)
for every language.

Schema errors and unreadable files raise ContentError naming the file, so a malformed file stops
start-up. Problems that need the whole site to see (broken links, unknown services, bad numbers,
a translation whose headings differ from the English page's) are collected on the store for
`flask content check`. A translation's headings take the English page's ids by position, so
`page:slug#anchor` links reach the same section in every language. A translated professionals'
page may keep the English body (`english_body: true`) under a one-paragraph translated summary.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields
from functools import partial
from pathlib import Path
from typing import NamedTuple, Protocol

import frontmatter
import yaml

from app.content import phones
from app.content.errors import ContentError
from app.content.markdown import Rendered, Renderer, parse_headings, top_level_blocks
from app.content.models import Channel, FrontMatter, Heading, Page, Service
from app.content.service_translations import load_service_translations
from app.content.store import ContentStore
from app.content.validation import check, read_yaml


def _revision(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


# ---------------------------------------------------------------- services


def _channel_problems(channel: Channel, where: str) -> list[str]:
    """Checks that need the whole site to see, reported by `flask content check`."""
    problems = []
    if channel.type in ("phone", "text", "textphone") and not phones.is_valid_uk_number(
        channel.value
    ):
        problems.append(
            f"{where}: channel {channel.id!r}: {channel.value!r} is not a valid UK number"
        )
    if channel.confidence == "low" and not channel.check:
        problems.append(f"{where}: channel {channel.id!r} is low confidence but has no check note")
    return problems


# A service's "best for" line is read at a glance on a phone.
MAX_BEST_FOR_WORDS = 12


def _ranking_problems(service: Service, where: str) -> list[str]:
    """Checks the types cannot express: specialisms within topics, ages in order, short lines."""
    problems = [
        f"{where}: specialism {topic!r} is not one of its topics"
        for topic in service.specialisms
        if topic not in service.topics
    ]
    ages = service.ages
    if ages and ages.min is not None and ages.max is not None and ages.min > ages.max:
        problems.append(f"{where}: ages: min is above max")
    if service.best_for and len(service.best_for.split()) > MAX_BEST_FOR_WORDS:
        problems.append(f"{where}: best_for: more than {MAX_BEST_FOR_WORDS} words")
    return problems


def load_service(path: Path, problems: list[str]) -> Service:
    service = check(Service, read_yaml(path), path)
    if service.key != path.stem:
        raise ContentError(f"{path}: key {service.key!r} does not match the file name")
    ids = [c.id for c in service.channels]
    if len(ids) != len(set(ids)):
        raise ContentError(f"{path}: channel ids must be unique")
    if service.address_public and service.kind != "local-service":
        problems.append(f"{path}: address_public is only for local services")
    for channel in service.channels:
        problems.extend(_channel_problems(channel, str(path)))
    problems.extend(_ranking_problems(service, str(path)))
    return service


def load_services(services_dir: Path, problems: list[str]) -> dict[str, Service]:
    services = {}
    for path in sorted(services_dir.glob("*.yaml")):
        service = load_service(path, problems)
        services[service.key] = service
    return services


# ---------------------------------------------------------------- pages


def _page_slug(path: Path, lang_dir: Path) -> tuple[str, str, bool]:
    """(section, slug, is_index) from a file's place under content/<lang>/."""
    rel = path.relative_to(lang_dir)
    if rel.parts == ("home.md",):
        return "home", "home", True
    if len(rel.parts) != 2:
        raise ContentError(f"{path}: pages live at content/<lang>/<section>/<slug>.md")
    section, name = rel.parts[0], rel.stem
    if name == "index":
        return section, section, True
    return section, name, False


class Source(NamedTuple):
    """A page file as read: where it is, its front matter, its body and its bytes."""

    path: Path
    meta: FrontMatter
    body: str
    raw: bytes


def _read_page(path: Path) -> Source:
    try:
        raw = path.read_bytes()
        post = frontmatter.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as exc:
        raise ContentError(f"{path}: cannot read front matter: {exc}") from exc
    if not post.metadata:
        raise ContentError(f"{path}: missing front matter")
    return Source(path, check(FrontMatter, post.metadata, path), post.content, raw)


PROVENANCE = ("translated_from", "review")


def _check_provenance(path: Path, meta: FrontMatter, is_translation: bool) -> None:
    """A translation records the English revision it came from and its review status; English
    pages are the source and record neither."""
    if is_translation:
        missing = [key for key in PROVENANCE if getattr(meta, key) is None]
        if missing:
            raise ContentError(f"{path}: a translation needs {' and '.join(missing)}")
    elif present := [key for key in PROVENANCE if getattr(meta, key) is not None]:
        raise ContentError(f"{path}: {', '.join(present)}: only translations record these")


def _levels(headings) -> str:
    return " ".join(f"h{h.level}" for h in headings) or "none"


def heading_differences(english: tuple[Heading, ...], translated: tuple[Heading, ...]) -> str:
    """How a translation's headings differ from the English (levels and count), or ""."""
    if [h.level for h in english] == [h.level for h in translated]:
        return ""
    first = next(
        (
            i
            for i, (a, b) in enumerate(zip(english, translated, strict=False))
            if a.level != b.level
        ),
        min(len(english), len(translated)),
    )
    if first < min(len(english), len(translated)):
        where = (
            f"heading {first + 1} ({translated[first].text!r}) is h{translated[first].level}, "
            f"the English h{english[first].level}"
        )
    elif len(translated) < len(english):
        where = f"the English heading {first + 1} ({english[first].text!r}) is missing"
    else:
        where = f"heading {first + 1} ({translated[first].text!r}) is not in the English"
    return (
        f"headings differ from the English page: the English has {len(english)} "
        f"({_levels(english)}), this translation {len(translated)} ({_levels(translated)}); "
        f"{where}"
    )


def _render_body(
    renderers: tuple[Renderer, Renderer],
    translation: Source | None,
    english_source: Source,
    problems: list[str],
) -> tuple[Rendered, Rendered | None]:
    """(the body, the translated summary of a page that keeps its English body, or None).

    A translation's headings take the English page's ids by position, when its headings have
    the English levels (a difference is a problem for `flask content check`). `renderers` are
    the language's, and one with the language's links and English block titles for an English
    body kept under a translated summary."""
    renderer, english_renderer = renderers
    english_body = english_source.body
    if translation is None:
        rendered = renderer.render(english_body)
        problems.extend(rendered.problems)
        return rendered, None
    meta, body = translation.meta, translation.body
    if meta.english_body:
        intro = renderer.render(body)
        problems.extend(intro.problems)
        if top_level_blocks(body) != ["paragraph"]:
            problems.append(
                "english_body: the translated text must be one paragraph summing up the page "
                "(no headings, lists or blocks); the English body follows it"
            )
        # The English body's own problems are reported for the English page.
        rendered = english_renderer.render(english_body)
        both = Rendered(
            rendered.html,
            f"{intro.text} {rendered.text}",
            rendered.headings,
            intro.links + rendered.links,
        )
        return both, intro
    english_headings = parse_headings(english_body)
    difference = heading_differences(english_headings, parse_headings(body))
    if difference:
        problems.append(f"{difference} ({english_source.path})")
        rendered = renderer.render(body)
    else:
        rendered = renderer.render(body, tuple(h.id for h in english_headings))
    problems.extend(rendered.problems)
    return rendered, None


class Links(Protocol):
    """How pages link to each other: app/urls.py builds these from the routes."""

    def page_path(self, lang: str, section: str, slug: str) -> str: ...

    def service(self, lang: str, key: str) -> str: ...


def _page_link(links: Links, sections: Mapping[str, str], lang: str, slug: str) -> str | None:
    """The address of page `slug` in `lang`, or None when there is no such page."""
    section = sections.get(slug)
    return links.page_path(lang, section, slug) if section else None


def _read_language(lang_dir: Path, lang: str) -> dict[str, Source]:
    """A language's page files by slug, each checked against its place and language."""
    found: dict[str, Source] = {}
    for path in sorted(lang_dir.rglob("*.md")) if lang_dir.is_dir() else []:
        section, slug, _ = _page_slug(path, lang_dir)
        source = _read_page(path)
        if source.meta.section != section:
            raise ContentError(
                f"{path}: section {source.meta.section!r} but the file is in {section!r}/"
            )
        if slug in found:
            raise ContentError(f"{path}: slug {slug!r} is already used by {found[slug].path}")
        _check_provenance(path, source.meta, is_translation=lang != "en")
        if source.meta.english_body and (lang == "en" or section != "professionals"):
            raise ContentError(
                f"{path}: english_body: only a translated professionals' page may keep "
                "its English body"
            )
        found[slug] = source
    return found


def _page(
    lang: str,
    slug: str,
    renderers: tuple[Renderer, Renderer],
    translated: Source | None,
    english_source: Source,
) -> tuple[Page, list[str]]:
    """The page `slug` in `lang` (its translation, or the English shown as a fallback), and the
    problems its body has."""
    source = translated or english_source
    problems: list[str] = []
    rendered, intro = _render_body(renderers, translated, english_source, problems)
    front = {f.name: getattr(source.meta, f.name) for f in fields(FrontMatter)}
    page = Page(
        **front,
        lang=lang,
        slug=slug,
        html=rendered.html,
        text=rendered.text,
        headings=rendered.headings,
        is_index=slug in ("home", source.meta.section),
        is_fallback=translated is None and lang != "en",
        intro_html=intro.html if intro else "",
        content_lang=lang if translated is not None else "en",
        revision=_revision(source.raw),
        source_path=str(source.path),
        links=rendered.links,
        markdown=source.body,
    )
    return page, problems


def load_content(
    content_dir: Path,
    languages: Iterable[str],
    labels_for: Callable[[str], Mapping[str, str]],
    links: Links,
) -> ContentStore:
    """Load services, their translations and every language's pages. English is canonical and
    required."""
    languages = list(languages)
    problems: list[str] = []
    services = load_services(content_dir / "services", problems)
    service_revisions = {
        key: _revision((content_dir / "services" / f"{key}.yaml").read_bytes()) for key in services
    }
    service_translations = load_service_translations(content_dir, languages, services)

    sources = {lang: _read_language(content_dir / lang, lang) for lang in languages}
    english = sources.get("en", {})
    if "home" not in english:
        raise ContentError(f"{content_dir / 'en' / 'home.md'}: the English home page is required")
    for found in sources.values():
        for slug, source in found.items():
            if slug not in english:
                raise ContentError(f"{source.path}: no English page with slug {slug!r}")

    english_sections = {slug: source.meta.section for slug, source in english.items()}
    english_revisions = {slug: _revision(source.raw) for slug, source in english.items()}
    english_labels = labels_for("en")
    pages: dict[str, dict[str, Page]] = {}
    for lang in sources:
        page_link = partial(_page_link, links, english_sections, lang)
        service_link = partial(links.service, lang)
        renderers = (
            Renderer(lang, page_link, service_link, services, labels_for(lang)),
            Renderer(lang, page_link, service_link, services, english_labels),
        )
        pages[lang] = {}
        for slug, english_source in english.items():
            translated = sources[lang].get(slug) if lang != "en" else None
            page, body_problems = _page(lang, slug, renderers, translated, english_source)
            problems.extend(f"{page.source_path} ({lang}): {p}" for p in body_problems)
            pages[lang][slug] = page
    return ContentStore(
        pages=pages,
        services=services,
        problems=problems,
        english_revisions=english_revisions,
        service_translations=service_translations,
        service_revisions=service_revisions,
    )
