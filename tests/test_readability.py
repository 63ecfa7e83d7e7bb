"""Reading level: how text is measured, that it works offline, and what the content check does
with a page that is too hard to read."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app.cli import readability_problems
from app.content.readability import (
    PUBLIC_MEDIAN_TARGET,
    PUBLIC_TARGET,
    PageGrade,
    grade,
    median,
    page_grades,
    readable_text,
)


def test_headings_and_list_items_count_as_sentences_and_fences_are_not_text():
    body = (
        "## What you can do\n\n"
        "You can call us. We listen.\n\n"
        "- talk to a friend\n"
        "- call the police\n\n"
        "::: warning\n"
        "Be careful\n"
        ":::\n"
    )
    assert readable_text(body).splitlines() == [
        "What you can do.",
        "You can call us. We listen.",
        "talk to a friend.",
        "call the police.",
        "Be careful.",
    ]


def test_shortcodes_read_as_a_reader_hears_them():
    body = "Call {{phone:national_domestic_abuse_helpline}} or see {{service:childline}}."
    assert readable_text(body) == "Call this number or see the helpline."


def test_flesch_kincaid_grade_of_a_known_text():
    # "The cat sat on the mat." has 6 words, 6 syllables and 1 sentence:
    # 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45.
    assert grade("The cat sat on the mat.") == pytest.approx(-1.45, abs=0.06)
    # Long words and a long sentence give a much higher grade.
    hard = (
        "Independent organisations investigating institutional responsibilities "
        "occasionally recommend comprehensive improvements affecting administrative procedures."
    )
    assert grade(hard) > 15


def test_the_pronunciation_dictionary_never_needs_the_internet():
    """textstat would download the CMU dictionary through NLTK; here it must not try."""
    script = (
        "import nltk\n"
        "def refuse(*a, **k): raise SystemExit('tried to download')\n"
        "nltk.download = refuse\n"
        "from app.content.readability import grade\n"
        "print(grade('Reading is easy.'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert float(result.stdout.strip()) < 6


def test_public_pages_above_8_fail_above_6_warn_and_technical_pages_only_report():
    grades = [
        PageGrade("easy", "abuse", 4.0, "easy.md"),
        PageGrade("hardish", "rights", 6.5, "hardish.md"),
        PageGrade("too-hard", "reporting", 8.4, "too-hard.md"),
        PageGrade("pathway", "professionals", 11.0, "pathway.md"),
    ]
    errors, warnings = readability_problems(grades)
    assert len(errors) == 1 and errors[0].startswith("too-hard.md")
    assert len(warnings) == 1 and warnings[0].startswith("hardish.md")


def test_readability_command_prints_every_page_and_the_medians(app, store):
    result = app.test_cli_runner().invoke(args=["content", "readability"])
    assert result.exit_code == 0, result.output
    for slug in ("home", "domestic-abuse", "dash-and-marac"):
        assert any(
            line.split()[-1] == slug or f" {slug} " in line for line in result.output.splitlines()
        )
    assert "public pages: " in result.output
    public = [p for p in store.pages["en"].values() if p.section != "professionals"]
    assert f"public pages: {len(public)}," in result.output


def test_every_public_page_reads_at_grade_6_or_below_with_the_median_at_5_or_below(store):
    """The plain-words target of the content issue, on the real English pages."""
    grades = [g for g in page_grades(store.pages["en"].values()) if g.is_public]
    assert len(grades) >= 84, "every public page is measured"
    too_hard = [(g.slug, g.grade) for g in grades if g.grade > PUBLIC_TARGET]
    assert not too_hard, f"public pages above grade {PUBLIC_TARGET}: {too_hard}"
    assert median(grades) <= PUBLIC_MEDIAN_TARGET
