"""Content pages are rendered at most once a minute and served from memory."""

from __future__ import annotations

import datetime as dt
import gzip

from bs4 import BeautifulSoup

from app import create_app
from app.directory.hours import LONDON
from app.page_cache import CompressedPageCache, RenderCache


def test_render_cache_renders_once_per_minute():
    now = [1000.0]
    cache = RenderCache(seconds=60, clock=lambda: now[0])
    renders = []

    def render():
        renders.append(1)
        return f"html {len(renders)}"

    assert cache.get_or_render("/en/", render) == "html 1"
    now[0] += 10
    assert cache.get_or_render("/en/", render) == "html 1"
    now[0] += 60
    assert cache.get_or_render("/en/", render) == "html 2"
    assert cache.get_or_render("/en/other", render) == "html 3"


def test_compressed_cache_keeps_only_content_pages_of_the_current_minute():
    cache = CompressedPageCache()
    cache.set("gzip;-", b"search results")
    assert cache.get("gzip;-") is None
    cache.set("gzip;/en/|5", b"page")
    assert cache.get("gzip;/en/|5") == b"page"
    assert cache.get("gzip;/en/|6") is None
    assert cache.get("br;/en/|5") is None


def test_cached_pages_are_served_whole_and_compressed():
    app = create_app({"TESTING": True, "PAGE_CACHE": True})
    client = app.test_client()
    first = client.get("/en/help/get-help-now", headers={"Accept-Encoding": "gzip"})
    second = client.get("/en/help/get-help-now", headers={"Accept-Encoding": "gzip"})
    assert first.status_code == second.status_code == 200
    assert gzip.decompress(first.data) == gzip.decompress(second.data)
    plain = client.get("/en/help/get-help-now").get_data(as_text=True)
    assert gzip.decompress(second.data).decode() == plain
    # A different page is not confused with the cached one.
    other = client.get("/en/abuse/", headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(other.data) != gzip.decompress(first.data)


def test_render_cache_is_bounded_and_drops_the_least_recently_used():
    cache = RenderCache(max_entries=2)
    cache.get_or_render("a", lambda: "A")
    cache.get_or_render("b", lambda: "B")
    cache.get_or_render("a", lambda: "A2")  # a is used again, so b is now the oldest
    cache.get_or_render("c", lambda: "C")
    assert cache.get_or_render("a", lambda: "new") == "A"
    assert cache.get_or_render("b", lambda: "B again") == "B again"


def test_directory_filters_are_part_of_the_cache_key():
    app = create_app({"TESTING": True, "PAGE_CACHE": True})
    client = app.test_client()
    everyone = client.get("/en/services").get_data(as_text=True)
    stalking = client.get("/en/services?topic=stalking").get_data(as_text=True)
    assert everyone != stalking
    assert client.get("/en/services?topic=stalking").get_data(as_text=True) == stalking


def test_pages_of_search_results_are_kept_apart_by_words_filters_page_and_method(monkeypatch):
    import app.views.search as search_view

    app = create_app({"TESTING": True, "PAGE_CACHE": True})
    client = app.test_client()
    renders = []
    real = search_view.render_template
    monkeypatch.setattr(
        search_view, "render_template", lambda *a, **k: renders.append(k["text"]) or real(*a, **k)
    )
    first = client.post("/en/search", data={"q": "stalking"}).get_data(as_text=True)
    again = client.post("/en/search", data={"q": "stalking"}).get_data(as_text=True)
    assert again == first and renders == ["stalking"], "the same search is rendered once"
    client.post("/en/search", data={"q": "Stalking"})
    client.post("/en/search", data={"q": "stalking", "audience": "women"})
    client.post("/en/search", data={"q": "stalking", "page": "2"})
    by_get = client.get("/en/search?q=stalking").get_data(as_text=True)
    assert len(renders) == 5, "case, filters, page and method each get their own page"
    assert 'rel="canonical"' in by_get and 'rel="canonical"' not in first
    assert "Stalking" in client.post("/en/search", data={"q": "Stalking"}).get_data(as_text=True)
    client.post("/en/search", data={"q": "x" * 300})  # an error page: never kept
    client.post("/en/search", data={"q": "x" * 300})
    assert len(renders) == 7


def test_a_page_rendered_into_its_cached_layout_is_the_same_page(app, monkeypatch):
    """The help finder's answer reuses its layout from the page cache and renders only `main`
    (app/page_cache.py render_main): what a reader gets must not change, in either direction of
    writing, nor from one answer to the next."""
    when = dt.datetime(2026, 6, 3, 21, 30, tzinfo=LONDON)  # the same minute for both apps
    monkeypatch.setitem(app.config, "DIRECTORY_NOW", lambda: when)
    # Not TESTING (which turns the page cache off), so it needs its own key, like production.
    cached_app = create_app(
        {"PAGE_CACHE": True, "DIRECTORY_NOW": lambda: when, "SECRET_KEY": "page-cache-test"}
    )
    assert cached_app.extensions.get("page_cache") is not None
    assert app.extensions.get("page_cache") is None  # the test app renders everything whole
    answers = [
        {"who": "me", "what": "hurt-or-scared", "area": "derby", "contact": "phone"},
        {"who": "professional", "what": ["child", "fgm"], "area": "not-say", "contact": "any"},
    ]
    for lang in ("en", "ur"):
        for data in answers:
            whole = app.test_client().post(f"/{lang}/find-help", data=data)
            first = cached_app.test_client().post(f"/{lang}/find-help", data=data)
            again = cached_app.test_client().post(f"/{lang}/find-help", data=data)
            assert whole.status_code == first.status_code == again.status_code == 200
            assert first.get_data() == again.get_data() == whole.get_data(), (lang, data)
            assert b"\x00" not in first.get_data()


def test_service_parts_of_an_answer_are_reused_but_never_carry_one_readers_answers(
    app, monkeypatch
):
    """The help finder's answer keeps the parts that describe a service (name, contact, open
    status, "best for") for the minute (app/templating.py cached_fragment); why each service is
    there, and what she told us, are rendered for her alone. Answers that share services but not
    reasons, posted in turn, must each get exactly the page rendered whole, and nothing kept may
    be keyed by an answer."""
    when = dt.datetime(2026, 6, 3, 21, 30, tzinfo=LONDON)
    monkeypatch.setitem(app.config, "DIRECTORY_NOW", lambda: when)
    cached_app = create_app(
        {"PAGE_CACHE": True, "DIRECTORY_NOW": lambda: when, "SECRET_KEY": "page-cache-test"}
    )
    fragments = cached_app.extensions["fragment_cache"]
    answers = [
        {"who": "me", "what": "hurt-or-scared", "area": "chesterfield", "contact": "phone"},
        {"who": "me", "what": "hurt-or-scared", "area": "chesterfield", "contact": "phone",
         "about": "man"},
        {"who": "someone-else", "what": ["hurt-or-scared", "followed"], "area": "erewash",
         "contact": "any", "about": "lgbt"},
        {"who": "me", "what": "followed", "area": "not-say", "contact": ["text", "chat"],
         "about": "deaf"},
    ]  # fmt: skip
    pages = {}
    for round_ in range(2):
        for lang in ("en", "pl"):
            for number, data in enumerate(answers):
                whole = app.test_client().post(f"/{lang}/find-help", data=data)
                kept = cached_app.test_client().post(f"/{lang}/find-help", data=data)
                assert whole.status_code == kept.status_code == 200
                assert kept.get_data() == whole.get_data(), (round_, lang, data)
                pages[lang, number] = kept.get_data(as_text=True)
        if round_ == 0:
            stored = fragments.keys()
    assert len(stored) >= 20, "the service parts were kept"
    assert fragments.keys() == stored, "the second round rendered no service part again"
    # The same service shown to different people, with different reasons: the parts kept are
    # shared, the reasons are not.
    reasons: dict[str, set[str]] = {}
    for number in range(len(answers)):
        soup = BeautifulSoup(pages["en", number], "html.parser")
        for match in soup.select(".best-match"):
            why = match.select_one(".best-match__reasons")
            name = match.select_one(".best-match__name").get_text(strip=True)
            reasons.setdefault(name, set()).add(why.get_text(strip=True) if why else "")
    assert any(len(found) > 1 for found in reasons.values()), reasons
    answer_words = {"me", "someone-else", "chesterfield", "erewash", "not-say", "man", "lgbt",
                    "deaf", "hurt-or-scared", "followed", "any"}  # fmt: skip
    for key in stored:
        assert key.split("|")[0] in ("en", "pl"), key
        assert not answer_words & set(key.split("|")), key
