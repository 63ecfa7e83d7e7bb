"""The searcher and the index's word pairs, on indexes built from changed content."""

from __future__ import annotations

import dataclasses

from app.search.indexer import documents, ensure_indexes
from app.search.searcher import SearchService
from tests.conftest import LINKS, checked_page


def _with_page(store, slug, **changes):
    page = dataclasses.replace(store.page("en", slug), **changes)
    return dataclasses.replace(store, pages={"en": {**store.pages["en"], slug: page}})


def test_excerpts_escape_page_text_and_mark_the_words_found(app, store, tmp_path):
    text = "Stalking <script>alert(1)</script> & being followed home is a crime. " * 3
    changed = _with_page(store, "stalking", text=text)
    with app.test_request_context("/en/search"):
        ensure_indexes(changed, tmp_path, ["en"])
        service = SearchService(tmp_path, changed, app.extensions["search"].vocabulary, LINKS)
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
    from app import create_app

    app = create_app({"TESTING": True, "SEARCH_TIME_LIMIT": 0})
    response = app.test_client().post("/en/search", data={"q": "abuse"})
    soup = checked_page(response)
    assert "took too long" in soup.select_one(".search-note").get_text()
    assert soup.select(".search-result"), "the results found so far are shown"


def counted_service(app, monkeypatch, cache_size=512):
    """A SearchService on the app's indexes that counts the searches it really works out."""
    real = app.extensions["search"]
    service = SearchService(
        real.root, real.store, real.vocabulary, real.links, cache_size=cache_size
    )
    calls = []
    work = service._search

    def counting(lang, text, **options):
        calls.append((lang, text))
        return work(lang, text, **options)

    monkeypatch.setattr(service, "_search", counting)
    return service, calls


def test_the_same_search_is_worked_out_once_and_shows_the_words_as_typed(app, monkeypatch):
    service, calls = counted_service(app, monkeypatch)
    with app.test_request_context("/en/search"):
        first = service.search("en", "he checks my phone")
        again = service.search("en", "He  checks my PHONE")
        other_lang = service.search("pl", "he checks my phone")
        filtered = service.search("en", "he checks my phone", section="help")
        second_page = service.search("en", "he checks my phone", number=2)
    assert len(calls) == 4, "only the repeated search came from memory"
    assert again.pages == first.pages and again.text == "He  checks my PHONE"
    assert other_lang is not first and filtered is not first and second_page is not first


def test_the_result_cache_is_bounded_and_skips_partial_answers(app, monkeypatch):
    service, calls = counted_service(app, monkeypatch, cache_size=2)
    with app.test_request_context("/en/search"):
        for words in ("stalking", "spiking", "forced marriage", "stalking"):
            service.search("en", words)
        assert len(calls) == 4, "the oldest search was dropped to keep two"
        service.time_limit = 0
        service.search("en", "abuse")
        service.search("en", "abuse")
    assert calls[-2:] == [("en", "abuse"), ("en", "abuse")], "a timed-out search is not kept"
