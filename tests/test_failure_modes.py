"""Failure modes: a damaged or missing search index, a content file that does not load, and a
gunicorn worker killed in the middle of a request. Each must leave readers with working pages
(or, for broken content, stop the site before it serves anything wrong)."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from app import create_app
from app.config import PROJECT_ROOT
from app.search.indexer import HASH_FILE, ensure_indexes

# -------------------------------------------------------------------- search index


def damage(index_root: Path, lang: str) -> None:
    """Overwrite every file of a built index (but its content hash) with junk."""
    folder = (index_root / lang).resolve()
    files = [p for p in folder.iterdir() if p.name != HASH_FILE]
    assert files
    for path in files:
        path.write_bytes(secrets.token_bytes(64))


def search_page(client, lang: str, words: str):
    response = client.post(f"/{lang}/search", data={"q": words})
    return response, BeautifulSoup(response.get_data(as_text=True), "html.parser")


def build_indexes(app, root: Path, languages: list[str]) -> None:
    with app.app_context():
        ensure_indexes(app.extensions["content"], root, languages)
        again = ensure_indexes(app.extensions["content"], root, languages)
    assert not any(report.built for report in again), "the same content is up to date"


def test_a_damaged_index_is_rebuilt_at_start_up(app, tmp_path):
    build_indexes(app, tmp_path, ["en"])
    damaged = (tmp_path / "en").resolve()
    damage(tmp_path, "en")
    fresh = create_app({"TESTING": True, "SEARCH_INDEX_DIR": tmp_path})
    assert (tmp_path / "en").resolve() != damaged, "rebuilt although its hash still matched"
    response, soup = search_page(fresh.test_client(), "en", "spiking")
    assert response.status_code == 200
    assert soup.select_one(".search-results .search-result__title a")["href"] == "/en/abuse/spiking"


def test_a_missing_index_is_built_at_start_up(tmp_path):
    app = create_app({"TESTING": True, "SEARCH_INDEX_DIR": tmp_path / "not-there-yet"})
    response, soup = search_page(app.test_client(), "pl", "przemoc domowa")
    assert response.status_code == 200
    assert soup.select(".search-results .search-result__title a")


def test_a_damaged_index_that_is_not_rebuilt_turns_search_off_not_the_site(app, tmp_path):
    build_indexes(app, tmp_path, ["en", "pl"])
    damage(tmp_path, "pl")
    app = create_app({"TESTING": True, "SEARCH_INDEX_DIR": tmp_path, "SEARCH_AUTO_BUILD": False})
    client = app.test_client()
    response, soup = search_page(client, "pl", "przemoc")
    assert response.status_code == 503
    assert "Wyszukiwarka w tej chwili nie działa" in soup.select_one(".callout-warning").get_text()
    assert soup.select(".search-help .service-card"), "the 24-hour helplines are still shown"
    assert client.get("/pl/abuse/coercive-control").status_code == 200
    english, _ = search_page(client, "en", "stalking")
    assert english.status_code == 200, "other languages' indexes still work"


def test_an_index_that_cannot_be_built_leaves_pages_working(tmp_path, caplog):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    app = create_app({"TESTING": True, "SEARCH_INDEX_DIR": blocked})
    assert "search indexes could not be built" in caplog.text
    client = app.test_client()
    assert client.get("/ro/").status_code == 200
    response, soup = search_page(client, "ro", "viol")
    assert response.status_code == 503
    assert "Căutarea nu funcționează acum" in soup.select_one(".callout-warning").get_text()
    assert "viol" not in caplog.text, "search words are never logged"


# -------------------------------------------------------------------- gunicorn


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(tmp_path: Path, workers: int, **env: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    environ = dict(
        os.environ,
        PYTHONPATH=str(PROJECT_ROOT),
        SECRET_KEY="test-only-key",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.db'}",
        **env,
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(PROJECT_ROOT / "gunicorn.conf.py")]
        + ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "wsgi:app"],
        cwd=PROJECT_ROOT,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return process, port


def wait_until_serving(process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("gunicorn did not start")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def get_status(port: int, path: str = "/en/") -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        return response.status


def test_a_content_file_with_bad_front_matter_stops_gunicorn_naming_the_file(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    broken = content / "en" / "abuse" / "stalking.md"
    broken.write_text("---\ntitle: [unclosed\n---\nBody\n")
    process, _port = start_gunicorn(tmp_path, 1, CONTENT_DIR=str(content))
    try:
        output, _ = process.communicate(timeout=180)
    finally:
        stop(process)
    assert process.returncode != 0
    assert "stalking.md" in output
    assert "Listening at" not in output, "the site never served"


def test_a_worker_killed_mid_request_is_replaced_and_the_site_keeps_answering(tmp_path):
    process, port = start_gunicorn(tmp_path, 2)
    try:
        wait_until_serving(process, port)
        assert get_status(port) == 200
        workers = children(process.pid)
        assert len(workers) == 2
        # A request half sent: the worker that took it waits for the rest.
        half = socket.create_connection(("127.0.0.1", port))
        half.sendall(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        time.sleep(0.5)
        for pid in workers:  # kill both, so the one holding the request is certainly gone
            os.kill(pid, signal.SIGKILL)
            assert get_status(port, "/en/abuse/stalking") == 200
        half.settimeout(10)
        try:
            assert half.recv(100) == b"", "the killed worker's connection is closed"
        except ConnectionResetError:
            pass  # closed with a reset: also not left hanging
        half.close()
        deadline = time.monotonic() + 60
        while len(children(process.pid) - workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(children(process.pid) - workers) == 2, "both workers were replaced"
        assert not children(process.pid) & workers
        for _ in range(20):
            assert get_status(port) == 200
        assert process.poll() is None
    finally:
        stop(process)
