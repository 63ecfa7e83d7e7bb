"""The help finder's answers and the self-check's statements in the reader's language: wording from
content/<lang>/find-help.yaml, English (marked lang="en") where a text is not translated yet, and
start-up stopped by a malformed or unknown-id translation file, naming the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from app import create_app
from app.content import ContentError
from app.directory.guides import load_guides
from app.languages import LANGUAGES
from tests.conftest import normalize_spaces

CONTENT = Path(__file__).resolve().parents[2] / "content"
TRANSLATED = [code for code in LANGUAGES if code != "en"]


def wording(lang: str) -> dict:
    return yaml.safe_load((CONTENT / lang / "find-help.yaml").read_text(encoding="utf-8"))


def text(el) -> str:
    return normalize_spaces(el.get_text())


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_new_questions_and_the_answer_page_speak_every_site_language(get_page, lang):
    english = get_page("/en/find-help")
    soup = get_page(f"/{lang}/find-help")
    for selector in (
        "fieldset > legend",
        "label[for^='who-']",
        "label[for^='about-']",
        ".finder-optional summary",
        ".form-hint",
    ):
        theirs = [text(el) for el in soup.select(f"main form {selector}")]
        ours = [text(el) for el in english.select(f"main form {selector}")]
        assert theirs and len(theirs) == len(ours), selector
        # Translated, except a word that is the same in every language ("LGBT+").
        assert [t for t, e in zip(theirs, ours, strict=True) if t == e] in ([], ["LGBT+"]), selector
    answer = get_page(
        f"/{lang}/find-help",
        method="post",
        data={"who": "me", "what": "followed", "area": "derby", "contact": "phone", "about": "man"},
    )
    english_answer = get_page(
        "/en/find-help",
        method="post",
        data={"who": "me", "what": "followed", "area": "derby", "contact": "phone", "about": "man"},
    )
    for selector in ("#best-heading", ".best-match__reasons", "#others-heading"):
        assert text(answer.select_one(selector)) != text(english_answer.select_one(selector))


@pytest.mark.parametrize("lang", ["pl", "ur", "ckb"])
def test_finder_shows_the_answers_in_the_readers_language(get_page, app, lang):
    soup = get_page(f"/{lang}/find-help")
    assert soup.html["lang"] == lang
    expected = wording(lang)["what_is_happening"]
    labels = {
        label["for"].removeprefix("what-"): label
        for label in soup.select("main form label[for^='what-']")
    }
    assert list(labels) == [a.id for a in app.extensions["guides"].answers]
    for answer_id, label in labels.items():
        assert text(label) == normalize_spaces(expected[answer_id])
        assert not label.has_attr("lang"), "translated text takes the page's language"


@pytest.mark.parametrize("lang", ["pl", "ur", "ckb"])
def test_self_check_shows_titles_and_statements_in_the_readers_language(get_page, app, lang):
    soup = get_page(f"/{lang}/is-this-abuse")
    expected = wording(lang)["self_check"]
    groups = app.extensions["guides"].groups
    legends = soup.select("main form fieldset > legend")
    assert [text(el) for el in legends] == [
        normalize_spaces(expected["groups"][g.id]) for g in groups
    ]
    labels = soup.select("main form label[for^='statement-']")
    assert [text(el) for el in labels] == [
        normalize_spaces(expected["statements"][s.id]) for g in groups for s in g.statements
    ]
    assert not [el for el in [*legends, *labels] if el.has_attr("lang")]


def test_urdu_self_check_answer_repeats_the_ticked_statement_in_urdu(get_page):
    soup = get_page(
        "/ur/is-this-abuse", method="post", data={"statement": ["checks-phone", "shame"]}
    )
    assert soup.html["dir"] == "rtl"
    expected = wording("ur")["self_check"]
    titles = [text(h2) for h2 in soup.select(".self-check-result h2")]
    assert titles == [expected["groups"]["control"], expected["groups"]["family"]]
    ticked = [text(li) for li in soup.select(".self-check-result > ul:not(.results-list) > li")]
    stem = "میرے قریب کا کوئی شخص…"  # the translated sentence the statements finish
    assert ticked == [
        f"{stem} {expected['statements']['checks-phone']}",
        f"{stem} {expected['statements']['shame']}",
    ]
    # The wording is Urdu; only the services' own texts not yet translated (descriptions,
    # channel labels, what their lines leave behind) are marked English. Every service has Urdu
    # texts now, so there may be none: the services are listed, and nothing else is English.
    assert soup.select(".self-check-result .service-card")
    marked = soup.select(".self-check-result [lang]")
    assert all(el["lang"] == "en" for el in marked)
    outside_cards = ".self-check-result [lang]:not(.self-check-result .service-card [lang])"
    assert soup.select(outside_cards) == []


def test_polish_finder_answer_page_repeats_the_chosen_answers_in_polish(get_page):
    soup = get_page(
        "/pl/find-help",
        method="post",
        data={"who": "me", "what": ["followed", "fgm"], "area": "derby", "contact": "any"},
    )
    told = soup.select(".finder-answers li")
    expected = wording("pl")["what_is_happening"]
    assert [text(li) for li in told[1:3]] == [expected["followed"], expected["fgm"]]
    assert not [li for li in told if li.has_attr("lang")]


def test_every_language_translates_every_text():
    """The real files are complete: nothing falls back to English on the live site."""
    for lang in TRANSLATED:
        data = wording(lang)
        english_answers = yaml.safe_load((CONTENT / "find-help.yaml").read_text())
        english_check = yaml.safe_load((CONTENT / "self-check.yaml").read_text())
        assert set(data["what_is_happening"]) == {
            a["id"] for a in english_answers["what_is_happening"]
        }, lang
        assert set(data["self_check"]["groups"]) == {g["id"] for g in english_check["groups"]}
        assert set(data["self_check"]["statements"]) == {
            s["id"] for g in english_check["groups"] for s in g["statements"]
        }, lang


def test_the_last_answers_are_the_ones_the_error_messages_point_to(get_page):
    """The errors say "If you are not sure / would rather not say, choose the last answer"."""
    soup = get_page("/en/find-help", method="post", data={}, status=400)
    messages = [text(a) for a in soup.select(".error-summary a")]
    assert "Choose what is happening. If you are not sure, choose the last answer." in messages
    whats = soup.select("input[name=what]")
    assert whats[-1]["value"] == "not-sure"
    assert soup.select("input[name=area]")[-1]["value"] == "not-say"


# ------------------------------------------------------------------ missing and broken wording


@pytest.fixture
def guide_dir(tmp_path):
    """A content folder with the real help-finder files, to change one at a time."""
    for name in ("find-help.yaml", "self-check.yaml"):
        shutil.copy(CONTENT / name, tmp_path / name)
    for lang in TRANSLATED:
        (tmp_path / lang).mkdir()
        shutil.copy(CONTENT / lang / "find-help.yaml", tmp_path / lang / "find-help.yaml")
    return tmp_path


def rewrite(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def without_fgm_and_family(data):
    del data["what_is_happening"]["fgm"]
    del data["self_check"]["groups"]["family"]
    del data["self_check"]["statements"]["shame"]


@pytest.fixture
def polish_gaps(app, store, guide_dir, monkeypatch):
    """The app with a Polish file that leaves out the FGM answer, one group and one statement."""
    rewrite(guide_dir / "pl" / "find-help.yaml", without_fgm_and_family)
    guides = load_guides(guide_dir, store)
    monkeypatch.setitem(app.extensions, "guides", guides)
    return guides


def test_an_untranslated_answer_falls_back_to_english_marked_as_english(get_page, polish_gaps):
    soup = get_page("/pl/find-help")
    fgm = soup.select_one("label[for='what-fgm']")
    assert text(fgm) == "I am worried about cutting (FGM)"
    assert fgm["lang"] == "en"
    child = soup.select_one("label[for='what-child']")
    assert text(child) == wording("pl")["what_is_happening"]["child"]
    assert not child.has_attr("lang")


def test_an_untranslated_statement_and_title_fall_back_to_english(get_page, polish_gaps):
    soup = get_page("/pl/is-this-abuse")
    family = soup.select_one("fieldset:has(#statement-shame)")
    legend = family.select_one("legend")
    assert (text(legend), legend["lang"]) == ("Family pressure and marriage", "en")
    shame = family.select_one("label[for='statement-shame']")
    assert (text(shame), shame["lang"]) == ("says I bring shame on the family", "en")
    marry = family.select_one("label[for='statement-forced-to-marry']")
    assert not marry.has_attr("lang")

    answer = get_page("/pl/is-this-abuse", method="post", data={"statement": "shame"})
    result = answer.select_one(".self-check-result")
    assert result.h2["lang"] == "en"
    ticked = result.select_one("ul > li")
    assert not ticked.has_attr("lang"), "the Polish sentence start stays Polish"
    assert text(ticked).startswith("Ktoś mi bliski…")
    assert ticked.select_one("span[lang=en]").get_text() == "says I bring shame on the family"


def test_content_check_lists_each_untranslated_text(app, polish_gaps):
    result = app.test_cli_runner().invoke(args=["content", "check"])
    warnings = [line for line in result.output.splitlines() if "not translated" in line]
    assert len(warnings) == 3
    assert all("pl/find-help.yaml" in line for line in warnings)
    assert {w.split("'")[1] for w in warnings} == {"fgm", "family", "shame"}


def test_an_unknown_id_stops_start_up_naming_the_file(store, guide_dir):
    rewrite(
        guide_dir / "sk" / "find-help.yaml",
        lambda d: d["self_check"]["statements"].update({"checks-fone": "kontroluje"}),
    )
    with pytest.raises(ContentError, match=r"sk/find-help\.yaml.*checks-fone"):
        load_guides(guide_dir, store)


def test_a_language_without_its_wording_file_stops_start_up(store, guide_dir):
    (guide_dir / "ro" / "find-help.yaml").unlink()
    with pytest.raises(ContentError, match=r"ro/find-help\.yaml: missing"):
        load_guides(guide_dir, store)


def test_a_too_long_statement_stops_start_up(store, guide_dir):
    rewrite(
        guide_dir / "pa" / "find-help.yaml",
        lambda d: d["self_check"]["statements"].update({"shame": " ".join(["ਸ਼ਬਦ"] * 13)}),
    )
    with pytest.raises(ContentError, match=r"pa/find-help\.yaml.*shame: more than 12 words"):
        load_guides(guide_dir, store)


@pytest.mark.parametrize(
    "broken",
    [
        "what_is_happening: [unclosed\n",  # not YAML
        "what_is_happening:\n  - hurt-or-scared\nself_check: {groups: {}, statements: {}}\n",
        "what_is_happening: {fgm: 7}\nself_check: {groups: {}, statements: {}}\n",
        "what_is_happening: {}\n",  # no self_check
        "# only a comment\n",
    ],
)
def test_a_malformed_translation_file_is_refused_naming_the_file(store, guide_dir, broken):
    (guide_dir / "ur" / "find-help.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError, match=r"ur/find-help\.yaml"):
        load_guides(guide_dir, store)


def test_the_app_does_not_start_with_a_malformed_translation_file(tmp_path):
    site = tmp_path / "content"
    shutil.copytree(CONTENT, site)
    (site / "ur" / "find-help.yaml").write_text("self_check: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"content/ur/find-help\.yaml: cannot read YAML"):
        create_app({"TESTING": True, "CONTENT_DIR": site})
