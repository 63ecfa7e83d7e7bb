"""Services in every language: `content/<lang>/services/<key>.yaml` gives a service's visible text
in one language. The reader sees it on the service page, the service cards (pages, directory,
finder, search) and the open-now list, and the English, marked lang="en", where a text is not
translated; search finds the translated words; a malformed file stops start-up naming the file;
`flask content translations` and `flask content check` report services like pages."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from app import create_app
from app.content import ContentError
from app.content.service_translations import EnglishTexts, mismatches
from tests.conftest import assert_house_rules, normalize_spaces
from tests.translations.synthetic import load as load_site
from tests.translations.synthetic import make_site

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"


def revision(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


NDAH = "national_domestic_abuse_helpline"
NDAH_PL_DESCRIPTION = (
    "Bezpłatna, poufna pomoc dla każdej osoby, która doświadcza przemocy domowej. Przyjaciele, "
    "rodzina i pracownicy też mogą zadzwonić w sprawie kogoś innego. Infolinia pomoże też "
    "znaleźć bezpieczne miejsce w schronisku."
)
NDAH_PL_BEST_FOR = "Dla każdej osoby, która doświadcza przemocy domowej, w dzień i w nocy."
NDAH_PL = """\
translated_from: "{revision}"
review: machine
description: "{description}"
name_gloss: "ogólnokrajowy telefon zaufania w sprawie przemocy domowej"
best_for: "{best_for}"
channels:
  phone: {{label: "Bezpłatny numer, całą dobę"}}
  chat: {{label: "Czat na stronie internetowej"}}
"""
STOP_IT_NOW_UR = """\
translated_from: "000000000000"
review: {status: reviewed, reviewer: Test Reviewer, date: 2027-01-15}
description: >-
  اپنے یا کسی اور کے بچوں کے بارے میں جنسی خیالات یا رویے پر فکرمند
  ہر شخص کے لیے نجی مدد۔
cost: "برطانیہ میں کال مفت ہے۔ آئرلینڈ سے کال کرنے والوں کا نمبر مفت نہیں ہے۔"
languages_note: "انگریزی یا ویلش۔ LanguageLine کے ذریعے 200 سے زیادہ زبانوں کے مترجم۔"
channels:
  phone:
    label: "مفت نمبر (برطانیہ)"
    check: >-
      ہم ابھی کھلنے کے اوقات کی تصدیق نہیں کر سکے۔
      کال کرنے سے پہلے Stop It Now کی ویب سائٹ دیکھیں۔
