"""The content pipeline: front matter checked, Markdown rendered safely, numbers from data."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from app import create_app
from app.content import ContentError, load_content
from app.content.phones import is_valid_uk_number, tel_href
from tests.conftest import LINKS
from tests.translations.synthetic import page as page_file

LABELS = {"check": "Please check", "warning": "Stay safe", "then_press": "then press %(keys)s"}

SERVICE = """\
key: test_line
name: "Test Line"
description: "A helpline used in tests."
kind: helpline
areas: [national]
audiences: [anyone]
topics: [domestic-abuse]
languages: [en]
referral: [self]
channels:
  - {id: phone, type: phone, value: "0808 2000 247", hours: always}
  - {id: text, type: text, value: "07800 002414"}
  - {id: silent, type: phone, value: "999", then_press: "55"}
source_url: "https://example.org/source"
confidence: high
last_reviewed: 2026-11-25
"""

HOME = """\
---
title: "Home"
summary: "The home page."
section: home
audiences: [anyone]
topics: []
last_reviewed: 2026-11-25
sources: ["https://example.org/a"]
---
Hello.
"""


def page(title="A page", section="abuse", body="Text.", **extra) -> str:
    return page_file(body, title, section, **extra)


@pytest.fixture
def site(tmp_path: Path):
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "test_line.yaml").write_text(SERVICE)
    (tmp_path / "en" / "abuse").mkdir(parents=True)
    (tmp_path / "en" / "home.md").write_text(HOME)
    (tmp_path / "en" / "abuse" / "index.md").write_text(page("Types of abuse"))
    return tmp_path


def load(site: Path):
    return load_content(site, ["en"], lambda lang: LABELS, LINKS)


def write(site: Path, slug: str, text: str) -> None:
    (site / "en" / "abuse" / f"{slug}.md").write_text(text)


def html_of(site: Path, slug: str) -> BeautifulSoup:
    return BeautifulSoup(load(site).page("en", slug).html, "html.parser")


def test_missing_front_matter_field_fails_naming_the_file(site):
    write(site, "broken", "---\ntitle: x\n---\nbody")
    with pytest.raises(ContentError, match=r"broken\.md.*summary"):
        load(site)


def test_invalid_yaml_fails_naming_the_file(site):
    write(site, "broken", "---\ntitle: [unclosed\n---\nbody")
    with pytest.raises(ContentError, match=r"broken\.md"):
        load(site)


def test_unknown_audience_is_rejected(site):
    write(site, "bad", page().replace("[women]", "[aliens]"))
    with pytest.raises(ContentError, match="aliens"):
        load(site)


def test_section_must_match_folder(site):
    write(site, "moved", page(section="rights"))
    with pytest.raises(ContentError, match="section 'rights'"):
        load(site)


def test_malformed_service_fails_naming_the_file(site):
    (site / "services" / "bad_one.yaml").write_text(
        SERVICE.replace("test_line", "bad_one").replace("kind: helpline", "kind: shop")
    )
    with pytest.raises(ContentError, match=r"bad_one\.yaml.*kind"):
        load(site)


def test_the_real_app_fails_to_start_on_a_malformed_page(site):
    write(site, "broken", "no front matter at all")
    with pytest.raises(ContentError, match=r"broken\.md: missing front matter"):
        create_app({"TESTING": True, "CONTENT_DIR": site})


def test_raw_html_is_escaped_and_javascript_links_refused(site):
    write(site, "x", page(body="<script>alert(1)</script>\n\n[click](javascript:alert(1))"))
    soup = html_of(site, "x")
    assert soup.select("script") == []
    assert "<script>" in soup.get_text()
    assert not soup.select('a[href^="javascript"]')


def test_headings_get_ids(site):
    write(site, "x", page(body="## What happens next\n\nText.\n\n### Step one"))
    soup = html_of(site, "x")
    assert soup.select_one("h2#what-happens-next")
    assert soup.select_one("h3#step-one")


def test_page_and_service_links_get_the_language_prefix(site):
    write(site, "x", page(body="[types](page:abuse) [line](service:test_line) [dir](/services)"))
    hrefs = [a["href"] for a in html_of(site, "x").select("a")]
    assert hrefs == ["/en/abuse/", "/en/services/test_line", "/en/services"]


def test_phone_shortcodes_render_numbers_from_the_services_data(site):
    body = (
        "Call {{phone:test_line}} or text {{text:test_line}}. Silent: {{phone:test_line.silent}}."
    )
    write(site, "x", page(body=body))
    soup = html_of(site, "x")
    links = [(a["href"], a.get_text()) for a in soup.select("a")]
    assert links == [
        ("tel:+448082000247", "0808 2000 247"),
        ("sms:+447800002414", "07800 002414"),
        ("tel:999", "999"),
    ]
    assert "then press 55" in soup.get_text()


def test_unknown_links_and_shortcodes_are_reported(site):
    write(
        site,
        "x",
        page(body="[gone](page:nowhere) {{phone:no_such_service}} {{text:test_line.nope}}"),
    )
    problems = load(site).problems
    assert any("unknown page 'nowhere'" in p for p in problems)
    assert any("no_such_service" in p for p in problems)
    assert any("test_line.nope" in p for p in problems)


def test_check_reports_broken_anchor_related_and_services(site):
    write(site, "target", page(body="## Real heading"))
    write(
        site,
        "x",
        page(
            body="[a](page:target#real-heading) [b](page:target#missing)",
            related="[target, ghost]",
            services="[test_line, ghost_line]",
        ),
    )
    errors, _ = load(site).check()
    assert any("target#missing: no such heading" in e for e in errors)
    assert not any("real-heading" in e for e in errors)
    assert any("related page 'ghost'" in e for e in errors)
    assert any("unknown service 'ghost_line'" in e for e in errors)


def test_check_warns_about_content_due_for_review(site):
    write(site, "old", page().replace("last_reviewed: 2026-11-25", "last_reviewed: 2024-01-01"))
    errors, warnings = load(site).check()
    assert any("old.md" in w and "due for review" in w for w in warnings)


def test_invalid_phone_number_in_a_service_is_reported(site):
    (site / "services" / "test_line.yaml").write_text(SERVICE.replace("0808 2000 247", "0808 123"))
    assert any("not a valid UK number" in p for p in load(site).problems)


def test_blocks_render_as_labelled_callouts_and_timelines(site):
    body = "::: timeline\n1. **Report**\n2. **Investigation**\n:::\n\n::: check\nRing first.\n:::\n"
    write(site, "x", page(body=body))
    soup = html_of(site, "x")
    assert len(soup.select(".timeline ol li")) == 2
    assert soup.select_one(".callout-check .callout-title").get_text() == "Please check"


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("999", True),
        ("101", True),
        ("116 123", True),
        ("0808 2000 247", True),
        ("18001 101", True),
        ("0808 123", False),
        ("999 then 55", False),
        ("12345", False),
    ],
)
def test_uk_number_validation(number, valid):
    assert is_valid_uk_number(number) is valid


def test_tel_links_use_international_form_for_full_numbers():
    assert tel_href("0808 2000 247") == "tel:+448082000247"
    assert tel_href("999") == "tel:999"
    assert tel_href("07800 002414", "sms") == "sms:+447800002414"


def test_numbers_typed_into_prose_are_reported(site):
    write(
        site,
        "x",
        page(body="Ring 0808 2000 247 or dial 999. Read [page](https://example.org/999)."),
    )
    problems = [p for p in load(site).problems if "typed into prose" in p]
    assert len(problems) == 2


def typed_number_problems(site: Path, body: str) -> list[str]:
    write(site, "x", page(body=body))
    return [p for p in load(site).problems if "typed into prose" in p]


@pytest.mark.parametrize(
    "body",
    [
        # The keys typed again in brackets after the shortcode that already shows them.
        "On a mobile: {{phone:test_line.silent}} (press 55 when asked).",
        # The same in Urdu, as the translation review found it on two pages.
        "موبائل پر: {{phone:test_line.silent}} (55 تب دبائیں جب ریکارڈ کی ہوئی آواز کہے)۔",
        # Keys typed after a number whose data has none.
        "Call {{phone:test_line.phone}} and then press 55.",
        # Keys typed before the shortcode, in Urdu digits.
        "۵۵ دبائیں: {{phone:test_line.silent}}",
        # 999 typed in Sorani (Arabic-Indic) and Gurmukhi digits.
        "ئێستا پەیوەندی بکە بە ٩٩٩.",
        "ਹੁਣੇ ੯੯੯ 'ਤੇ ਫ਼ੋਨ ਕਰੋ।",
    ],
)
def test_a_short_number_typed_by_a_shortcode_or_in_any_script_is_reported(site, body):
    problems = typed_number_problems(site, body)
    assert len(problems) == 1, problems
    assert "'55'" in problems[0] or "'999'" in problems[0]


@pytest.mark.parametrize(
    "body",
    [
        # A service's name, as link text.
        "Use [999 BSL](service:test_line) for a video call; or {{phone:test_line.phone}}.",
        # The keys named again in a later sentence, after the shortcode showed them.
        "On a mobile, {{phone:test_line.silent}} when asked. A silent call alone does not "
        "always bring the police, so pressing 55 matters.",
        # The same in Urdu, after the Urdu full stop.
        "{{phone:test_line.silent}} (جب ریکارڈ شدہ آواز کہے)۔ اس لیے 55 دبانا ضروری ہے۔",
        # A number that is not a phone number, far from any shortcode.
        "About 55 women a year asked for help.",
    ],
)
def test_short_numbers_that_are_not_typed_contacts_pass(site, body):
    assert typed_number_problems(site, body) == []


def test_international_numbers_keep_their_country_code():
    assert tel_href("+44 20 7008 0151") == "tel:+442070080151"


# ------------------------------------------------------------------ what ranking needs


def with_ranking_fields(fields: str, channel_extra: str = "") -> str:
    text = SERVICE.replace("topics: [domestic-abuse]\n", "topics: [domestic-abuse]\n" + fields)
    return text.replace(
        '{id: phone, type: phone, value: "0808 2000 247", hours: always}',
        '{id: phone, type: phone, value: "0808 2000 247", hours: always' + channel_extra + "}",
    )


def test_ranking_fields_are_loaded(site):
    (site / "services" / "test_line.yaml").write_text(
        with_ranking_fields(
            "specialisms: [domestic-abuse]\nonly_for: [men, deaf]\nages: {min: 16}\n"
            'best_for: "Men living with domestic abuse."\nemergency_route: true\n',
            ', trace: "Does not show on phone bills.", trace_source: "https://example.org/t"',
        )
    )
    service = load(site).services["test_line"]
    assert service.specialisms == ("domestic-abuse",)
    assert service.only_for == ("men", "deaf")
    assert (service.ages.min, service.ages.max) == (16, None)
    assert service.best_for == "Men living with domestic abuse."
    assert service.emergency_route is True
    assert service.channel("phone").trace == "Does not show on phone bills."
    assert service.channel("phone").trace_source == "https://example.org/t"


def test_ranking_fields_are_optional(site):
    service = load(site).services["test_line"]
    assert (service.specialisms, service.only_for, service.ages) == ((), (), None)
    assert service.best_for is None and service.emergency_route is False
    errors, warnings = load(site).check()
    assert "service test_line: no best_for line to show on results" in warnings


@pytest.mark.parametrize(
    "fields",
    [
        "only_for: [anyone]\n",  # "anyone" is not a group a service can be only for
        "only_for: [martians]\n",
        "specialisms: [gardening]\n",
        "ages: {min: -1}\n",
        "ages: {}\n",
        "ages: {from: 16}\n",
        "emergency_route: maybe\n",
    ],
)
def test_malformed_ranking_fields_stop_start_up_naming_the_file(site, fields):
    (site / "services" / "test_line.yaml").write_text(with_ranking_fields(fields))
    with pytest.raises(ContentError, match="test_line.yaml"):
        load(site)


def test_a_trace_needs_its_source(site):
    (site / "services" / "test_line.yaml").write_text(
        with_ranking_fields("", ', trace: "Does not show on phone bills."')
    )
    with pytest.raises(ContentError, match="trace_source"):
        load(site)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ("specialisms: [stalking]\n", "specialism 'stalking' is not one of its topics"),
        ("ages: {min: 19, max: 18}\n", "ages: min is above max"),
        (
            'best_for: "One two three four five six seven eight nine ten eleven twelve 13."\n',
            "best_for: more than 12 words",
        ),
    ],
)
def test_ranking_fields_the_schema_cannot_check_are_reported(site, fields, problem):
    (site / "services" / "test_line.yaml").write_text(with_ranking_fields(fields))
    problems = load(site).problems
    assert any(problem in p and "test_line.yaml" in p for p in problems), problems
