"""PostgreSQL or Redis going down under a running gunicorn (the real process, as deployed), and
coming back: the database down means forms say they could not save and keep her words, while
pages, search and the help finder carry on; Redis down means forms still work without a limit
(with a logged warning). When each comes back, saving and the limit work again with no restart.

"Down" is a loopback relay between gunicorn and the real server (TEST_DATABASE_URL and
TEST_REDIS_URL from .ci/services.sh) that the test cuts: open connections are dropped and new
ones refused, as when the server stops; the shared test servers themselves keep running.
The same failures through the test client, on SQLite too, are in tests/forms/test_storage.py."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import make_url, select

from app import migrate
from app.config import PROJECT_ROOT
from app.db import feedback, make_engine, unsafe_place_reports
from tests.forms.conftest import textarea_value

LIMIT = 3  # form posts per person in 10 minutes, in this test


class Relay:
    """A TCP relay on a loopback port to `target`, which the test can cut and restore."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = 0
        self.listener: socket.socket | None = None
        self.open: set[socket.socket] = set()
        self.lock = threading.Lock()
        self.up()

    def up(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        """Refuse new connections and drop the open ones, as a stopped server does."""
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread; close alone does not
        self.listener.close()
        with self.lock:
            for connection in self.open:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                connection.close()
            self.open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self.lock:
                self.open |= {client, server}
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def needs_services() -> tuple[str, str]:
    urls = os.environ.get("TEST_DATABASE_URL"), os.environ.get("TEST_REDIS_URL")
    if not all(urls):
        message = (
            "PostgreSQL and Redis are needed (source .ci/services.sh; services_start sets "
            "TEST_DATABASE_URL and TEST_REDIS_URL)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message + ": .ci/run starts them")
        pytest.skip(message)
    return urls


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    def __init__(self, port: int, log: Path, database: Relay, redis: Relay, engine):
        self.port, self.log, self.database, self.redis, self.engine = (
            port,
            log,
            database,
            redis,
            engine,
        )
        self.addresses = (f"127.0.20.{n}" for n in range(1, 255))

    def person(self) -> Person:
        return Person(self, next(self.addresses))

    def rows(self, table) -> list[dict]:
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(select(table))]


class Person:
    """One person's browser: her own address (gunicorn trusts one proxy, so X-Forwarded-For is
    her address, as nginx would send it) and, once a form page set it, her cookie."""

    def __init__(self, site: Site, address: str):
        self.site = site
        self.headers = {"X-Forwarded-For": address, "X-Forwarded-Proto": "https"}

    def request(self, method: str, path: str, data: dict | None = None):
        headers = dict(self.headers)
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.site.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            status, cookie, html = (
                response.status,
                response.getheader("Set-Cookie"),
                response.read(),
            )
        finally:
            connection.close()
        if cookie:
            self.headers["Cookie"] = cookie.split(";", 1)[0]
        return status, BeautifulSoup(html.decode(), "html.parser")

    def open_form(self, path: str) -> dict:
        status, soup = self.request("GET", path)
        assert status == 200
        return {
            name: soup.select_one(f'input[name="{name}"]')["value"]
            for name in ("csrf_token", "submission_id")
        }

    def report(self, place: str) -> tuple[int, BeautifulSoup, dict]:
        data = self.open_form("/en/unsafe-places/report")
        data |= {"area": "high-peak", "place": place, "reasons": "lighting"}
        return *self.request("POST", "/en/unsafe-places/report", data), data


@pytest.fixture(scope="module")
def site(app, tmp_path_factory):
    # `app` builds the search indexes first (in the test session's folder), so gunicorn finds
    # them ready.
    database_url, redis_url = needs_services()
    from tests.forms.conftest import new_postgres_database

    url, drop = new_postgres_database()
    engine = make_engine(url)
    migrate.upgrade(engine)
    real_db, real_redis = make_url(url), make_url(redis_url)
    database = Relay((real_db.host, real_db.port))
    redis = Relay((real_redis.host, real_redis.port))
    folder = tmp_path_factory.mktemp("storage-down")
    log = folder / "gunicorn.log"
    port = free_port()
    env = {
        **os.environ,
        "BIND": f"127.0.0.1:{port}",
        "DATABASE_URL": real_db.set(port=database.port).render_as_string(hide_password=False),
        "RATELIMIT_STORAGE_URI": str(real_redis.set(port=redis.port)),
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        "RATELIMIT_FORMS": f"{LIMIT} per 10 minutes",
        "SECRET_KEY": "test-only-key-for-storage-down",
        "TRUST_PROXY": "1",
        "WEB_CONCURRENCY": "1",
    }
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "wsgi:app"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 180
        while True:
            assert process.poll() is None, log.read_text()[-3000:]
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.1)
        yield Site(port, log, database, redis, engine)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        for relay in (database, redis):
            if relay.listener.fileno() != -1:
                relay.down()
        engine.dispose()
        drop()


