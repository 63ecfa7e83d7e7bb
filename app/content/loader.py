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

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import frontmatter
import yaml

from app.content import phones
from app.content.errors import ContentError
from app.content.markdown import Rendered, Renderer, parse_headings, top_level_blocks
from app.content.models import (
    AREA_GROUPS,
    AREAS,
    NATIONAL,
    AgeRange,
    Channel,
    Heading,
    OpeningSpan,
    Page,
    Review,
    Service,
)
from app.content.schema import page_problems, service_problems
from app.content.service_translations import load_service_translations
from app.content.store import ContentStore, page_url

# libyaml when available: the same safe loading, many times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _revision(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


# ---------------------------------------------------------------- services


def _parse_time(value: str) -> dt.time:
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def _channel(data: dict, problems: list[str], where: str) -> Channel:
    hours = data.get("hours")
    if isinstance(hours, list):
        hours = tuple(
            OpeningSpan(
                tuple(span["days"]), _parse_time(span["opens"]), _parse_time(span["closes"])
            )
            for span in hours
        )
    kind, value = data["type"], str(data["value"]).strip()
    display, href = value, None
    if kind in ("phone", "text", "textphone"):
        if not phones.is_valid_uk_number(value):
            problems.append(f"{where}: channel {data['id']!r}: {value!r} is not a valid UK number")
        display = phones.display_number(value)
        href = phones.tel_href(value, "sms" if kind == "text" else "tel")
    elif kind == "email":
        href = f"mailto:{value}"
    elif value.startswith(("https://", "http://")):
        href = value
    if data.get("confidence") == "low" and not data.get("check"):
        problems.append(f"{where}: channel {data['id']!r} is low confidence but has no check note")
    return Channel(
        id=data["id"],
        type=kind,
        value=value,
        label=data.get("label", ""),
        hours=hours,
        bank_holidays=data.get("bank_holidays"),
        confidence=data.get("confidence", "high"),
        check=data.get("check"),
        then_press=data.get("then_press"),
        display=display,
        href=href,
        trace=data.get("trace"),
        trace_source=data.get("trace_source"),
    )


# A service's "best for" line is read at a glance on a phone.
MAX_BEST_FOR_WORDS = 12


def _ranking_problems(data: dict, where: str) -> list[str]:
    """Checks the schema cannot express: specialisms within topics, ages in order, short lines."""
    problems = [
        f"{where}: specialism {topic!r} is not one of its topics"
        for topic in data.get("specialisms", ())
        if topic not in data["topics"]
    ]
    ages = data.get("ages") or {}
    if "min" in ages and "max" in ages and ages["min"] > ages["max"]:
        problems.append(f"{where}: ages: min is above max")
    best_for = data.get("best_for")
    if best_for and len(best_for.split()) > MAX_BEST_FOR_WORDS:
        problems.append(f"{where}: best_for: more than {MAX_BEST_FOR_WORDS} words")
    return problems


def _expand_areas(areas: Iterable[str]) -> tuple[str, ...]:
    expanded: set[str] = set()
    for area in areas:
        expanded.update(AREA_GROUPS.get(area, (area,)))
    order = (NATIONAL, *AREAS)
    return tuple(a for a in order if a in expanded)


def load_service(path: Path, problems: list[str]) -> Service:
    try:
        # Bandit cannot see that SAFE_LOADER is yaml.CSafeLoader or yaml.SafeLoader (plain data).
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # nosec B506
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ContentError(f"{path}: cannot read YAML: {exc}") from exc
    errors = service_problems(data)
    if errors:
        raise ContentError(f"{path}: " + "; ".join(errors))
    if data["key"] != path.stem:
        raise ContentError(f"{path}: key {data['key']!r} does not match the file name")
    ids = [c["id"] for c in data["channels"]]
    if len(ids) != len(set(ids)):
        raise ContentError(f"{path}: channel ids must be unique")
    if data.get("address_public") and data["kind"] != "local-service":
        problems.append(f"{path}: address_public is only for local services")
    channels = tuple(_channel(c, problems, str(path)) for c in data["channels"])
    problems.extend(_ranking_problems(data, str(path)))
    ages = data.get("ages")
    return Service(
        key=data["key"],
        name=data["name"],
        organisation=data.get("organisation"),
        short_name=data.get("short_name"),
        description=data["description"].strip(),
        kind=data["kind"],
        areas=_expand_areas(data["areas"]),
        audiences=tuple(data["audiences"]),
        topics=tuple(data["topics"]),
        languages=tuple(data["languages"]),
        languages_note=data.get("languages_note"),
        cost=data.get("cost"),
        referral=tuple(data["referral"]),
        web=data.get("web"),
        email=data.get("email"),
        channels=channels,
        source_url=data["source_url"],
        other_sources=tuple(data.get("other_sources") or ()),
        source_date=data.get("source_date"),
        confidence=data["confidence"],
        last_reviewed=_as_date(data["last_reviewed"]),
        specialisms=tuple(data.get("specialisms") or ()),
        only_for=tuple(data.get("only_for") or ()),
        ages=AgeRange(ages.get("min"), ages.get("max")) if ages else None,
        best_for=(data.get("best_for") or "").strip() or None,
        emergency_route=data.get("emergency_route", False),
    )


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


