"""ContentStore: the read-only, in-memory registry of pages, services and their translations that
views read from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.content.models import Channel, Page, Service, ServiceTranslation, Wording
from app.content.service_translations import EnglishTexts, untranslated
from app.languages import DEFAULT_LANGUAGE

REVIEW_AFTER_DAYS = 365


@dataclass(frozen=True)
class ContentStore:
    pages: dict[str, dict[str, Page]]  # lang -> slug -> Page
    services: dict[str, Service]
    problems: list[str] = field(default_factory=list)
    english_revisions: dict[str, str] = field(default_factory=dict)
    # lang -> service key -> its text in that language; and each English service file's revision
    service_translations: dict[str, dict[str, ServiceTranslation]] = field(default_factory=dict)
    service_revisions: dict[str, str] = field(default_factory=dict)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.pages)

    def page(self, lang: str, slug: str) -> Page | None:
        return self.pages.get(lang, {}).get(slug)

    def page_at(self, lang: str, section: str, slug: str) -> Page | None:
        page = self.page(lang, slug)
        if page is None or page.section != section:
            return None
        return page

    def all_pages(self, lang: str) -> list[Page]:
        return list(self.pages.get(lang, {}).values())

    def section_index(self, lang: str, section: str) -> Page | None:
        return self.page_at(lang, section, section)

    def section_pages(self, lang: str, section: str) -> list[Page]:
        """A section's pages (not its index), in their set order then by title."""
        pages = [
            p for p in self.pages.get(lang, {}).values() if p.section == section and not p.is_index
        ]
        return sorted(pages, key=lambda p: (p.order, p.title.casefold()))

    def related_pages(self, page: Page) -> list[Page]:
        return [p for slug in page.related if (p := self.page(page.lang, slug)) is not None]

    def services_for(self, keys) -> list[Service]:
        return [self.services[k] for k in keys if k in self.services]

    def service_translation(self, lang: str, key: str) -> ServiceTranslation | None:
        return self.service_translations.get(lang, {}).get(key)

    def service_text(
        self, service: Service, lang: str, name: str, channel: Channel | None = None
    ) -> Wording | None:
        """A service's (or one of its channels') text `name` in `lang`, or in English where it is
        not translated; None when the English service has no such text."""
        english = getattr(service if channel is None else channel, name, None)
        if not english:
            return None
        translation = self.service_translation(lang, service.key)
        text = translation.text(name, channel.id if channel else None) if translation else None
        return Wording(text, lang) if text else Wording(english, DEFAULT_LANGUAGE)

    def name_gloss(self, service: Service, lang: str) -> str | None:
        """A short gloss of a service's name in `lang`, shown in brackets after the name."""
        translation = self.service_translation(lang, service.key)
        return translation.name_gloss if translation else None

    # ------------------------------------------------------------ checks

    def check(self, today: dt.date | None = None) -> tuple[list[str], list[str]]:
        """Return (errors, warnings) for the whole site: `flask content check` prints them."""
        today = today or dt.date.today()
        errors = list(self.problems)
        warnings: list[str] = []
        for lang, pages in self.pages.items():
            for page in pages.values():
                if page.is_fallback:
                    continue
                where = f"{page.source_path} ({lang})"
                errors.extend(self._link_errors(page, where))
                for slug in page.related:
                    if self.page(lang, slug) is None:
                        errors.append(f"{where}: related page {slug!r} does not exist")
                for key in page.services:
                    if key not in self.services:
                        errors.append(f"{where}: unknown service {key!r}")
                if (today - page.last_reviewed).days > REVIEW_AFTER_DAYS:
                    warnings.append(f"{where}: due for review (last reviewed {page.last_reviewed})")
        for service in self.services.values():
            if (today - service.last_reviewed).days > REVIEW_AFTER_DAYS:
                warnings.append(f"service {service.key}: due for review")
            if not service.best_for:
                warnings.append(f"service {service.key}: no best_for line to show on results")
        warnings.extend(self.stale_translations())
        warnings.extend(self.untranslated_service_texts())
        return errors, warnings

    def _link_errors(self, page: Page, where: str) -> list[str]:
        errors = []
        for link in page.links:
            kind, _, target = link.partition(":")
            if kind != "page":
                continue
            slug, _, anchor = target.partition("#")
            linked = self.page(page.lang, slug)
            if linked is None:
                continue  # reported by the renderer already
            if anchor and anchor not in {h.id for h in linked.headings}:
                errors.append(f"{where}: link to {slug}#{anchor}: no such heading")
        return errors

    def stale_translations(self) -> list[str]:
        """Translations whose English page has changed since they were translated."""
        stale = []
        for lang, pages in self.pages.items():
            if lang == "en":
                continue
            for page in pages.values():
                if page.is_fallback:
                    continue
                current = self.english_revisions.get(page.slug)
                if page.translated_from != current:
                    stale.append(
                        f"{page.source_path}: translated from {page.translated_from}, "
                        f"English is now {current}"
                    )
        for translations in self.service_translations.values():
            for translation in translations.values():
                current = self.service_revisions[translation.key]
                if translation.translated_from != current:
                    stale.append(
                        f"{translation.source_path}: translated from "
                        f"{translation.translated_from}, English is now {current}"
                    )
        return stale

    def untranslated_service_texts(self) -> list[str]:
        """Texts a service translation leaves out, shown in English (the English may have gained
        them since it was translated)."""
        found = []
        for translations in self.service_translations.values():
            for translation in translations.values():
                english = EnglishTexts.of(self.services[translation.key])
                if missing := untranslated(english, translation):
                    found.append(
                        f"{translation.source_path}: not translated (shown in English): "
                        f"{', '.join(missing)}"
                    )
        return found