"""


@pytest.fixture(scope="module")
def translated(tmp_path_factory):
    """The real content with two service translations: the National Domestic Abuse Helpline in
    Polish (current; two of its four channel labels) and Stop It Now in Urdu (made from an
    older English revision; reviewed)."""
    folder = tmp_path_factory.mktemp("site")
    site = folder / "content"
    shutil.copytree(CONTENT, site)
    (site / "pl" / "services").mkdir(exist_ok=True)
    (site / "pl" / "services" / f"{NDAH}.yaml").write_text(
        NDAH_PL.format(
            revision=revision(site / "services" / f"{NDAH}.yaml"),
            description=NDAH_PL_DESCRIPTION,
            best_for=NDAH_PL_BEST_FOR,
        ),
        encoding="utf-8",
    )
    (site / "ur" / "services").mkdir(exist_ok=True)
    (site / "ur" / "services" / "stop_it_now.yaml").write_text(STOP_IT_NOW_UR, encoding="utf-8")
    return create_app(
        {
            "TESTING": True,
            "CONTENT_DIR": site,
            "SEARCH_INDEX_DIR": folder / "index",
            "DATABASE_URL": f"sqlite:///{folder / 'test.db'}",
        }
    )


@pytest.fixture
def page_of(translated):
    client = translated.test_client()

    def get(url: str, method: str = "get", **kwargs) -> BeautifulSoup:
        response = getattr(client, method)(url, **kwargs)
        assert response.status_code == 200, url
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        assert_house_rules(soup, response)
        return soup

    return get


def text(element) -> str:
    return normalize_spaces(element.get_text())


# ------------------------------------------------------------------ what a reader sees


def test_the_service_page_shows_the_translation_in_the_pages_language(page_of):
    soup = page_of(f"/pl/services/{NDAH}")
    lead = soup.select_one(".lead")
    assert text(lead) == NDAH_PL_DESCRIPTION
    assert lead.get("lang") is None, "a translated description is in the page's language"
    assert soup.select_one('meta[name="description"]')["content"] == NDAH_PL_DESCRIPTION
    assert text(soup.h1) == "National Domestic Abuse Helpline (run by Refuge)", "names stay"
    assert (
        text(soup.select_one(".service-page__gloss"))
        == "(ogólnokrajowy telefon zaufania w sprawie przemocy domowej)"
    )
    labels = {
        channel["class"][1]: channel.select_one(".channel__label span")
        for channel in soup.select(".channel-list .channel")
    }
    assert text(labels["channel--phone"]) == "Bezpłatny numer, całą dobę"
    assert labels["channel--phone"].get("lang") is None
    # A label the translation does not give is the English one, marked as English.
    bsl = labels["channel--bsl"]
    assert text(bsl) == "British Sign Language (BSL) interpreter through SignVideo"
    assert (bsl["lang"], bsl["dir"]) == ("en", "ltr")
    note = soup.select_one(".summary-list__note")
    assert note.get_text().startswith("Interpreters on request") and note["lang"] == "en"


def test_the_english_page_is_unchanged_by_a_translation(page_of):
    soup = page_of(f"/en/services/{NDAH}")
    assert text(soup.select_one(".lead")).startswith("Free, private support for anyone")
    assert soup.select_one(".lead").get("lang") is None
    assert soup.select_one(".service-page__gloss") is None


def test_every_text_of_a_right_to_left_translation_and_the_english_left(page_of):
    soup = page_of("/ur/services/stop_it_now")
    assert text(soup.select_one(".lead")).startswith("اپنے یا کسی اور کے بچوں")
    assert soup.select_one(".lead").get("lang") is None
    assert text(soup.select_one(".summary-list__note")).startswith("انگریزی یا ویلش")
    cost = soup.select(".summary-list__row dd")[-1]
    assert text(cost) == "برطانیہ میں کال مفت ہے۔ آئرلینڈ سے کال کرنے والوں کا نمبر مفت نہیں ہے۔"
    channels = soup.select(".channel-list .channel")
    phone, ireland = channels
    assert text(phone.select_one(".channel__label")) == ": مفت نمبر (برطانیہ)"
    check = phone.select_one(".contact__check span")
    assert text(check).startswith("ہم ابھی کھلنے کے اوقات") and check.get("lang") is None
    # The Ireland line is not translated: English, marked, laid out left to right.
    for english in (
        ireland.select_one(".channel__label span"),
        ireland.select_one(".contact__check span"),
    ):
        assert (english["lang"], english["dir"]) == ("en", "ltr")
    assert text(ireland.select_one(".channel__label span")) == "If you are calling from Ireland"


def test_service_cards_in_the_directory_use_the_translation(page_of):
    soup = page_of("/pl/services?contact=bsl")
    cards = {
        card.select_one(".service-card__name a")["href"].rsplit("/", 1)[-1]: card
        for card in soup.select(".service-card")
    }
    assert NDAH in cards and len(cards) > 1
    description = cards.pop(NDAH).select_one(".service-card__description")
    assert text(description) == NDAH_PL_DESCRIPTION and description.get("lang") is None
    for card in cards.values():
        assert card.select_one(".service-card__description")["lang"] == "en"


def test_the_card_on_a_content_page_has_the_translation_and_the_gloss(page_of, translated):
    page = translated.extensions["content"].page("pl", "domestic-abuse")
    assert NDAH in page.services
    soup = page_of("/pl/abuse/domestic-abuse")
    card = next(
        c
        for c in soup.select(".services-block .service-card")
        if c.select_one("a")["href"].endswith(NDAH)
    )
    assert text(card.select_one(".service-card__gloss")).startswith("(ogólnokrajowy telefon")
    assert text(card.select_one(".service-card__description")) == NDAH_PL_DESCRIPTION
    labels = [text(label) for label in card.select(".contact__label")]
    assert labels[:2] == ["Bezpłatny numer, całą dobę:", "Czat na stronie internetowej:"]


def test_the_help_finder_results_use_the_translation(page_of):
    soup = page_of(
        "/pl/find-help",
        method="post",
        data={"who": "me", "what": "hurt-or-scared", "area": "derby", "contact": "phone"},
    )
    matches = {
        match.select_one(".best-match__name a")["href"].rsplit("/", 1)[-1]: match
        for match in soup.select(".best-match")
    }
    assert NDAH in matches, "the 24-hour national helpline is among the best matches"
    best_for = matches[NDAH].select_one(".best-match__best-for span:not(.best-match__label)")
    assert text(best_for) == NDAH_PL_BEST_FOR
    assert best_for.get("lang") is None
    label = matches[NDAH].select_one(".best-match__channel-label")
    assert text(label) == "Bezpłatny numer, całą dobę"
    assert label.get("lang") is None


def test_open_now_shows_the_translated_label(page_of):
    soup = page_of("/pl/services/open-now")
    entries = [
        entry
        for entry in soup.select(".open-channel")
        if entry.select_one(".open-channel__service")["href"].endswith(f"/{NDAH}")
    ]
    assert entries, "the 24-hour helpline is always open"
    phone = next(e for e in entries if e.select_one('a[href="tel:+448082000247"]'))
    label = phone.select_one(".open-channel__label")
    assert text(label) == "Bezpłatny numer, całą dobę" and label.get("lang") is None


def test_search_in_a_language_finds_a_service_by_its_translated_words(translated):
    search = translated.extensions["search"]
    with translated.test_request_context("/pl/search"):
        assert NDAH in search.search("pl", "infolinia schronisko").services
        assert NDAH not in search.search("en", "infolinia schronisko").services


# ------------------------------------------------------------------ reports


def translations_report(app) -> str:
    result = app.test_cli_runner().invoke(args=["content", "translations"])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_report_counts_services_translated_outdated_missing_and_reviewed(translated):
    report = translations_report(translated)
    services = len(translated.extensions["content"].services)
    polish = report.split("Polish (pl)\n", 1)[1].split("\nPanjabi", 1)[0]
    assert f"  services: 1 translated, 0 outdated, {services - 1} missing, 0 reviewed" in polish
    urdu = report.split("Urdu (ur)\n", 1)[1].split("\nSlovak", 1)[0]
    assert f"  services: 1 translated, 1 outdated, {services - 1} missing, 1 reviewed" in urdu
    urdu_services = urdu.split("  services:", 1)[1]
    assert "    outdated: stop_it_now\n" in urdu_services
    assert re.search(r"\n    missing: [a-z0-9_, \n]*samaritans", urdu_services)
    assert "stop_it_now" not in urdu_services.split("    missing:", 1)[1]
    assert (
        f"All languages: 2 services translated, 1 outdated, {6 * services - 2} missing, 1 reviewed"
    ) in report


def test_the_checker_warns_about_outdated_and_partly_translated_services(translated):
    result = translated.test_cli_runner().invoke(args=["content", "check"])
    warnings = [line for line in result.output.splitlines() if "/services/" in line]
    assert any(
        line.endswith(
            "ur/services/stop_it_now.yaml: translated from 000000000000, English is "
            f"now {revision(CONTENT / 'services' / 'stop_it_now.yaml')}"
        )
        for line in warnings
    ), warnings
    partly = next(line for line in warnings if f"pl/services/{NDAH}.yaml: not translated" in line)
    assert partly.endswith("languages_note, channels/bsl/label, channels/callback/label")


# ------------------------------------------------------------------ malformed files

GOOD = """\
translated_from: "0123456789ab"
review: machine
description: "Telefon zaufania używany w testach."
channels:
  phone: {label: "Bezpłatny numer"}
  text: {check: "Najpierw sprawdź numer."}
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small site whose one service, test_line, is free, has a labelled phone channel and a
    text channel with a check note (tests/translations/synthetic.py)."""
    root = make_site(tmp_path)
    (root / "pl" / "services").mkdir()
    return root


def load(site: Path, translation: str, name: str = "test_line.yaml"):
    (site / "pl" / "services" / name).write_text(translation, encoding="utf-8")
    return load_site(site)


def test_a_well_formed_translation_is_loaded_with_its_provenance(site):
    store = load(site, GOOD)
    translation = store.service_translation("pl", "test_line")
    assert translation.translated_from == "0123456789ab" and not translation.review.is_reviewed
    service = store.services["test_line"]
    assert store.service_text(service, "pl", "description").text == (
        "Telefon zaufania używany w testach."
    )
    label = store.service_text(service, "pl", "label", service.channel("phone"))
    assert (label.text, label.lang) == ("Bezpłatny numer", "pl")
    assert store.service_text(service, "sk", "description").lang == "en"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # the English has no such text
        ('languages_note: "Tylko po angielsku."\n', "languages_note: the English service has no"),
        ('cost: "Bezpłatnie"\n', "cost: the English service has no cost"),
        (
            "channels: {email: {label: E-mail}}\n",
            "channels/email: the English service has no channel",
        ),
        (
            "channels: {phone: {check: Sprawdź}}\n",
            "channels/phone/check: the English channel has no check",
        ),
        (
            "channels: {phone: {trace: Nie widać}}\n",
            "channels/phone/trace: the English channel has no trace",
        ),
        ('best_for: "Dla każdego"\n', "best_for: the English service has no best_for"),
        # names of organisations stay as they are; unknown fields are refused
        ('name: "Linia testowa"\n', "Additional properties are not allowed"),
        ("channels: {phone: {value: '0800 000 000'}}\n", "Additional properties are not allowed"),
        ("channels: {phone: {}}\n", "should be non-empty"),
    ],
)
def test_a_text_the_english_does_not_have_stops_start_up_naming_the_file(site, change, message):
    bad = GOOD.split("channels:")[0] + change
    with pytest.raises(ContentError, match=rf"pl/services/test_line\.yaml: .*{re.escape(message)}"):
        load(site, bad)


@pytest.mark.parametrize(
    ("drop", "message"),
    [
        ('translated_from: "0123456789ab"\n', "'translated_from' is a required property"),
        ("review: machine\n", "'review' is a required property"),
        ('description: "Telefon zaufania używany w testach."\n', "'description' is a required"),
    ],
)
def test_a_missing_required_field_stops_start_up_naming_the_file(site, drop, message):
    with pytest.raises(ContentError, match=rf"pl/services/test_line\.yaml: .*{message}"):
        load(site, GOOD.replace(drop, ""))


@pytest.mark.parametrize(
    "blank", ['description: ""', 'description: "   "', "channels: {phone: {label: ' '}}"]
)
def test_an_empty_text_stops_start_up_naming_the_file(site, blank):
    bad = GOOD.replace('description: "Telefon zaufania używany w testach."', blank)
    if blank.startswith("channels"):
        bad = GOOD.split("channels:")[0] + blank + "\n"
    with pytest.raises(ContentError, match=r"pl/services/test_line\.yaml: .*does not match"):
        load(site, bad)


@pytest.mark.parametrize("revision_text", ["0123456789", "0123456789AB", "main", "0123456789abc"])
def test_a_malformed_revision_stops_start_up_naming_the_file(site, revision_text):
    with pytest.raises(ContentError, match=r"pl/services/test_line\.yaml: translated_from"):
        load(site, GOOD.replace("0123456789ab", revision_text))


def test_a_translation_of_a_service_that_does_not_exist_stops_start_up(site):
    with pytest.raises(ContentError, match=r"pl/services/no_such_line\.yaml: no English service"):
        load(site, GOOD, name="no_such_line.yaml")


@pytest.mark.parametrize("name", ["test_line.yml", "test_line.md", "notes.txt"])
def test_a_file_that_is_not_a_service_translation_stops_start_up(site, name):
    with pytest.raises(
        ContentError, match=rf"pl/services/{re.escape(name)}: a service translation"
    ):
        load(site, GOOD, name=name)


def test_a_hidden_file_such_as_an_editors_swap_file_is_not_read(site):
    (site / "pl" / "services" / ".test_line.yaml.swp").write_bytes(b"\x00binary")
    store = load(site, GOOD)
    assert list(store.service_translations["pl"]) == ["test_line"]


def test_unreadable_yaml_stops_start_up_naming_the_file(site):
    with pytest.raises(ContentError, match=r"pl/services/test_line\.yaml: cannot read YAML"):
        load(site, 'description: "unclosed\n')


def test_the_real_app_does_not_start_with_a_malformed_service_translation(tmp_path):
    site = tmp_path / "content"
    shutil.copytree(CONTENT, site)
    (site / "sk" / "services").mkdir()
    (site / "sk" / "services" / "samaritans.yaml").write_text(
        'translated_from: "0123456789ab"\nreview: machine\n', encoding="utf-8"
    )
    with pytest.raises(ContentError, match=r"sk/services/samaritans\.yaml: .*description"):
        create_app({"TESTING": True, "CONTENT_DIR": site, "SEARCH_AUTO_BUILD": False})


# ------------------------------------------------------------------ fields on other branches


def test_best_for_and_trace_are_accepted_when_the_english_service_has_them():
    """The help finder adds `best_for` to services and `trace` to channels: a translation may
    give them as soon as the English has them."""
    english = EnglishTexts(
        fields=frozenset({"description", "best_for"}),
        channels={"phone": frozenset({"label", "trace"})},
    )
    data = {
        "description": "Opis.",
        "best_for": "Dla osób, które chcą porozmawiać.",
        "channels": {"phone": {"label": "Telefon", "trace": "Nie widać na rachunku."}},
    }
    assert mismatches(english, data) == []
    without = EnglishTexts(fields=frozenset({"description"}), channels={"phone": frozenset()})
    assert mismatches(without, data) == [
        "best_for: the English service has no best_for",
        "channels/phone/label: the English channel has no label",
        "channels/phone/trace: the English channel has no trace",
    ]
