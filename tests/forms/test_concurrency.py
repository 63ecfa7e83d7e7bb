"""Two app processes (gunicorn on loopback ports) sharing one database and one rate-limit store:
50 reports sent at once are all kept, and the rate limit holds across both processes when the
store is shared (Redis). With memory counts, each process counts alone: that is why several
servers need Redis."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from app.db import unsafe_place_reasons, unsafe_place_reports

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
LIMIT = 5
PROCESSES = 2
URL = "/en/unsafe-places/report"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def servers(backend_app, backend):
    """Two gunicorn processes, one worker of 8 threads each, behind a (pretend) proxy so each
    test client can have its own address (X-Forwarded-For)."""
    env = {
        **os.environ,
        "DATABASE_URL": backend.database_url,
        "RATELIMIT_STORAGE_URI": backend.ratelimit_uri,
        "RATELIMIT_FORMS": f"{LIMIT} per 10 minutes",
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        "SECRET_KEY": "shared-by-both-processes",
        "TRUST_PROXY": "1",
        "WEB_CONCURRENCY": "1",
    }
    ports = [free_port() for _ in range(PROCESSES)]
    processes = [
        subprocess.Popen(
            [str(GUNICORN), "--config", "gunicorn.conf.py", "--threads", "8", "wsgi:app"],
            cwd=ROOT,
            env={**env, "BIND": f"127.0.0.1:{port}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for port in ports
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_until_serving(port, process)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
            process.stderr.close()


def wait_until_serving(port: int, process, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn stopped: {process.stderr.read().decode()[-2000:]}")
        try:
            if request(port, "GET", "/en/")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn on port {port} did not start in {seconds} s")


def request(port, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Set-Cookie"), response.read().decode()
    finally:
        connection.close()


class Client:
    """One person's browser: her own address, her own session cookie."""

    def __init__(self, address: str):
        self.headers = {"X-Forwarded-For": address}

    def open_form(self, port: int) -> str:
        status, cookie, html = request(port, "GET", URL, self.headers)
        assert status == 200
        if cookie:  # set on her first visit only
            self.headers["Cookie"] = cookie.split(";", 1)[0]
        return BeautifulSoup(html, "html.parser").select_one('input[name="csrf_token"]')["value"]

    def send(self, port: int, token: str, place: str) -> int:
        body = urlencode(
            {"csrf_token": token, "area": "amber-valley", "place": place, "reasons": "isolated"}
        )
        headers = {**self.headers, "Content-Type": "application/x-www-form-urlencoded"}
        return request(port, "POST", URL, headers, body)[0]


def all_at_once(jobs) -> list:
    """Run every job in its own thread, released together."""
    start = threading.Barrier(len(jobs))

    def run(job):
        start.wait()
        return job()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


def test_fifty_reports_at_once_through_two_processes_are_all_kept(form_app, servers):
    clients = [Client(f"198.51.100.{n + 1}") for n in range(50)]
    # Each form is opened on one process and sent to the other: the processes share the key.
    tokens = [c.open_form(servers[n % 2]) for n, c in enumerate(clients)]
    statuses = all_at_once(
        [
            lambda n=n, c=c, t=t: c.send(servers[(n + 1) % 2], t, f"place {n}")
            for n, (c, t) in enumerate(zip(clients, tokens, strict=True))
        ]
    )
    assert statuses == [303] * 50
    engine = form_app.extensions["db_engine"]
    with engine.connect() as connection:
        places = connection.execute(select(unsafe_place_reports.c.place)).scalars().all()
        reasons = connection.execute(select(func.count()).select_from(unsafe_place_reasons))
        assert reasons.scalar() == 50
    assert sorted(places) == sorted(f"place {n}" for n in range(50))


def test_the_rate_limit_holds_across_both_processes_when_the_store_is_shared(
    form_app, servers, backend
):
    client = Client("203.0.113.7")
    tokens = [client.open_form(port) for port in servers]
    attempts = 12
    statuses = all_at_once(
        [
            lambda n=n: client.send(servers[n % 2], tokens[n % 2], f"try {n}")
            for n in range(attempts)
        ]
    )
    allowed = LIMIT if backend.shares_limits else LIMIT * PROCESSES
    assert statuses.count(303) == allowed
    assert statuses.count(429) == attempts - allowed
    with form_app.extensions["db_engine"].connect() as connection:
        stored = connection.execute(select(func.count()).select_from(unsafe_place_reports))
        assert stored.scalar() == allowed
