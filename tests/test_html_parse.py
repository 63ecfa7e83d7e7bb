"""Every kind of page is well-formed HTML by the HTML standard's own parsing rules (html5lib), not
only by the lenient html.parser the other tests select with: any parse error (a stray or missing
end tag, an element where it may not be, a duplicate attribute) fails, naming the page and the
error.

Checked: every content page of every language; and in every language the directory (with
filters, bad values, no results, a second page), "open now", service pages, search (results, a
second page with a filter, no results, a query too long, the timeout and the 503 pages), the help
finder (questions, an answer, missing answers), the self-check (statements, an answer, a forged
tick), both forms (empty, opened from a page, with errors, forged, thanks), what people told us,
and the 404, 405 and 500 pages.
"""

from __future__ import annotations

import html5lib
import pytest

from app import create_app, migrate
from app.languages import LANGUAGES
from app.search import MAX_QUERY_CHARS
from tests.conftest import checked_page, page_path

LANGS = tuple(LANGUAGES)
NATIONAL_SERVICE = "national_domestic_abuse_helpline"
LOCAL_SERVICE = "derbyshire_police_101"


def parse_errors(html: str) -> list[str]:
    """html5lib's parse errors, each with its place and the source line it is on."""
    parser = html5lib.HTMLParser()
    parser.parse(html)
    lines = html.splitlines()
    found = []
    for (line, column), code, data in parser.errors:
        source = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        found.append(f"line {line}, column {column}: {code} {data or ''} in {source[:160]!r}")
    return found


def assert_no_parse_errors(pages: dict[str, str]) -> None:
    """`pages`: what each page is (its address, and how it was reached) → its HTML."""
    assert pages, "some pages were checked"
    problems = [f"{page}: {error}" for page, html in pages.items() for error in parse_errors(html)]
    assert not problems, "HTML parse errors:\n" + "\n".join(problems)


def test_the_check_finds_markup_errors():
    """The check itself: a clean page passes; a stray end tag, a duplicate attribute and a
    paragraph straight inside a table fail, each named."""
    good = (
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p>x</p></body></html>'
    )
    assert parse_errors(good) == []
    for bad, code in [
        ("<p>x</div>", "end-tag-too-early"),
        ("<p id=a id=b>x</p>", "duplicate-attribute"),
        ("<table><p>x</p></table>", "unexpected-start-tag-implies-table-voodoo"),
    ]:
        errors = parse_errors(good.replace("<p>x</p>", bad))
        assert errors and code in errors[0], (bad, errors)
    with pytest.raises(AssertionError, match=r"/broken: line 1, column \d+: end-tag-too-early"):
        assert_no_parse_errors({"/broken": good.replace("<p>x</p>", "<p>x</div>")})


# ------------------------------------------------------------------ content pages


@pytest.mark.parametrize("lang", LANGS)
def test_every_content_page_parses_without_errors(client, store, lang):
    pages = {}
    for page in store.all_pages(lang):
        path = page_path(page)
        response = client.get(path)
        assert response.status_code == 200 and response.mimetype == "text/html", path
        pages[path] = response.get_data(as_text=True)
    assert f"/{lang}/" in pages, "the home page is among them"
    assert_no_parse_errors(pages)


# ------------------------------------------------------------------ every other kind of page


@pytest.fixture(scope="module")
def forms_app(tmp_path_factory):
    """An app of its own, with a database and a rate limit no test here reaches, so the forms'
    pages (errors included) can be posted in every language."""
    database = tmp_path_factory.mktemp("html-parse-db") / "forms.db"
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{database}",
            "RATELIMIT_FORMS": "1000 per minute",
        }
    )
    migrate.upgrade(app.extensions["db_engine"])
    yield app
    app.extensions["db_engine"].dispose()


