"""Translation provenance: every translation says which English revision it came from and who
has reviewed it, and `flask content translations` reports per language what is translated,
outdated, missing and reviewed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app import create_app
from app.content import ContentError
from app.languages import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]


@pytest.fixture
def site(tmp_path):
    """A copy of the real content to change."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def app_for(site: Path):
    return create_app(
        {
            "TESTING": True,
            "CONTENT_DIR": site,
            "SEARCH_INDEX_DIR": site.parent / "index",
            "SEARCH_AUTO_BUILD": False,
        }
    )


def translations_report(app) -> str:
    result = app.test_cli_runner().invoke(args=["content", "translations"])
    assert result.exit_code == 0, result.output
    return result.output


def section_of(report: str, lang: str) -> str:
    """The lines `flask content translations` prints for one language."""
    blocks = re.split(r"^(?=\S)", report, flags=re.MULTILINE)
    return next(b for b in blocks if b.startswith(f"{LANGUAGES[lang].english_name} ({lang})"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ------------------------------------------------------------------ pages


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_every_translated_page_records_its_english_revision_and_review(store, lang):
    translated = [p for p in store.all_pages(lang) if not p.is_fallback]
    assert translated, f"{lang} has translated pages"
    for page in translated:
        assert re.fullmatch(r"[0-9a-f]{12}", page.translated_from or ""), page.source_path
        assert page.review is not None, page.source_path


def test_a_translation_without_a_review_status_stops_start_up(site):
    edit(site / "pl" / "home.md", "review: machine\n", "")
    with pytest.raises(ContentError, match=r"pl/home\.md: a translation needs review"):
        app_for(site)


def test_an_english_page_cannot_claim_to_be_a_translation(site):
    edit(site / "en" / "home.md", "last_reviewed:", "review: machine\nlast_reviewed:")
    with pytest.raises(ContentError, match=r"en/home\.md: review: only translations"):
        app_for(site)


@pytest.mark.parametrize(
    "review",
    [
        "reviewed",  # neither "machine" nor a reviewer and date
        "{status: reviewed, reviewer: Anna}",  # no date
        "{status: reviewed, reviewer: Anna, date: 5 May}",  # not a date
    ],
)
def test_a_malformed_review_stops_start_up_naming_the_file(site, review):
    edit(site / "ur" / "home.md", "review: machine", f"review: {review}")
    with pytest.raises(ContentError, match=r"ur/home\.md: review"):
        app_for(site)


PAGE_COUNTS = re.compile(
    r"  pages: (\d+) translated, (\d+) outdated, (\d+) missing, (\d+) reviewed"
)


def page_counts(section: str) -> tuple[int, int, int, int]:
    return tuple(int(n) for n in PAGE_COUNTS.search(section).groups())


def test_the_report_counts_translated_outdated_missing_and_reviewed_pages(site):
    (site / "pl" / "help" / "women-and-girls.md").unlink()
    app = app_for(site)
    english_pages = len(app.extensions["content"].all_pages("en"))
    report = translations_report(app)
    polish = section_of(report, "pl")
    translated, outdated, missing, reviewed = page_counts(polish)
    assert translated + missing == english_pages and reviewed == 0
    assert re.search(r"\n    missing: [a-z0-9/, \n-]*help/women-and-girls", polish)
    assert "abuse/stalking" not in polish.split("  services:")[0]
    # A changed English page makes its translations outdated; a signed-off page counts as reviewed.
    edit(site / "en" / "abuse" / "stalking.md", "## ", "## Changed\n\nNew text.\n\n## ")
    edit(
        site / "pl" / "abuse" / "stalking.md",
        "review: machine",
        "review: {status: reviewed, reviewer: Anna Nowak, date: 2027-01-15}",
    )
    report = translations_report(app_for(site))
    polish = section_of(report, "pl")
    assert page_counts(polish) == (translated, outdated + 1, missing, 1)
    assert re.search(r"\n    outdated: [a-z0-9/, -]*abuse/stalking", polish)
    romanian = section_of(report, "ro")
    assert re.search(r"\n    outdated: [a-z0-9/, -]*abuse/stalking", romanian)


# ------------------------------------------------------------------ help finder wording


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_every_wording_file_is_current_and_says_who_reviewed_it(app, lang):
    guides = app.extensions["guides"]
    assert not guides.is_outdated(lang)
    assert guides.provenance[lang].review.status in ("machine", "reviewed")


def test_a_wording_file_without_provenance_stops_start_up(site):
    edit(site / "sk" / "find-help.yaml", "review: machine\n", "")
    with pytest.raises(ContentError, match=r"sk/find-help\.yaml"):
        app_for(site)


def test_changed_english_answers_make_every_wording_file_outdated(site):
    edit(
        site / "find-help.yaml",
        'text: "I am worried about a child"',
        'text: "I am worried about a child or young person"',
    )
    app = app_for(site)
    report = translations_report(app)
    assert "help finder wording: outdated" in section_of(report, "ur")
    check = app.test_cli_runner().invoke(args=["content", "check"])
    assert "content/ur/find-help.yaml: translated from" in check.output


# ------------------------------------------------------------------ interface catalogues


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_catalogue_headers_name_the_team_and_the_review_status(lang):
    path = ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"
    with open(path, "rb") as po:
        catalogue = read_po(po, locale=lang)
    assert catalogue.last_translator == "Safe and Supported translation team"
    assert catalogue.language_team.startswith("Safe and Supported translation team (")
    assert re.search(
        r"^# Review: (machine|reviewed by .+ on \d{4}-\d{2}-\d{2})$",
        catalogue.header_comment,
        re.MULTILINE,
    )
    header = path.read_text(encoding="utf-8").split('msgstr ""\n', 1)[1].split("\n\n", 1)[0]
    for template_default in ("FULL NAME", "EMAIL@ADDRESS", "PROJECT", "LL@li.org", "None"):
        assert template_default not in header


def test_the_report_gives_each_catalogues_coverage_and_review(app):
    report = translations_report(app)
    for lang in OTHER_LANGUAGES:
        line = re.search(r"interface: (\d+) of (\d+) strings, (.+)", section_of(report, lang))
        assert line[1] == line[2], f"{lang}: every interface string is translated"
        assert line[3].startswith("machine-assisted, not yet reviewed (Safe and Supported")
