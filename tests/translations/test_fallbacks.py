"""What a reader sees where a translation does not exist yet: the English page with a notice in
her language, and a service's English texts, each marked lang="en" and laid out left to right.

The site is the real content plus a page and a service that no language has translated, so these
tests keep working however much the translators have done."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from app import create_app
from app.languages import LANGUAGES
from tests.conftest import assert_house_rules, normalize_spaces

ROOT = Path(__file__).resolve().parents[2]
OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]
NOTICE = "This page has not been translated yet, so it is shown in English."


@pytest.fixture(scope="module")
def app_with_new_english(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copy(content / "en" / "abuse" / "stalking.md", content / "en" / "abuse" / "new-page.md")
    samaritans = (content / "services" / "samaritans.yaml").read_text(encoding="utf-8")
    (content / "services" / "new_line.yaml").write_text(
        samaritans.replace("key: samaritans", "key: new_line"), encoding="utf-8"
    )
    return create_app(
        {
            "TESTING": True,
            "CONTENT_DIR": content,
            "SEARCH_INDEX_DIR": folder / "index",
            "SEARCH_AUTO_BUILD": False,
        }
    )


def served(app, url: str) -> BeautifulSoup:
    response = app.test_client().get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert_house_rules(soup, response)
    return soup


def catalogue_notice(lang: str) -> str:
    with open(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=lang)[NOTICE].string


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_an_untranslated_page_is_english_with_a_notice_in_the_readers_language(
    app_with_new_english, lang
):
    soup = served(app_with_new_english, f"/{lang}/abuse/new-page")
    english = served(app_with_new_english, "/en/abuse/new-page")
    assert (soup.html["lang"], soup.html["dir"]) == (lang, LANGUAGES[lang].direction)
    assert soup.h1.get_text() == english.h1.get_text()
    article = soup.select_one("article")
    assert (article["lang"], article["dir"]) == ("en", "ltr")
    notice = soup.select_one("article .notice")
    assert (notice["lang"], notice["dir"]) == (lang, LANGUAGES[lang].direction)
    assert normalize_spaces(notice.get_text()) == normalize_spaces(catalogue_notice(lang))
    assert english.select_one("article").get("lang") is None
    assert english.select_one("article .notice") is None


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_an_untranslated_service_is_english_and_marked_as_english(app_with_new_english, lang):
    soup = served(app_with_new_english, f"/{lang}/services/new_line")
    lead = soup.select_one(".lead")
    assert lead.get_text().startswith("Free, private support for anyone")
    assert (lead["lang"], lead["dir"]) == ("en", "ltr")
    labels = soup.select(".channel__label span")
    assert labels and all((s["lang"], s["dir"]) == ("en", "ltr") for s in labels)
    english = served(app_with_new_english, "/en/services/new_line")
    assert english.select_one(".lead").get("lang") is None
    assert not english.select(".channel__label [lang]")
