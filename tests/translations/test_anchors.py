"""Anchors that keep working in every language: a translated page's headings take the English
page's ids by position, so `page:slug#anchor` links and addresses ending in #anchor reach the same
section in every language; a translation whose headings differ from the English (levels or
count) is reported by the checker, naming the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from app import create_app
from tests.conftest import page_path
from tests.translations.synthetic import load, make_site, page, translation, write

ROOT = Path(__file__).resolve().parents[2]

ENGLISH = """\
Intro.

## Report online

Use the form.

### If the form does not work

Call.

## If you are deaf

Text.
"""
POLISH = """\
Wstęp.

## Zgłoś przez internet

Użyj formularza.

### Jeśli formularz nie działa

Zadzwoń.

## Jeśli jesteś osobą głuchą

Napisz.
"""
LINKING_EN = (
    "See [reporting online](page:report#report-online) and [deaf](page:report#if-you-are-deaf)."
)
LINKING_PL = (
    "Zobacz [zgłoszenie online](page:report#report-online) i [głusi](page:report#if-you-are-deaf)."
)


@pytest.fixture
def site(tmp_path):
    root = make_site(tmp_path)
    write(root, "en", "reporting", "report", page(ENGLISH, "Report", "reporting"))
    write(root, "en", "reporting", "index", page(LINKING_EN, "Reporting", "reporting"))
    write(root, "pl", "reporting", "index", translation(LINKING_PL, "Zgłaszanie", "reporting"))
    return root


def ids(html: str) -> list[str]:
    return [h["id"] for h in BeautifulSoup(html, "html.parser").select("h2[id], h3[id]")]


def test_a_translation_takes_the_english_heading_ids_by_position(site):
    write(site, "pl", "reporting", "report", translation(POLISH, "Zgłoś", "reporting"))
    store = load(site)
    expected = ["report-online", "if-the-form-does-not-work", "if-you-are-deaf"]
    assert ids(store.page("en", "report").html) == expected
    polish = store.page("pl", "report")
    assert ids(polish.html) == expected
    assert [h.id for h in polish.headings] == expected
    # The heading text is still the translation's.
    titles = [h.get_text() for h in BeautifulSoup(polish.html, "html.parser").select("h2, h3")]
    assert titles == [
        "Zgłoś przez internet",
        "Jeśli formularz nie działa",
        "Jeśli jesteś osobą głuchą",
    ]
    errors, _ = store.check()
    assert errors == []


def test_a_link_to_an_anchor_works_before_and_after_the_target_is_translated(site):
    # Before: the target is shown in English (a fallback) with the English ids.
    store = load(site)
    links = BeautifulSoup(store.page("pl", "reporting").html, "html.parser").select("a")
    assert [a["href"] for a in links] == [
        "/pl/reporting/report#report-online",
        "/pl/reporting/report#if-you-are-deaf",
    ]
    assert store.page("pl", "report").is_fallback
    assert store.check()[0] == []
    # After: the translated target has the same ids, so the same links reach the same sections.
    write(site, "pl", "reporting", "report", translation(POLISH, "Zgłoś", "reporting"))
    store = load(site)
    assert not store.page("pl", "report").is_fallback
    assert {"report-online", "if-you-are-deaf"} <= set(ids(store.page("pl", "report").html))
    assert store.check()[0] == []


@pytest.mark.parametrize(
    ("change", "explained"),
    [
        # a section left out
        (
            lambda body: body.split("## Jeśli jesteś")[0],
            "the English has 3 (h2 h3 h2), this translation 2 (h2 h3); "
            "the English heading 3 ('If you are deaf') is missing",
        ),
        # a heading at the wrong level
        (
            lambda body: body.replace("### Jeśli formularz", "## Jeśli formularz"),
            "the English has 3 (h2 h3 h2), this translation 3 (h2 h2 h2); "
            "heading 2 ('Jeśli formularz nie działa') is h2, the English h3",
        ),
        # a heading the English does not have
        (
            lambda body: body + "\n## Dodatkowa rada\n\nTekst.\n",
            "the English has 3 (h2 h3 h2), this translation 4 (h2 h3 h2 h2); "
            "heading 4 ('Dodatkowa rada') is not in the English",
        ),
    ],
)
def test_the_checker_reports_a_translation_whose_headings_differ(site, change, explained):
    write(site, "pl", "reporting", "report", translation(change(POLISH), "Zgłoś", "reporting"))
    errors, _ = load(site).check()
    where = str(site / "pl" / "reporting" / "report.md")
    heading_errors = [e for e in errors if "headings differ" in e]
    assert heading_errors == [
        f"{where} (pl): headings differ from the English page: {explained} "
        f"({site / 'en' / 'reporting' / 'report.md'})"
    ]


def test_a_translation_with_different_headings_keeps_its_own_ids_and_its_links_are_reported(site):
    """Ids by position would point links at the wrong section, so none are given."""
    write(
        site,
        "pl",
        "reporting",
        "report",
        translation(POLISH.split("## Jeśli jesteś")[0], "Zgłoś", "reporting"),
    )
    errors, _ = load(site).check()
    assert any(e.endswith("link to report#if-you-are-deaf: no such heading") for e in errors)


def test_real_translations_have_the_english_ids_when_served(client, store):
    """Every translated page on the site, as a reader's browser gets it."""
    checked = 0
    for lang in store.languages:
        for translated in store.all_pages(lang):
            if lang == "en" or translated.is_fallback or translated.english_body:
                continue
            english = store.page("en", translated.slug)
            served = BeautifulSoup(
                client.get(page_path(translated)).get_data(as_text=True), "html.parser"
            )
            english_served = BeautifulSoup(
                client.get(page_path(english)).get_data(as_text=True), "html.parser"
            )
            prose = served.select_one(".prose")
            assert ids(str(prose)) == ids(str(english_served.select_one(".prose"))), (
                f"{lang}: {translated.slug}"
            )
            checked += 1
    assert checked, "there are translated pages to check"


def test_content_check_names_a_real_translation_whose_headings_differ(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    changed = content / "sk" / "abuse" / "coercive-control.md"
    text = changed.read_text(encoding="utf-8")
    first, rest = text.split("\n## ", 1)
    changed.write_text(first + "\n### " + rest, encoding="utf-8")
    app = create_app(
        {
            "TESTING": True,
            "CONTENT_DIR": content,
            "SEARCH_INDEX_DIR": tmp_path / "index",
            "SEARCH_AUTO_BUILD": False,
        }
    )
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert f"error: {changed} (sk): headings differ from the English page:" in result.output
