"""The searcher and the index's word pairs, on indexes built from changed content."""

from __future__ import annotations

import dataclasses

from app.search.indexer import documents, ensure_indexes
from app.search.searcher import SearchService


def _with_page(store, slug, **changes):
    page = dataclasses.replace(store.page("en", slug), **changes)
    return dataclasses.replace(store, pages={"en": {**store.pages["en"], slug: page}})


def test_excerpts_escape_page_text_and_mark_the_words_found(app, store, tmp_path):
    text = "Stalking <script>alert(1)</script> & being followed home is a crime. " * 3
    changed = _with_page(store, "stalking", text=text)
    with app.test_request_context("/en/search"):
        ensure_indexes(changed, tmp_path, ["en"])
        service = SearchService(tmp_path, changed, app.extensions["search"].vocabulary)
        results = service.search("en", "stalking")
    (result,) = [r for r in results.pages if r.slug == "stalking"]
    excerpt = str(result.excerpt)
    assert "<script>" not in excerpt and "&lt;script&gt;" in excerpt and "&amp;" in excerpt
    assert "<mark>Stalking</mark>" in excerpt


def test_word_pairs_come_from_the_title_and_each_keyword_phrase_on_its_own(app, store):
    changed = _with_page(
        store,
        "stalking",
        title="Stalked and followed home",
        keywords=("checks my phone", "tracking app"),
    )
    with app.app_context():
        (doc,) = [d for d in documents(changed, "en") if d["ref"] == "page:stalking"]
    assert doc["title_pairs"].split(",") == ["stalk follow", "follow home"]
    assert doc["keyword_pairs"].split(",") == ["check phone", "track app"]


def test_a_search_that_runs_out_of_time_shows_what_it_found_and_says_so():
    from bs4 import BeautifulSoup

    from app import create_app

    app = create_app({"TESTING": True, "SEARCH_TIME_LIMIT": 0})
    response = app.test_client().post("/en/search", data={"q": "abuse"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert "took too long" in soup.select_one(".search-note").get_text()
    assert soup.select(".search-result"), "the results found so far are shown"
