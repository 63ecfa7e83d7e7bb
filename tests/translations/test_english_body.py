"""Professionals' pages may stay English: a translation with `english_body: true` gives the title,
the summary and a one-paragraph translated summary, shown above the English body (marked
lang="en"), with a notice that the full text is in English. It counts as translated."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import frontmatter
import pytest
from bs4 import BeautifulSoup

from app import create_app
from app.content import ContentError
from tests.conftest import assert_house_rules, normalize_spaces
from tests.translations.synthetic import load, make_site, page, translation, write

ROOT = Path(__file__).resolve().parents[2]
SLUG = "dash-and-marac"
ENGLISH_FILE = ROOT / "content" / "en" / "professionals" / f"{SLUG}.md"

SUMMARIES = {
    "pl": (
        "Lista kontrolna Dash i skierowanie do MARAC",
        "Jak używać listy kontrolnej Dash i kiedy skierować ofiarę do MARAC.",
        "Ta strona jest dla pracowników. Wyjaśnia, jak lista kontrolna Dash pomaga ocenić "
        "ryzyko poważnej krzywdy i kiedy sprawę kieruje się na spotkanie MARAC w Derby i "
        "Derbyshire. Numery: {{phone:derbyshire_police_101}}.",
    ),
    "ur": (
        "Dash رسک چیک لسٹ اور MARAC ریفرل",
        "Dash چیک لسٹ کیسے استعمال کریں اور MARAC کو کب ریفر کریں۔",
        "یہ صفحہ پیشہ ور افراد کے لیے ہے۔ یہ بتاتا ہے کہ Dash چیک لسٹ سنگین نقصان کے خطرے کو "
        "پہچاننے میں کیسے مدد کرتی ہے اور کیس MARAC کو کب بھیجا جاتا ہے۔",
    ),
}


def summary_translation(lang: str) -> str:
    english = frontmatter.loads(ENGLISH_FILE.read_text(encoding="utf-8"))
    title, summary, paragraph = SUMMARIES[lang]
    post = frontmatter.Post(
        paragraph,
        **{
            **english.metadata,
            "title": title,
            "summary": summary,
            "translated_from": hashlib.sha256(ENGLISH_FILE.read_bytes()).hexdigest()[:12],
            "review": "machine",
            "english_body": True,
        },
    )
    return frontmatter.dumps(post)


def _translated_professionals_pages(folder: str, names: list[str]) -> list[str]:
    """For shutil.copytree: leave out content/<lang>/professionals/ (English stays)."""
    here = Path(folder)
    in_a_translation = here.parent == ROOT / "content" and here.name != "en"
    return ["professionals"] if in_a_translation and "professionals" in names else []


@pytest.fixture(scope="module")
def app_with_summaries(tmp_path_factory):
    """The real content with the real translations of the professionals' pages left out and the
    made-up summaries of SLUG put in their place."""
    folder = tmp_path_factory.mktemp("site")
    content = folder / "content"
    shutil.copytree(ROOT / "content", content, ignore=_translated_professionals_pages)
    for lang in SUMMARIES:
        target = content / lang / "professionals" / f"{SLUG}.md"
        target.parent.mkdir(exist_ok=True)
        target.write_text(summary_translation(lang), encoding="utf-8")
    return create_app(
        {"TESTING": True, "CONTENT_DIR": content, "SEARCH_INDEX_DIR": folder / "index"}
    )


def served(app, url: str) -> BeautifulSoup:
    response = app.test_client().get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert_house_rules(soup, response)
    return soup


@pytest.mark.parametrize("lang", list(SUMMARIES))
def test_the_summary_is_in_the_language_above_the_english_body(app_with_summaries, lang):
    title, summary, paragraph = SUMMARIES[lang]
    soup = served(app_with_summaries, f"/{lang}/professionals/{SLUG}")
    english = served(app_with_summaries, f"/en/professionals/{SLUG}")
    assert soup.html["lang"] == lang
    assert normalize_spaces(soup.h1.get_text()) == title
    article = soup.select_one("article")
    assert article.get("lang") is None, "the page is in the reader's language"
    assert normalize_spaces(soup.select_one(".lead").get_text()) == summary
    first_words = paragraph.split(". ")[0]
    assert normalize_spaces(soup.select_one(".page-summary").get_text()).startswith(first_words)
    # The notice, in the language, says that the full text is in English.
    notices = soup.select("article .notice")
    assert len(notices) == 1
    assert (
        notices[0].get_text() != "This page has not been translated yet, so it is shown in English."
    )
    # The body is the English page's, marked as English, left to right.
    bodies = soup.select("article .prose[lang]")
    assert len(bodies) == 1 and (bodies[0]["lang"], bodies[0]["dir"]) == ("en", "ltr")
    english_prose = english.select(".prose")[0]
    assert normalize_spaces(bodies[0].get_text()) == normalize_spaces(english_prose.get_text())
    # Its links stay in the reader's language, its anchors are the English ones.
    hrefs = [a["href"] for a in bodies[0].select("a[href^='/']")]
    assert hrefs and all(href.startswith(f"/{lang}/") for href in hrefs)
    heading_ids = [h["id"] for h in bodies[0].select("h2[id], h3[id]")]
    assert heading_ids == [h["id"] for h in english_prose.select("h2[id], h3[id]")]


def test_the_notice_is_the_polish_catalogues_sentence(app_with_summaries):
    soup = served(app_with_summaries, f"/pl/professionals/{SLUG}")
    assert normalize_spaces(soup.select_one("article .notice").get_text()) == (
        "Przetłumaczyliśmy tylko to streszczenie. Pełny tekst poniżej jest po angielsku."
    )
    # The shortcode in the summary shows the number from the services data.
    assert soup.select_one('.page-summary a.contact-number[href="tel:101"]') is not None


def test_a_page_that_keeps_its_english_body_counts_as_translated(app_with_summaries):
    result = app_with_summaries.test_cli_runner().invoke(args=["content", "translations"])
    polish = result.output.split("Polish (pl)\n", 1)[1].split("\nPanjabi", 1)[0]
    pages = polish.split("  services:")[0]
    missing = pages.split("    missing:", 1)[1]
    assert f"professionals/{SLUG}" not in missing
    assert "professionals/stalking-risk" in missing
    store = app_with_summaries.extensions["content"]
    assert not store.page("pl", SLUG).is_fallback
    counts = re.search(r"pages: (\d+) translated, \d+ outdated, (\d+) missing", polish)
    translated_files = list((app_with_summaries.config["CONTENT_DIR"] / "pl").rglob("*.md"))
    assert int(counts[1]) == len(translated_files)


def test_search_finds_the_page_by_its_translated_summary(app_with_summaries):
    search = app_with_summaries.extensions["search"]
    with app_with_summaries.test_request_context("/pl/search"):
        slugs = [p.slug for p in search.search("pl", "lista kontrolna Dash").pages]
    assert slugs[0] == SLUG


# ------------------------------------------------------------------ checks

BODY = "Intro.\n\n## Steps\n\nDo this.\n"


@pytest.fixture
def site(tmp_path):
    root = make_site(tmp_path)
    write(root, "en", "professionals", "risk", page(BODY, "Risk", "professionals"))
    write(root, "en", "abuse", "stalking", page(BODY, "Stalking", "abuse"))
    return root


def test_a_one_paragraph_summary_loads_with_the_english_body(site):
    write(
        site,
        "pl",
        "professionals",
        "risk",
        translation("Krótkie streszczenie strony.", "Ryzyko", "professionals", english_body="true"),
    )
    store = load(site)
    polish = store.page("pl", "risk")
    assert polish.english_body and not polish.is_fallback and polish.title == "Ryzyko"
    assert polish.intro_html.strip() == "<p>Krótkie streszczenie strony.</p>"
    assert polish.html == store.page("en", "risk").html.replace("/en/", "/pl/")
    assert [h.id for h in polish.headings] == ["steps"]
    assert store.check()[0] == []


@pytest.mark.parametrize(
    "body",
    [
        "Pierwszy akapit.\n\nDrugi akapit.",
        "Streszczenie.\n\n## Kroki\n\nTekst.",
        "- punkt\n- punkt",
        "::: warning\nUwaga.\n:::",
        "",
    ],
)
def test_a_summary_that_is_not_one_paragraph_is_reported(site, body):
    path = site / "pl" / "professionals" / "risk.md"
    write(
        site,
        "pl",
        "professionals",
        "risk",
        translation(body, "Ryzyko", "professionals", english_body="true"),
    )
    errors, _ = load(site).check()
    assert [e for e in errors if "english_body" in e] == [
        f"{path} (pl): english_body: the translated text must be one paragraph summing up the "
        "page (no headings, lists or blocks); the English body follows it"
    ]


def test_only_a_professionals_translation_may_keep_its_english_body(site):
    write(site, "pl", "abuse", "stalking", translation("Streszczenie.", english_body="true"))
    with pytest.raises(
        ContentError, match=r"pl/abuse/stalking\.md: english_body: only a translated"
    ):
        load(site)


def test_an_english_page_cannot_say_it_keeps_its_english_body(site):
    write(
        site,
        "en",
        "professionals",
        "other",
        page(BODY, "Other", "professionals", english_body="true"),
    )
    with pytest.raises(ContentError, match=r"en/professionals/other\.md: english_body"):
        load(site)


def test_english_body_is_true_or_absent(site):
    write(
        site,
        "pl",
        "professionals",
        "risk",
        translation("Streszczenie.", "Ryzyko", "professionals", english_body="false"),
    )
    with pytest.raises(ContentError, match=r"pl/professionals/risk\.md: english_body"):
        load(site)
