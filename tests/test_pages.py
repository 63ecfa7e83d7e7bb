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


@pytest.mark.parametrize("path", PATHS)
def test_every_page_is_served_with_the_safety_shell(get_page, store, path):
    soup = get_page(path)
    lang, *rest = path.strip("/").split("/")
    slug = rest[-1] if rest else "home"
    page = store.page(lang, slug)
    assert normalize_spaces(soup.h1.get_text()) == page.title
    assert soup.html["lang"] == lang
    assert soup.html["dir"] == LANGUAGES[lang].direction
    assert "Last reviewed" in soup.select_one(".page-meta").get_text() or lang != "en"
    for link in soup.select('a[href^="tel:"]'):
        assert TEL.match(link["href"]), link["href"]


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
    for path in one_click:
        if client.get(path).status_code == 200:
            reachable |= links(path)
    missing = [
        page_path(p) for p in store.all_pages("en") if page_path(p) not in reachable | {"/en/"}
    ]
    assert not missing, f"more than two clicks from home: {missing}"
