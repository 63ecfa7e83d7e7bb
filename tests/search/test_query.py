"""Query reading: cleaning, length bound, vocabulary."""

from __future__ import annotations

import re

import pytest

from app.content.errors import ContentError
from app.search.query import MAX_QUERY_CHARS, QueryTooLong, clean_query, prepare
from app.search.vocabulary import VocabularyError, load_vocabulary, parse_vocabulary


def test_clean_query_removes_control_characters_and_extra_spaces():
    assert clean_query("  he\x00 checks\x1b\t my\u202e phone\n") == "he checks my phone"


def test_clean_query_keeps_joiners_used_inside_words():
    assert clean_query("می\u200cخواهم") == "می\u200cخواهم"


def test_clean_query_refuses_more_than_the_box_allows():
    assert clean_query("a" * MAX_QUERY_CHARS) == "a" * MAX_QUERY_CHARS
    with pytest.raises(QueryTooLong):
        clean_query("a" * (MAX_QUERY_CHARS + 1))


@pytest.mark.parametrize("text", ["", "!!!", "* ( )", '""'])
def test_nothing_to_search_gives_no_query(text):
    assert prepare(text, "en", parse_vocabulary({})).query is None


def test_query_syntax_is_read_as_words():
    prepared = prepare('title:rape AND (stalking OR "x"', "en", parse_vocabulary({}))
    assert [w.typed for w in prepared.words] == ["title", "rape", "and", "stalking", "or", "x"]


def test_vocabulary_maps_everyday_phrases_to_topics_in_any_form():
    vocabulary = parse_vocabulary(
        {"en": [{"phrases": ["checks my phone"], "topics": ["coercive-control"]}]}
    )
    prepared = prepare("he keeps checking my phone", "en", vocabulary)
    assert prepared.topics == ("coercive-control",)
    assert prepare("my phone is broken", "en", vocabulary).topics == ()


def test_vocabulary_adds_the_topic_name_as_words():
    vocabulary = parse_vocabulary({"en": [{"phrases": ["DV"], "topics": ["domestic-abuse"]}]})
    prepared = prepare("dv", "en", vocabulary, topic_names={"domestic-abuse": "Domestic abuse"})
    assert prepared.extra_words == ("Domestic abuse",)


@pytest.mark.parametrize(
    "data",
    [
        {"en": [{"phrases": ["x"], "topics": ["not-a-topic"]}]},
        {"en": [{"phrases": [], "topics": ["rape"]}]},
        {"en": [{"phrases": ["x"]}]},
        {"xx-unknown": [{"phrases": ["x"], "topics": ["rape"]}]},
        {"en": [{"phrases": ["x"], "topics": ["rape"], "typo": 1}]},
    ],
)
def test_malformed_vocabulary_is_refused_with_where(data):
    with pytest.raises(VocabularyError):
        parse_vocabulary(data)


def test_the_site_vocabulary_loads(app):
    vocabulary = app.extensions["search"].vocabulary
    assert vocabulary.entries["en"]


def test_a_malformed_vocabulary_file_is_named_with_the_entry_and_field(tmp_path):
    path = tmp_path / "synonyms.yaml"
    path.write_text("en:\n  - phrases: [DV]\n    topics: [domestic-abuse]\n  - phrases: [x]\n")
    with pytest.raises(VocabularyError) as bad_entry:
        load_vocabulary(path)
    assert str(bad_entry.value) == f"{path}: en/1: an entry needs 'topics' or 'words'"
    path.write_text("en: [phrases: [DV]\n")  # not YAML
    with pytest.raises(ContentError, match=f"^{re.escape(str(path))}: cannot read YAML"):
        load_vocabulary(path)
