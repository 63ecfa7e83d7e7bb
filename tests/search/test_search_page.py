"""The search page: POST and GET, results, services, filters, zero results, bad input, privacy."""

from __future__ import annotations

import logging
import runpy
from pathlib import Path

import pytest

from app.search import MAX_QUERY_CHARS
from tests.conftest import checked_page, normalize_spaces
from tests.directory.test_lines import TWENTY_FOUR_HOUR_LINES

ROOT = Path(__file__).resolve().parents[2]


def search(get_page, query: str, status: int = 200, **extra):
    return get_page("/en/search", status=status, method="post", data={"q": query, **extra})


def result_links(soup) -> list[str]:
    return [a["href"] for a in soup.select(".search-results .search-result__title a")]


def test_post_shows_pages_and_services_for_plain_words(get_page, store):
    soup = search(get_page, "he checks my phone")
    assert soup.select_one("#search-query")["value"] == "he checks my phone"
    assert result_links(soup)[0] == "/en/abuse/coercive-control"
    first = soup.select_one(".search-result")
    page = store.page("en", "coercive-control")
    assert normalize_spaces(first.select_one(".search-result__summary").get_text()) == page.summary
    marks = [m.get_text().lower() for m in first.select(".search-result__excerpt mark")]
    assert marks and all(m.startswith(("check", "phone")) for m in marks)
    cards = soup.select(".search-services .service-card")
    assert cards, "matching services are shown as their own group"
    assert cards[0].select_one(".service-card__contacts, a")


def test_get_with_q_works_for_links(get_page):
    soup = get_page("/en/search?q=stalking")
    assert "/en/abuse/stalking" in result_links(soup)[:3]
    assert soup.select_one("#search-query")["value"] == "stalking"


def test_repeated_q_takes_the_first(get_page):
    soup = get_page("/en/search?q=spiking&q=fgm")
    assert soup.select_one("#search-query")["value"] == "spiking"
    assert result_links(soup)[0] == "/en/abuse/spiking"


def test_misspelt_words_still_find_the_page(get_page):
    soup = search(get_page, "stalkng")
    assert "/en/abuse/stalking" in result_links(soup)[:3]
    assert soup.select_one(".search-note"), "says that similar spellings were used"


def test_empty_search_offers_a_way_on(get_page, store):
    soup = get_page("/en/search")
    assert soup.select_one("#search-query")["value"] == ""
    hub_links = {a["href"] for a in soup.select(".search-help .card-list a")}
    assert {"/en/help/", "/en/abuse/", "/en/reporting/"} <= hub_links


def test_zero_results_show_24_hour_helplines_from_the_data_and_the_hubs(get_page, store):
    soup = search(get_page, "qqqzzzxxyy")
    assert not soup.select(".search-result")
    links = soup.select(".search-help .service-card__name a")
    keys = [a["href"].rsplit("/", 1)[-1] for a in links]
    # The same 24-hour lines as the directory and the help finder (app/directory/lines.py).
    assert keys == TWENTY_FOUR_HOUR_LINES
    assert soup.select(".search-help .card-list a"), "main hubs are linked"
    assert soup.select_one(".emergency-strip")


@pytest.mark.parametrize(
    "query",
    [
        "   ",
        "!!!???...",
        'AND ( OR NOT "',
        "*",
        '"unclosed phrase',
        "title:rape body:*",
        "stalk* ~2 ^5 {a TO z}",
        "\x00\x01\x1b[31mred\x7f",
        "\u202eevil bidi\u202c",
        "ਘਰੇਲੂ ਹਿੰਸਾ domestic اردو abuse 😀",
        "x" * MAX_QUERY_CHARS,
        "a " * 100,
    ],
)
def test_odd_queries_get_a_normal_page(get_page, query):
    soup = search(get_page, query)
    assert soup.select_one("#search-query") is not None


def test_html_in_the_query_is_shown_as_text(get_page):
    soup = search(get_page, "<script>alert(1)</script><b>rape</b>")
    assert not soup.select("main script, main b")
    assert soup.select_one("#search-query")["value"] == "<script>alert(1)</script><b>rape</b>"
    assert "<b>rape</b>" in soup.select_one(".search-summary").get_text()


@pytest.mark.parametrize("method", ["post", "get"])
def test_too_long_is_refused_with_a_message_and_the_text_kept(get_page, method):
    long_query = "my ex keeps turning up at my work " * 300  # about 10,000 characters
    if method == "post":
        soup = search(get_page, long_query, status=400)
    else:
        soup = get_page("/en/search", status=400, query_string={"q": long_query})
    summary = soup.select_one(".error-summary")
    link = summary.select_one("a")
    assert link["href"] == "#search-query"
    assert str(MAX_QUERY_CHARS) in link.get_text()
    box = soup.select_one("#search-query")
    assert long_query.startswith(box["value"]) and len(box["value"]) == MAX_QUERY_CHARS
    assert soup.title.get_text().startswith("Error:")


def test_section_filter_keeps_only_that_section(get_page):
    soup = search(get_page, "stalking", section="protection")
    links = result_links(soup)
    assert links and all(link.startswith("/en/protection/") for link in links)
    assert soup.select_one("#filter-section option[selected]")["value"] == "protection"


