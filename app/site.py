"""The site as search engines and browsers see it from outside: absolute links built from the
SITE_URL setting (never from the request's Host), each page's canonical link and `hreflang`
alternates, the sitemap and security.txt.

A content page not yet translated into a language is shown there in English with a notice; its
canonical link points to the English page and it is left out of the alternates and the sitemap,
so search engines only pair real translations.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, Response, current_app, g, render_template, request, url_for

from app.content.store import ContentStore
from app.languages import DEFAULT_LANGUAGE, LANGUAGES
from app.urls import Links

# Pages with no path argument but the language that belong in the sitemap (search results and
# forms do not).
SITEMAP_ENDPOINTS = (
    "services.directory",
    "services.open_now",
    "finder.find_help",
    "finder.is_this_abuse",
)


def absolute(path: str) -> str:
    """`path` on this site as an absolute URL, from SITE_URL."""
    return current_app.config["SITE_URL"] + path


@dataclass(frozen=True)
class Alternates:
    canonical: str
    languages: tuple[tuple[str, str], ...]  # (hreflang, absolute URL), x-default last


def _alternates(urls: dict[str, str], lang: str) -> Alternates:
    """`urls`: language → absolute URL of the pages that really exist in that language."""
    canonical = urls.get(lang) or urls[DEFAULT_LANGUAGE]
    languages = tuple(urls.items()) + (("x-default", urls[DEFAULT_LANGUAGE]),)
    return Alternates(canonical, languages if len(urls) > 1 else ())


def head_links() -> Alternates | None:
    """Canonical and alternates for the page being served: only a GET of a page that exists in
    a language (not an error page, not a form's answer)."""
    rule, endpoint = request.url_rule, request.endpoint
    if request.method != "GET" or rule is None or endpoint is None or "lang" not in rule.arguments:
        return None
    if g.get("is_error"):
        return None
    translated = g.get("translated_in") or tuple(LANGUAGES)
    args = dict(request.view_args or {})
    urls = {code: absolute(url_for(endpoint, **dict(args, lang=code))) for code in translated}
    return _alternates(urls, g.lang)


def translated_in(store: ContentStore, slug: str) -> tuple[str, ...]:
    """The languages a content page is written in (English always)."""
    return tuple(
        lang
        for lang in LANGUAGES
        if (page := store.page(lang, slug)) is not None and not page.is_fallback
    )


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    alternates: tuple[tuple[str, str], ...]


def sitemap_entries(store: ContentStore, links: Links) -> list[SitemapEntry]:
    """Every page in every language it exists in, with its alternates. Needs an app context;
    the URLs come from SITE_URL."""
    groups: list[dict[str, str]] = []
    for page in store.all_pages(DEFAULT_LANGUAGE):
        groups.append(
            {
                lang: absolute(links.page_path(lang, page.section, page.slug))
                for lang in translated_in(store, page.slug)
            }
        )
    for endpoint in SITEMAP_ENDPOINTS:
        groups.append({lang: absolute(links.build(endpoint, lang=lang)) for lang in LANGUAGES})
    for key in store.services:
        groups.append({lang: absolute(links.service(lang, key)) for lang in LANGUAGES})
    entries: list[SitemapEntry] = []
    for urls in groups:
        alternates = _alternates(urls, DEFAULT_LANGUAGE).languages
        entries.extend(SitemapEntry(url, alternates) for url in urls.values())
    return entries


def relative_redirect(response: Response) -> Response:
    """Routing redirects (e.g. a doubled slash) name the host the request gave; the site never
    redirects elsewhere, so any absolute Location not on SITE_URL keeps only its path."""
    location = response.headers.get("Location")
    if location and response.status_code in range(300, 400):
        parts = urlsplit(location)
        if parts.netloc and f"{parts.scheme}://{parts.netloc}" != current_app.config["SITE_URL"]:
            response.headers["Location"] = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    return response


def render_sitemap(app: Flask, store: ContentStore, links: Links) -> str:
    with app.test_request_context(base_url=app.config["SITE_URL"]):
        return render_template("site/sitemap.xml", entries=sitemap_entries(store, links))


def init_app(app: Flask) -> None:
    """Keep redirects on this site."""
    app.after_request(relative_redirect)