def requests_for(lang: str) -> list[tuple[str, str, dict, int, str]]:
    """(method, address, form data, status, a selector only that page has) of each page kind."""
    finder = {"who": "me", "what": "hurt-or-scared", "area": "derby", "contact": "any"}
    return [
        ("get", f"/{lang}/services", {}, 200, ".results-list"),
        (
            "get",
            f"/{lang}/services?area=derby&topic=stalking&audience=women&contact=phone&free=1",
            {},
            200,
            ".chosen-filter",
        ),
        ("get", f"/{lang}/services?topic=no-such-topic&area=derby&area=erewash", {}, 200, "main"),
        ("get", f"/{lang}/services?language=cy&contact=bsl", {}, 200, ".no-results"),
        ("get", f"/{lang}/services?page=2", {}, 200, ".results-list"),
        ("get", f"/{lang}/services/open-now?area=derby", {}, 200, "main"),
        ("get", f"/{lang}/services/{NATIONAL_SERVICE}", {}, 200, "main"),
        ("get", f"/{lang}/services/{LOCAL_SERVICE}", {}, 200, "main"),
        ("get", f"/{lang}/search", {}, 200, "#search-query"),
        ("post", f"/{lang}/search", {"q": "abuse"}, 200, ".search-result"),
        (
            "post",
            f"/{lang}/search",
            {"q": "police", "audience": "women", "page": "2"},
            200,
            ".search-result",
        ),
        ("post", f"/{lang}/search", {"q": "zzqxjvw"}, 200, "#search-query"),
        ("post", f"/{lang}/search", {"q": "x" * (MAX_QUERY_CHARS + 1)}, 400, ".error-summary"),
        ("get", f"/{lang}/find-help", {}, 200, "main form"),
        ("post", f"/{lang}/find-help", finder, 200, ".best-match__name"),
        ("post", f"/{lang}/find-help", {}, 400, ".error-summary"),
        ("get", f"/{lang}/is-this-abuse", {}, 200, "main form"),
        (
            "post",
            f"/{lang}/is-this-abuse",
            {"statement": ["checks-phone", "follows-me"]},
            200,
            ".self-check-result",
        ),
        ("post", f"/{lang}/is-this-abuse", {"statement": ["<b>x</b>"]}, 400, ".error-summary"),
        ("get", f"/{lang}/feedback", {}, 200, "main form"),
        ("post", f"/{lang}/feedback/page", {"page": f"/{lang}/abuse/"}, 200, "main form"),
        ("post", f"/{lang}/feedback", {"message": "forged"}, 400, "main form"),
        ("get", f"/{lang}/feedback/thanks", {}, 200, "main"),
        ("get", f"/{lang}/unsafe-places/report", {}, 200, "main form"),
        ("post", f"/{lang}/unsafe-places/report", {"place": "forged"}, 400, "main form"),
        ("get", f"/{lang}/unsafe-places/report/thanks", {}, 200, "main"),
        ("get", f"/{lang}/unsafe-places/", {}, 200, "main"),
        ("get", f"/{lang}/no-such-section/no-such-page", {}, 404, "main"),
        ("post", f"/{lang}/abuse/", {}, 405, "main"),
    ]


def fetch(client, method: str, url: str, data: dict, status: int, selector: str) -> str:
    """A page's HTML, once its status, the house rules and that it is the page meant hold."""
    response = getattr(client, method)(url, data=data)
    soup = checked_page(response, status)
    assert soup.select_one(selector) is not None, f"{method.upper()} {url}: no {selector}"
    return response.get_data(as_text=True)


@pytest.mark.parametrize("lang", LANGS)
def test_every_other_kind_of_page_parses_without_errors(forms_app, lang):
    client = forms_app.test_client()
    pages = {}
    for method, url, data, status, selector in requests_for(lang):
        label = f"{method.upper()} {url} {data or ''} ({status})"
        pages[label] = fetch(client, method, url, data, status, selector)
    # The forms with a real token and answers that are wrong: the errors beside the questions.
    for url, data in [
        (f"/{lang}/feedback", {"helped": "maybe", "contact": "call me <b>"}),
        (f"/{lang}/unsafe-places/report", {"area": "", "reasons": [], "time_of_day": "night"}),
    ]:
        token = checked_page(client.get(url)).select_one('input[name="csrf_token"]')["value"]
        posted = {"csrf_token": token, **data}
        pages[f"POST {url} {data} (400)"] = fetch(client, "post", url, posted, 400, ".form-error")
    assert_no_parse_errors(pages)


@pytest.mark.parametrize("lang", LANGS)
def test_the_500_page_parses_without_errors(forms_app, monkeypatch, lang):
    def boom(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setitem(forms_app.view_functions, "pages.home", boom)
    monkeypatch.setitem(forms_app.config, "PROPAGATE_EXCEPTIONS", False)
    monkeypatch.setattr(forms_app.logger, "disabled", True)
    html = fetch(forms_app.test_client(), "get", f"/{lang}/", {}, 500, "main")
    assert_no_parse_errors({f"GET /{lang}/ (500)": html})


def test_the_search_timeout_and_no_index_pages_parse_without_errors(tmp_path):
    timeout = create_app({"TESTING": True, "SEARCH_TIME_LIMIT": 0}).test_client()
    no_index = create_app(
        {"TESTING": True, "SEARCH_INDEX_DIR": tmp_path, "SEARCH_AUTO_BUILD": False}
    ).test_client()
    pages = {}
    for lang in LANGS:
        url = f"/{lang}/search"
        pages[f"POST {url}, out of time"] = fetch(
            timeout, "post", url, {"q": "abuse"}, 200, ".search-note"
        )
        pages[f"POST {url}, no index (503)"] = fetch(
            no_index, "post", url, {"q": "abuse"}, 503, ".callout-warning"
        )
    assert_no_parse_errors(pages)