def test_with_the_database_down_forms_keep_her_words_and_pages_carry_on(site):
    person = site.person()
    status, _soup, _data = person.report("The bridge over the canal, before")
    assert status == 303, "saving works while the database is up"
    site.database.down()
    try:
        for path in ("/en/", "/en/abuse/stalking", "/en/help/get-help-now"):
            assert person.request("GET", path)[0] == 200, path
        status, soup = person.request("POST", "/en/search", {"q": "stalking"})
        assert status == 200 and soup.select(".search-results .search-result__title a")
        status, soup = person.request("GET", "/en/unsafe-places/")
        assert status == 200
        assert "We cannot show these numbers just now" in soup.get_text()

        place = "The bridge over the canal, during"
        status, soup, report = person.report(place)
        assert status == 503
        assert "We could not save this just now" in soup.select_one(".error-summary").get_text()
        assert soup.select_one("#place")["value"] == place

        words = "The number for the Derby service rang out"
        form = person.open_form("/en/feedback")
        message = {**form, "helped": "no", "message": words}
        status, soup = person.request("POST", "/en/feedback", message)
        assert status == 503
        assert "We could not save this just now" in soup.select_one(".error-summary").get_text()
        assert textarea_value(soup.select_one("#message")) == words
    finally:
        site.database.up()
    # She sends the same forms again once the database is back: each is saved once.
    assert person.request("POST", "/en/unsafe-places/report", report)[0] == 303
    assert person.request("POST", "/en/feedback", message)[0] == 303
    places = [row["place"] for row in site.rows(unsafe_place_reports)]
    assert sorted(places) == ["The bridge over the canal, before", place]
    assert [row["message"] for row in site.rows(feedback)] == [words]
    log = site.log.read_text()
    assert "Could not save a form: OperationalError" in log
    assert words not in log and place not in log, "her words are never logged"


def test_with_redis_down_forms_work_without_a_limit_and_the_limit_comes_back(site):
    person = site.person()
    statuses = [person.report(f"The taxi rank, {n}")[0] for n in range(LIMIT + 1)]
    assert statuses == [303] * LIMIT + [429], "the limit works while Redis is up"
    warnings_before = site.log.read_text().count("Rate-limit store unavailable")
    site.redis.down()
    try:
        status, _soup, _data = person.report("The taxi rank, Redis down")
        assert status == 303, "with the limit store down, her report is taken"
        assert site.person().report("The bus shelter, Redis down")[0] == 303
        for path in ("/en/", "/en/abuse/stalking"):
            assert person.request("GET", path)[0] == 200, path
    finally:
        site.redis.up()
    log = site.log.read_text()
    assert log.count("Rate-limit store unavailable") >= warnings_before + 2, "each is logged"
    places = {row["place"] for row in site.rows(unsafe_place_reports)}
    assert {"The taxi rank, Redis down", "The bus shelter, Redis down"} <= places
    # Redis is back and still has her count: the limit applies again, with no restart.
    assert person.report("The taxi rank, after")[0] == 429
    assert site.person().report("The bus shelter, after")[0] == 303
