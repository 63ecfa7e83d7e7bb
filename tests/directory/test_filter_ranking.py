"""What a directory search tells the ranking comes from the filter specs
(`FilterSpec.situation`): `ranking.filters_situation` loops over them."""

from __future__ import annotations

import inspect

from app.directory.filters import SPECS, Filters
from app.directory.ranking import PROFESSIONAL, Need, directory_situation, filters_situation


def test_each_spec_that_informs_the_ranking_names_a_part_of_the_directory_situation():
    parts = set(inspect.signature(directory_situation).parameters)
    told = {spec.name: spec.situation for spec in SPECS if spec.situation is not None}
    assert told == {"area": "area", "topic": "topics", "audience": "audiences", "contact": "ways"}
    assert set(told.values()) <= parts


def test_a_search_tells_the_ranking_its_area_topics_audiences_and_ways_to_contact():
    filters = Filters(
        area="derby",
        topic=("stalking", "harassment"),
        audience=("professionals", "disabled-deaf"),
        contact=("phone", "text"),
        language=("pl",),
        open_now=True,
        free=True,
        self_referral=True,
    )
    situation = filters_situation(filters)
    assert situation == directory_situation(
        topics=("stalking", "harassment"),
        audiences=("professionals", "disabled-deaf"),
        ways=("phone", "text"),
        area="derby",
    )
    # Written out, so the test does not rest on directory_situation alone.
    assert situation.needs == (Need(topics=("stalking", "harassment")),)
    assert situation.asker == PROFESSIONAL
    assert situation.groups == {"disabled-deaf", "deaf"}
    assert (situation.area, situation.ways) == ("derby", ("phone", "text"))


def test_filters_that_only_narrow_the_list_tell_the_ranking_nothing():
    narrowing = Filters(language=("pl",), open_now=True, free=True, self_referral=True)
    assert filters_situation(narrowing) == directory_situation()
    assert filters_situation(Filters()) == directory_situation()
    assert filters_situation(Filters()).area is None
