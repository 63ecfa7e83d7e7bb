"""Index builds: in a temporary folder, swapped in atomically, rebuilt only when content changes."""

from __future__ import annotations

import dataclasses
import os
import threading

from app.search.indexer import HASH_FILE, ensure_indexes


def test_build_puts_an_index_and_its_content_hash_under_the_language(app, store, tmp_path):
    with app.app_context():
        (report,) = ensure_indexes(store, tmp_path, ["en"])
    assert report.built and report.documents == len(store.all_pages("en")) + len(store.services)
    assert (tmp_path / "en").is_symlink()
    assert (tmp_path / "en" / HASH_FILE).read_text().strip() == report.content_hash


def test_an_up_to_date_index_is_not_rebuilt(app, store, tmp_path):
    with app.app_context():
        ensure_indexes(store, tmp_path, ["en"])
        (again,) = ensure_indexes(store, tmp_path, ["en"])
    assert not again.built


def test_changed_content_rebuilds_and_swaps_in_the_new_index(app, store, tmp_path):
    with app.app_context():
        (first,) = ensure_indexes(store, tmp_path, ["en"])
        old_target = os.path.realpath(tmp_path / "en")
        page = store.page("en", "stalking")
        changed_pages = {
            "en": {**store.pages["en"], "stalking": dataclasses.replace(page, title="Stalked")}
        }
        changed = dataclasses.replace(store, pages=changed_pages)
        (second,) = ensure_indexes(changed, tmp_path, ["en"])
    assert second.built and second.content_hash != first.content_hash
    assert os.path.realpath(tmp_path / "en") != old_target
    builds = list((tmp_path / ".builds").iterdir())
    assert len(builds) <= 2, "old builds are pruned (the previous one is kept for open readers)"


def test_concurrent_builders_take_turns(app, store, tmp_path):
    reports = []

    def build():
        with app.app_context():
            reports.extend(ensure_indexes(store, tmp_path, ["en"]))

    threads = [threading.Thread(target=build) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.built for r in reports) == [False, False, True]


def test_the_app_builds_missing_indexes_at_start_up_and_searches_them(tmp_path):
    from app import create_app

    app = create_app({"TESTING": True, "SEARCH_INDEX_DIR": tmp_path})
    assert (tmp_path / "en" / HASH_FILE).exists()
    with app.test_request_context("/en/search"):
        results = app.extensions["search"].search("en", "spiking")
    assert results.pages[0].slug == "spiking"


def test_cli_build_reports_each_language(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["search", "build"])
    assert result.exit_code == 0
    assert "en: up to date" in result.output