def _read_page(path: Path) -> tuple[dict, str, bytes]:
    try:
        raw = path.read_bytes()
        post = frontmatter.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as exc:
        raise ContentError(f"{path}: cannot read front matter: {exc}") from exc
    if not post.metadata:
        raise ContentError(f"{path}: missing front matter")
    errors = page_problems(post.metadata)
    if errors:
        raise ContentError(f"{path}: " + "; ".join(errors))
    return post.metadata, post.content, raw


PROVENANCE = ("translated_from", "review")


def _check_provenance(path: Path, meta: dict, is_translation: bool) -> None:
    """A translation records the English revision it came from and its review status; English
    pages are the source and record neither."""
    if is_translation:
        missing = [key for key in PROVENANCE if key not in meta]
        if missing:
            raise ContentError(f"{path}: a translation needs {' and '.join(missing)}")
    elif present := [key for key in PROVENANCE if key in meta]:
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
    translation: tuple[Path, dict, str, bytes] | None,
    english_source: tuple[Path, dict, str, bytes],
    problems: list[str],
) -> tuple[Rendered, Rendered | None]:
    """(the body, the translated summary of a page that keeps its English body, or None).

    A translation's headings take the English page's ids by position, when its headings have
    the English levels (a difference is a problem for `flask content check`). `renderers` are
    the language's, and one with the language's links and English block titles for an English
    body kept under a translated summary."""
    renderer, english_renderer = renderers
    english_body = english_source[2]
    if translation is None:
        rendered = renderer.render(english_body)
        problems.extend(rendered.problems)
        return rendered, None
    _path, meta, body, _raw = translation
    if meta.get("english_body"):
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
        problems.append(f"{difference} ({english_source[0]})")
        rendered = renderer.render(body)
    else:
        rendered = renderer.render(body, tuple(h.id for h in english_headings))
    problems.extend(rendered.problems)
    return rendered, None


def load_content(
    content_dir: Path,
    languages: Iterable[str],
    labels_for: Callable[[str], Mapping[str, str]],
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

    sources: dict[str, dict[str, tuple[Path, dict, str, bytes]]] = {}
    for lang in languages:
        lang_dir = content_dir / lang
        found: dict[str, tuple[Path, dict, str, bytes]] = {}
        for path in sorted(lang_dir.rglob("*.md")) if lang_dir.is_dir() else []:
            section, slug, _ = _page_slug(path, lang_dir)
            meta, body, raw = _read_page(path)
            if meta["section"] != section:
                raise ContentError(
                    f"{path}: section {meta['section']!r} but the file is in {section!r}/"
                )
            if slug in found:
                raise ContentError(f"{path}: slug {slug!r} is already used by {found[slug][0]}")
            _check_provenance(path, meta, is_translation=lang != "en")
            if meta.get("english_body") and (lang == "en" or section != "professionals"):
                raise ContentError(
                    f"{path}: english_body: only a translated professionals' page may keep "
                    "its English body"
                )
            found[slug] = (path, meta, body, raw)
        sources[lang] = found
    english = sources.get("en", {})
    if "home" not in english:
        raise ContentError(f"{content_dir / 'en' / 'home.md'}: the English home page is required")
    for found in sources.values():
        for slug, (path, *_rest) in found.items():
            if slug not in english:
                raise ContentError(f"{path}: no English page with slug {slug!r}")

    english_sections = {slug: meta["section"] for slug, (_p, meta, _b, _r) in english.items()}
    english_revisions = {slug: _revision(raw) for slug, (_p, _m, _b, raw) in english.items()}
    english_labels = labels_for("en")
    pages: dict[str, dict[str, Page]] = {}
    for lang in sources:

        def url_for_slug(slug: str, _lang: str = lang) -> str | None:
            section = english_sections.get(slug)
            return page_url(_lang, section, slug) if section else None

        renderers = (
            Renderer(lang, url_for_slug, services, labels_for(lang)),
            Renderer(lang, url_for_slug, services, english_labels),
        )
        pages[lang] = {}
        for slug, english_source in english.items():
            translated = sources[lang].get(slug) if lang != "en" else None
            path, meta, body, raw = translated or english_source
            body_problems: list[str] = []
            rendered, intro = _render_body(renderers, translated, english_source, body_problems)
            problems.extend(f"{path} ({lang}): {p}" for p in body_problems)
            section = meta["section"]
            pages[lang][slug] = Page(
                lang=lang,
                slug=slug,
                section=section,
                title=meta["title"],
                summary=meta["summary"],
                html=rendered.html,
                text=rendered.text,
                last_reviewed=_as_date(meta["last_reviewed"]),
                sources=tuple(meta["sources"]),
                order=meta.get("order", 100),
                audiences=tuple(meta["audiences"]),
                topics=tuple(meta["topics"]),
                keywords=tuple(meta.get("keywords") or ()),
                related=tuple(meta.get("related") or ()),
                services=tuple(meta.get("services") or ()),
                headings=rendered.headings,
                is_index=slug in ("home", section),
                is_fallback=translated is None and lang != "en",
                english_body=intro is not None,
                intro_html=intro.html if intro else "",
                content_lang=lang if translated is not None else "en",
                translated_from=meta.get("translated_from"),
                review=Review.from_front_matter(meta["review"]) if "review" in meta else None,
                revision=_revision(raw),
                source_path=str(path),
                links=rendered.links,
                markdown=body,
            )
    return ContentStore(
        pages=pages,
        services=services,
        problems=problems,
        english_revisions=english_revisions,
        service_translations=service_translations,
        service_revisions=service_revisions,
    )
