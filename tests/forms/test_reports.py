"""For the partnership: `flask reports export|summary|purge`, and the public counts page, on
every backend."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from bs4 import BeautifulSoup

from app.db import feedback, unsafe_place_reports
from tests.forms.conftest import rows
from tests.forms.test_storage import add_feedback, add_report


def run(app, *args):
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output + result.stderr
    return result


def test_export_writes_every_report_as_csv_with_its_reasons(form_app):
    engine = form_app.extensions["db_engine"]
    add_report(engine, dt.date(2026, 11, 2), area="chesterfield", reasons=("groups", "lighting"))
    add_report(engine, dt.date(2026, 11, 9), area="high-peak", reasons=("other",))
    result = run(form_app, "reports", "export", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["area"], r["received_week"], r["reasons"]) for r in table] == [
        ("chesterfield", "2026-11-02", "lighting;groups"),
        ("high-peak", "2026-11-09", "other"),
    ]
    assert "2 unsafe-places exported" in result.stderr


def test_csv_cells_that_a_spreadsheet_would_run_are_made_plain_text(form_app):
    engine = form_app.extensions["db_engine"]
    add_feedback(engine, dt.date(2026, 11, 3), message='=HYPERLINK("http://evil.example")')
    add_feedback(engine, dt.date(2026, 11, 4), message="-1 for this page")
    result = run(form_app, "reports", "export", "--kind", "feedback")
    messages = [r["message"] for r in csv.DictReader(io.StringIO(result.stdout))]
    assert messages == ['\'=HYPERLINK("http://evil.example")', "'-1 for this page"]


def test_export_as_json_from_a_date(form_app):
    engine = form_app.extensions["db_engine"]
    add_feedback(engine, dt.date(2026, 10, 31), "before")
    add_feedback(engine, dt.date(2026, 11, 1), "on the day")
    add_feedback(engine, dt.date(2026, 11, 20), "after")
    result = run(
        form_app,
        "reports",
        "export",
        "--kind",
        "feedback",
        "--since",
        "2026-11-01",
        "--format",
        "json",
    )
    exported = json.loads(result.stdout)
    assert [m["message"] for m in exported] == ["on the day", "after"]
    assert exported[0]["received_on"] == "2026-11-01" and exported[0]["helped"] is False


def test_export_of_nothing_is_a_header_only(form_app):
    result = run(form_app, "reports", "export")
    assert result.stdout.strip() == (
        "id,received_week,lang,area,place,time_of_day,day_of_week,details,reasons"
    )


def test_summary_counts_by_area_time_day_and_reason(form_app, form_client):
    def report(**answers):
        soup = BeautifulSoup(form_client.get("/en/unsafe-places/report").data, "html.parser")
        token = soup.select_one('input[name="csrf_token"]')["value"]
        response = form_client.post(
            "/en/unsafe-places/report", data={"csrf_token": token, **answers}
        )
        assert response.status_code == 303

    report(area="derby", reasons=["lighting", "followed"], time_of_day="night", day_of_week="sat")
    report(area="derby", reasons=["lighting"], time_of_day="evening")
    report(area="erewash", reasons=["groups"], day_of_week="sat")
    output = run(form_app, "reports", "summary").stdout
    counts = {}
    section = None
    for line in output.splitlines():
        if line.endswith(":"):
            section = line[:-1]
        elif line.strip():
            label, number = line.strip().rsplit(" ", 1)
            counts[(section, label.strip())] = int(number)
    assert counts[("Unsafe-place reports", "All")] == 3
    assert counts[("By council area", "Derby City")] == 2
    assert counts[("By council area", "Erewash")] == 1
    assert counts[("By council area", "Bolsover")] == 0
    assert counts[("By time of day", "Night (10pm to 6am)")] == 1
    assert counts[("By time of day", "Not given")] == 1
    assert counts[("By day of the week", "Saturday")] == 2
    assert (
        counts[("By reason (a report can give several)", "Poor lighting or broken street lights")]
        == 2
    )
    assert counts[("By reason (a report can give several)", "Someone followed me")] == 1


def test_purge_uses_the_documented_retention_of_365_days(form_app):
    engine = form_app.extensions["db_engine"]
    today = dt.date.today()
    add_report(engine, today - dt.timedelta(days=400))
    add_feedback(engine, today - dt.timedelta(days=366), "old")
    add_feedback(engine, today - dt.timedelta(days=300), "kept")
    result = run(form_app, "reports", "purge")
    assert "deleted 1 unsafe-place reports and 1 feedback messages older than 365 days" in (
        result.stdout
    )
    assert rows(form_app, unsafe_place_reports) == []
    assert [r["message"] for r in rows(form_app, feedback)] == ["kept"]
    run(form_app, "reports", "purge", "--older-than", "0")
    assert rows(form_app, feedback) == []


def test_the_public_page_shows_counts_of_5_or_more_and_never_what_anyone_wrote(form_app, page):
    engine = form_app.extensions["db_engine"]
    week = dt.date(2026, 11, 30)
    for _ in range(6):
        add_report(engine, week, area="chesterfield", reasons=("lighting",))
    for _ in range(4):
        add_report(engine, week, area="erewash", reasons=("lighting", "followed"))
    with engine.begin() as connection:
        connection.execute(
            unsafe_place_reports.update().values(details="My neighbour Jane at number 4")
        )
    soup = page("/en/unsafe-places/")
    tables = {
        table.caption.get_text(): {
            row.th.get_text(): row.td.get_text() for row in table.select("tbody tr")
        }
        for table in soup.select("table")
    }
    areas = tables["Reports by council area"]
    assert areas["Chesterfield"] == "6"
    assert areas["Erewash"] == "fewer than 5"
    assert areas["Derby City"] == "fewer than 5"  # none at all looks the same as a few
    reasons = tables["What made people feel unsafe"]
    assert reasons["Poor lighting or broken street lights"] == "10"
    assert reasons["Someone followed me"] == "fewer than 5"
    assert "Jane" not in soup.get_text()
    assert "Set-Cookie" not in soup.response.headers