def test_audience_filter_keeps_pages_for_that_audience(get_page, store):
    soup = search(get_page, "referral", audience="professionals")
    links = result_links(soup)
    assert links, "the filter keeps some pages"
    for link in links:
        slug = link.rstrip("/").rsplit("/", 1)[-1]
        assert "professionals" in store.page("en", slug).audiences


def test_filter_form_keeps_the_query_out_of_the_address(get_page):
    soup = search(get_page, "stalking")
    form = soup.select_one("form.search-filters")
    assert form["method"] == "post"
    assert form.select_one('input[type="hidden"][name="q"]')["value"] == "stalking"
    assert form.select_one("fieldset legend")


@pytest.mark.parametrize(("field", "value"), [("section", "nope"), ("audience", "robots")])
def test_unknown_filter_values_get_a_message_beside_the_filter(get_page, field, value):
    soup = search(get_page, "stalking", status=400, **{field: value})
    target = f"#filter-{field}"
    assert soup.select_one(f'.error-summary a[href="{target}"]')
    assert soup.select_one(f"{target}-error")
    group = soup.select_one(f".form-group:has({target})")
    assert group is not None and "error" in group["class"][1]
    assert result_links(soup), "results are still shown, unfiltered"


def test_search_sets_no_cookie_and_is_not_cached(client):
    response = client.post("/en/search", data={"q": "rape"})
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_search_boxes_post_and_do_not_autocomplete(get_page):
    soup = search(get_page, "refuge")
    for form in soup.select('form[role="search"]'):
        assert form["method"] == "post"
        assert form.select_one('input[name="q"]')["autocomplete"] == "off"
        assert form.select_one("label")


def test_no_link_on_the_results_page_carries_the_query(get_page):
    soup = search(get_page, "zebracrossing stalking")
    assert result_links(soup)
    for link in soup.select("a[href]"):
        assert "zebracrossing" not in link["href"]
        assert "q=" not in link["href"]


def test_query_text_is_never_logged(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.post("/en/search", data={"q": "secretword-harassment"})
    client.get("/en/search?q=secretword-harassment")
    assert not [r for r in caplog.records if "secretword" in r.getMessage()]


def test_gunicorn_access_log_records_no_query_string():
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    log_format = settings["access_log_format"]
    for item in ("%(q)s", "%(r)s", "%(f)s", "%(a)s", "%(h)s", "{"):
        assert item not in log_format


def test_search_page_in_an_unknown_language_is_a_404(client):
    assert client.post("/xx/search", data={"q": "rape"}).status_code == 404


def test_search_without_an_index_says_so_and_still_helps(tmp_path):
    from app import create_app

    app = create_app({"TESTING": True, "SEARCH_INDEX_DIR": tmp_path, "SEARCH_AUTO_BUILD": False})
    response = app.test_client().post("/en/search", data={"q": "rape"})
    soup = checked_page(response, 503)
    assert soup.select_one(".callout-warning")
    assert soup.select(".search-help .service-card")


def page_button_form(soup, label: str):
    """The form of the "Next page" or "Previous page" button, or None."""
    return soup.select_one(f'form:has(button:-soup-contains("{label}"))')


def next_page_form(soup):
    return page_button_form(soup, "Next page")


def test_results_come_ten_to_a_page_and_the_next_page_posts_the_words_again(get_page):
    first = search(get_page, "abuse")
    assert len(result_links(first)) == 10
    total = int(first.select_one(".search-summary").get_text().split()[0])
    assert total > 20
    assert "Page 1 of" in first.select_one(".results-range").get_text()
    form = next_page_form(first)
    assert form["method"] == "post", "the words stay out of the address"
    fields = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    assert fields == {"q": "abuse", "page": "2"}
    assert not first.select('button:-soup-contains("Previous page")')

    second = search(get_page, "abuse", page="2")
    assert len(result_links(second)) == 10
    assert not set(result_links(second)) & set(result_links(first))
    assert second.select_one(".search-results__list")["start"] == "11"
    previous = page_button_form(second, "Previous page")
    assert previous is not None and previous["method"] == "post"
    fields = {i["name"]: i["value"] for i in previous.select("input[type=hidden]")}
    assert fields == {"q": "abuse", "page": "1"}
    assert not second.select(".search-services"), "services are shown with the first page"
    assert not second.select_one(".notice")


def test_the_pages_of_results_keep_the_filters(get_page):
    soup = search(get_page, "police", audience="women")
    form = next_page_form(soup)
    assert form is not None
    fields = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    assert fields == {"q": "police", "audience": "women", "page": "2"}


@pytest.mark.parametrize(("page", "shown"), [("abc", 1), ("0", 1), ("-1", 1), ("99999", None)])
def test_a_page_of_results_that_does_not_exist_shows_a_real_one_with_a_note(get_page, page, shown):
    soup = search(get_page, "abuse", page=page)
    count = int(soup.select_one(".results-range").get_text().split()[-1])
    number = shown or count
    assert f"Page {number} of {count}" in soup.select_one(".results-range").get_text()
    assert f"showing page {number}" in soup.select_one(".notice").get_text()
    assert result_links(soup)
