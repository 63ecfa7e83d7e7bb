"""The scenario suite: realistic situations (tests/directory/scenarios.yaml) put to the real help
finder at their own time, each naming the results a careful adviser would accept first.

Someone in danger reads the first one or two results. The suite fails if fewer than 90% of the
situations get an acceptable first result, or if any has none in its best three."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import holidays
import pytest
import yaml
from bs4 import BeautifulSoup

from app.content.models import AREAS
from app.directory.hours import LONDON

SCENARIOS = yaml.safe_load((Path(__file__).with_name("scenarios.yaml")).read_text("utf-8"))
FIRST_RIGHT_AT_LEAST = 0.9
GROUPS = {
    "women",
    "girls under 18",
    "men",
    "LGBT+",
    "older women",
    "disabled women",
    "Deaf women",
    "minority-ethnic and migrant women",
    "parents",
    "friends",
    "professionals",
}


def moment(scenario: dict) -> dt.datetime:
    return dt.datetime.strptime(str(scenario["when"]), "%Y-%m-%d %H:%M").replace(tzinfo=LONDON)


@dataclass(frozen=True)
class Outcome:
    scenario: dict
    best: tuple[str, ...]  # the best matches shown, in order

    @property
    def first_is_right(self) -> bool:
        return bool(self.best) and self.best[0] in self.scenario["first"]

    @property
    def right_in_top_three(self) -> bool:
        return bool(set(self.best[:3]) & set(self.scenario["first"]))

    def describe(self) -> str:
        return (
            f"{self.scenario['name']}: got {list(self.best)}, acceptable {self.scenario['first']}"
        )


@pytest.fixture(scope="module")
def outcomes(app) -> list[Outcome]:
    """Every scenario posted to the help finder once, with the clock fixed at its time."""
    client = app.test_client()
    before = app.config.get("DIRECTORY_NOW")
    found = []
    try:
        for scenario in SCENARIOS:
            when = moment(scenario)
            app.config["DIRECTORY_NOW"] = lambda when=when: when
            data = {k: scenario.get(k, []) for k in ("who", "what", "area", "contact", "about")}
            response = client.post("/en/find-help", data=data)
            assert response.status_code == 200, scenario["name"]
            soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
            best = tuple(a["href"].rsplit("/", 1)[-1] for a in soup.select(".best-match__name a"))
            found.append(Outcome(scenario, best))
    finally:
        app.config["DIRECTORY_NOW"] = before
    return found


def test_the_scenarios_cover_the_groups_areas_and_times(store, app):
    assert len(SCENARIOS) >= 60
    assert {s["group"] for s in SCENARIOS} == GROUPS
    assert set(AREAS) <= {s["area"] for s in SCENARIOS}
    answers = {a.id for a in app.extensions["guides"].answers}
    for scenario in SCENARIOS:
        assert set(scenario["what"]) <= answers, scenario["name"]
        assert scenario["first"], scenario["name"]
        assert set(scenario["first"]) <= set(store.services), scenario["name"]
    times = [moment(s) for s in SCENARIOS]
    bank_holidays = holidays.country_holidays("GB", subdiv="ENG", years={t.year for t in times})
    assert any(
        t.weekday() < 5 and 9 <= t.hour < 17 and t.date() not in bank_holidays for t in times
    )
    assert any(t.hour >= 22 or t.hour < 6 for t in times), "nights"
    assert any(t.weekday() >= 5 for t in times), "weekends"
    assert any(t.date() in bank_holidays for t in times), "bank holidays"


@pytest.mark.parametrize("index", range(len(SCENARIOS)), ids=[s["name"] for s in SCENARIOS])
def test_an_acceptable_service_is_in_the_best_three(outcomes, index):
    outcome = outcomes[index]
    assert outcome.right_in_top_three, outcome.describe()


def test_at_least_nine_in_ten_get_an_acceptable_service_first(outcomes):
    wrong = [o.describe() for o in outcomes if not o.first_is_right]
    share = 1 - len(wrong) / len(outcomes)
    assert share >= FIRST_RIGHT_AT_LEAST, f"{share:.0%} right first; wrong:\n" + "\n".join(wrong)
