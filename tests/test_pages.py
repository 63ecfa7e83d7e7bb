"""Every content page, in every language, is served with the site's shell and its own content."""

from __future__ import annotations

import pytest

from app.languages import LANGUAGES
from tests.conftest import TEL, normalize_spaces, page_path


def all_page_paths():
    from app import create_app

    store = create_app({"TESTING": True}).extensions["content"]
    return [page_path(p) for lang in LANGUAGES for p in store.all_pages(lang)]


PATHS = all_page_paths()

# "Last reviewed: …" as each language's catalogue says it (translations/<lang>/…/messages.po).
LAST_REVIEWED = {
    "en": "Last reviewed:",
    "pl": "Ostatnio sprawdzono:",
    "pa": "ਆਖ਼ਰੀ ਵਾਰ ਦੇਖਿਆ:",
    "ur": "آخری جائزہ:",
    "sk": "Naposledy skontrolované:",
    "ro": "Revizuit ultima dată:",
    "ckb": "دوایین پێداچوونەوە:",
}

# Internal links already followed (by address), so each is requested once in the whole walk.
FOLLOWED: dict[str, int] = {}


def assert_internal_links_resolve(client, soup) -> None:
    """Every link on the page to this site answers 200: no link is skipped."""
    hrefs = {a["href"].split("#")[0] for a in soup.select('a[href^="/"]')}
    assert hrefs, "a page links to the rest of the site"
    for href in hrefs - FOLLOWED.keys():
        FOLLOWED[href] = client.get(href).status_code
    broken = sorted(h for h in hrefs if FOLLOWED[h] != 200)
    assert not broken, f"links that do not answer 200: {[(h, FOLLOWED[h]) for h in broken]}"


@pytest.mark.parametrize("path", PATHS)
def test_every_page_is_served_with_the_safety_shell(get_page, client, store, path):
    soup = get_page(path)
    lang, *rest = path.strip("/").split("/")
    slug = rest[-1] if rest else "home"
    page = store.page(lang, slug)
    assert normalize_spaces(soup.h1.get_text()) == page.title
    assert soup.html["lang"] == lang
    assert soup.html["dir"] == LANGUAGES[lang].direction
    reviewed = normalize_spaces(soup.select_one(".page-meta p").get_text())
    assert reviewed.startswith(LAST_REVIEWED[lang]), reviewed
    assert str(page.last_reviewed.year) in reviewed
    for link in soup.select('a[href^="tel:"]'):
        assert TEL.match(link["href"]), link["href"]
    assert_internal_links_resolve(client, soup)


@pytest.mark.parametrize("path", [p for p in PATHS if p.count("/") > 2])
def test_pages_have_breadcrumbs_back_to_home(get_page, path):
    soup = get_page(path)
    crumbs = soup.select(".breadcrumbs li")
    assert crumbs[0].a["href"] == f"/{path.split('/')[1]}/"
    assert crumbs[-1].get("aria-current") == "page"


def test_section_index_lists_its_pages(get_page, store):
    soup = get_page("/en/abuse/")
    listed = {a["href"] for a in soup.select(".card-list a")}
    expected = {page_path(p) for p in store.section_pages("en", "abuse")}
    assert expected and listed == expected


def test_page_shows_service_cards_with_numbers_from_the_data(get_page, store):
    page = next(p for p in store.all_pages("en") if p.services)
    soup = get_page(page_path(page))
    cards = soup.select(".services-block .service-card")
    assert len(cards) == len(store.services_for(page.services))
    first = store.services[page.services[0]]
    assert normalize_spaces(cards[0].select_one(".service-card__name").get_text()) == first.name


def test_headings_have_ids_for_deep_links(get_page, store):
    page = next(p for p in store.all_pages("en") if p.headings)
    soup = get_page(page_path(page))
    for heading in page.headings:
        assert soup.select_one(f"#{heading.id}") is not None


def test_home_page_links_to_every_section(get_page, store):
    soup = get_page("/en/")
    hrefs = {a["href"] for a in soup.select("a[href]")}
    for section in ("help", "abuse", "reporting", "rights", "staying-safe", "professionals"):
        assert f"/en/{section}/" in hrefs


def test_every_page_is_within_two_clicks_of_home(client, store):
    from bs4 import BeautifulSoup

    def links(path):
        soup = BeautifulSoup(client.get(path).get_data(as_text=True), "html.parser")
        return {a["href"].split("#")[0] for a in soup.select("a[href^='/en/']")}

    one_click = links("/en/")
    reachable = set(one_click)
    assert one_click, "the home page links to other pages"
    for path in one_click:
        assert client.get(path).status_code == 200, f"{path} is linked from home"
        reachable |= links(path)
    missing = [
        page_path(p) for p in store.all_pages("en") if page_path(p) not in reachable | {"/en/"}
    ]
    assert not missing, f"more than two clicks from home: {missing}"
