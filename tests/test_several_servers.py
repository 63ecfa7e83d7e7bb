"""Several app servers behind a proxy, proven on one machine: Debian's nginx runs
deploy/nginx.conf (as shipped, with only its addresses, ports, paths and certificate swapped) on
loopback, over real TLS, in front of two gunicorn instances of the app that share one PostgreSQL
and one Redis (TEST_DATABASE_URL and TEST_REDIS_URL, started by .ci/services.sh).

Through nginx: pages, search, the help finder and both forms work on either server (the nginx
log names the server of every request); a form opened on one server is sent to the other; the
form rate limit is one count for both; HTTPS seen by nginx gives HSTS and Secure cookies; static
files come from disk with the app's caching rule; and nothing is lost or saved twice when a
server stops mid-run, gracefully (as `systemctl stop` does) or by crashing.

Each person is a different loopback address (127.0.x.y): nginx sees it as the client's address,
as it would see a phone's, so each has her own rate-limit count."""

from __future__ import annotations

import gzip
import http.client
import itertools
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from app import migrate
from app.config import PROJECT_ROOT
from app.db import feedback, make_engine, unsafe_place_reasons, unsafe_place_reports

DEPLOY_CONF = PROJECT_ROOT / "deploy" / "nginx.conf"
SITE = "example.org"  # the deploy example's name; never looked up, every request goes to 127.0.0.1
LIMIT = 4  # form posts per person in 10 minutes, in this test
START_SECONDS = 180

# ---------------------------------------------------------------------------- set-up


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path, what: str) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} stopped: {log.read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"{what} did not start in {START_SECONDS} s: {log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def services():
    """PostgreSQL, Redis, nginx and openssl, or a loud failure in CI (never a skip there)."""
    missing = []
    if not (os.environ.get("TEST_DATABASE_URL") and os.environ.get("TEST_REDIS_URL")):
        missing.append(
            "PostgreSQL and Redis (source .ci/services.sh; services_start; sets "
            "TEST_DATABASE_URL and TEST_REDIS_URL)"
        )
    for program, package in (("nginx", "nginx"), ("openssl", "openssl")):
        if not shutil.which(program, path=f"{os.environ.get('PATH', '')}:/usr/sbin"):
            missing.append(f"{program} (apt-get install {package})")
    if missing:
        message = "the several-servers test needs " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message + ": .ci/run installs and starts them")
        pytest.skip(message)
    return os.environ["TEST_DATABASE_URL"], os.environ["TEST_REDIS_URL"]


@pytest.fixture(scope="module")
def database(services):
    from tests.forms.conftest import new_postgres_database

    url, drop = new_postgres_database()
    engine = make_engine(url)
    migrate.upgrade(engine)
    yield url, engine
    engine.dispose()
    drop()


@dataclass
class Backend:
    """One app server: gunicorn, 2 sync workers, in its own process group (so a crash can take
    the whole server down at once)."""

    name: str
    env: dict
    folder: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        log = self.folder / f"{self.name}.log"
        with log.open("a") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "wsgi:app"],
                cwd=PROJECT_ROOT,
                env={**self.env, "BIND": self.address},
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for_port(self.port, self.process, log, f"gunicorn {self.name}")

    def stop(self) -> None:
        """Stop as systemd does: SIGTERM, requests in hand are finished, then it exits."""
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)

    def crash(self) -> None:
        """The server dies at once, master and workers, mid-request (SIGKILL)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=60)

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


def certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
        + ["-nodes", "-days", "2", "-subj", f"/CN={SITE}", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def site_config(folder: Path, backends: list[Backend], http_port: int, https_port: int) -> str:
    """deploy/nginx.conf with only these swapped; each must be there, or the test is stale."""
    cert, key = certificate(folder)
    swaps = {
        "10.0.0.11:8000": backends[0].address,
        "10.0.0.12:8000": backends[1].address,
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        f"/etc/letsencrypt/live/{SITE}/fullchain.pem": str(cert),
        f"/etc/letsencrypt/live/{SITE}/privkey.pem": str(key),
        "/var/log/nginx/safe-and-supported.access.log": str(folder / "access.log"),
        "/var/log/nginx/safe-and-supported.error.log": str(folder / "error.log"),
        "/srv/safe-and-supported/static/": f"{PROJECT_ROOT / 'static'}/",
    }
    text = DEPLOY_CONF.read_text()
    for old, new in swaps.items():
        assert text.count(old) == 1, f"deploy/nginx.conf no longer has {old!r} once"
        text = text.replace(old, new)
    return text


def main_config(folder: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf gives a site file, with everything in `folder`."""
    user = "user root root;" if os.geteuid() == 0 else ""  # as the CI user; none when not root
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
{temp}
    include {folder / "site.conf"};
}}
"""


@dataclass
class Proxy:
    folder: Path
    http_port: int
    https_port: int
    backends: list[Backend]
    process: subprocess.Popen

    @cached_property
    def tls(self) -> ssl.SSLContext:
        """Trusts only this test's certificate (made for example.org; requests go to 127.0.0.1)."""
        context = ssl.create_default_context(cafile=self.folder / "cert.pem")
        context.check_hostname = False
        return context

    @property
    def log(self) -> Path:
        return self.folder / "access.log"


@pytest.fixture(scope="module")
def proxy(app, database, services, tmp_path_factory) -> Iterator[Proxy]:
    # `app` builds the search indexes first, so the two servers find them ready.
    folder = tmp_path_factory.mktemp("several-servers")
    url, _engine = database
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "RATELIMIT_STORAGE_URI": services[1],
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        "RATELIMIT_FORMS": f"{LIMIT} per 10 minutes",
        "SECRET_KEY": "the-same-long-random-key-on-every-server",
        "SITE_URL": f"https://{SITE}",
        "TRUST_PROXY": "1",
        "WEB_CONCURRENCY": "2",
    }
    backends = [Backend("a", {**env, "ACCESS_LOG": str(folder / "a.access.log")}, folder)]
    backends.append(Backend("b", {**env, "ACCESS_LOG": str(folder / "b.access.log")}, folder))
    http_port, https_port = free_port(), free_port()
    (folder / "site.conf").write_text(site_config(folder, backends, http_port, https_port))
    (folder / "nginx.conf").write_text(main_config(folder))
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / kind).mkdir()
    nginx = shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin")
    command = [nginx, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", "stderr"]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    starting = ThreadPoolExecutor(max_workers=2)
    try:
        list(starting.map(Backend.start, backends))
    finally:
        starting.shutdown()
    nginx_log = folder / "nginx.out"
    with nginx_log.open("w") as output:
        process = subprocess.Popen(
            [*command, "-g", "daemon off;"], stdout=output, stderr=subprocess.STDOUT
        )
    try:
        wait_for_port(https_port, process, nginx_log, "nginx")
        yield Proxy(folder, http_port, https_port, backends, process)
    finally:
        process.send_signal(signal.SIGQUIT)  # graceful: finish what is in hand
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for backend in backends:
            if backend.running():
                backend.stop()


# ---------------------------------------------------------------------------- requests

ADDRESSES = (f"127.0.{a}.{b}" for a in itertools.count(10) for b in range(1, 255))
ADDRESS_LOCK = threading.Lock()


def new_address() -> str:
    with ADDRESS_LOCK:
        return next(ADDRESSES)


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()

    @property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.text, "html.parser")


class Person:
    """One person's browser: her own address and, once a form page set it, her cookie."""

    def __init__(self, proxy: Proxy):
        self.proxy = proxy
        self.address = new_address()
        self.cookie: str | None = None

    def request(self, method, path, data=None, headers=None, https=True) -> Response:
        headers = {"Host": SITE, **(headers or {})}
        if self.cookie:
            headers["Cookie"] = self.cookie
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if https:
            connection = http.client.HTTPSConnection(
                "127.0.0.1",
                self.proxy.https_port,
                context=self.proxy.tls,
                timeout=60,
                source_address=(self.address, 0),
            )
        else:
            connection = http.client.HTTPConnection(
                "127.0.0.1", self.proxy.http_port, timeout=60, source_address=(self.address, 0)
            )
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            result = Response(response.status, response.headers, response.read())
        finally:
            connection.close()
        if cookie := result.headers.get("Set-Cookie"):
            self.cookie = cookie.split(";", 1)[0]
        return result

    def get(self, path, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs) -> Response:
        return self.request("POST", path, data=data, **kwargs)

    def open_form(self, path) -> dict:
        soup = self.get(path).soup
        return {
            name: soup.select_one(f'input[name="{name}"]')["value"]
            for name in ("csrf_token", "submission_id")
        }


@dataclass(frozen=True)
class Logged:
    method: str
    path: str
    status: int
    servers: tuple[str, ...]  # every server nginx tried, in order


LOG_LINE = re.compile(r'"(\S+) (\S+)" (\d{3}) \d+ \S+ "([^"]*)" "[^"]*"$')


def read_log(proxy: Proxy) -> list[Logged]:
    entries = []
    for line in proxy.log.read_text().splitlines():
        match = LOG_LINE.search(line)
        assert match, f"an nginx log line in an unexpected shape: {line}"
        method, path, status, upstream = match.groups()
        servers = tuple(s.strip() for s in upstream.split(",") if s.strip() not in ("", "-"))
        entries.append(Logged(method, path, int(status), servers))
    return entries


def logged_since(proxy: Proxy, start: int, count: int) -> list[Logged]:
    """The `count` requests logged after the first `start` (nginx logs each one as it ends)."""
    deadline = time.monotonic() + 10
    while True:
        entries = read_log(proxy)[start:]
        if len(entries) >= count or time.monotonic() > deadline:
            assert len(entries) == count, f"logged {len(entries)} requests, expected {count}"
            return entries
        time.sleep(0.05)


def server_names(proxy: Proxy) -> dict[str, str]:
    return {backend.address: backend.name for backend in proxy.backends}


def rows(engine, table) -> list[dict]:
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(select(table))]


# ---------------------------------------------------------------------------- tests


def test_pages_search_finder_and_both_forms_work_on_either_server(proxy, database):
    _url, engine = database
    start = len(read_log(proxy))
    rounds = 4
    for n in range(rounds):
        person = Person(proxy)
        page = person.get("/en/abuse/stalking")
        assert page.status == 200 and page.soup.h1.get_text() == "Stalking"
        found = person.post("/en/search", {"q": "someone keeps following me home"})
        assert found.status == 200
        first = found.soup.select_one(".search-results .search-result__title a")["href"]
        assert first == "/en/abuse/stalking"
        finder = person.post(
            "/en/find-help",
            {"who": "me", "what": "followed", "area": "derby", "contact": "phone"},
        )
        assert finder.status == 200
        assert finder.soup.h1.get_text() == "Help that fits what you told us"
        assert finder.soup.select(".best-matches .best-match")

        words = f"The helpline number on this page is wrong ({n})"
        sent = person.post(
            "/en/feedback",
            {**person.open_form("/en/feedback"), "helped": "no", "message": words},
        )
        assert sent.status == 303 and sent.headers["Location"] == "/en/feedback/thanks"
        thanks = person.get(sent.headers["Location"])
        assert thanks.soup.h1.get_text() == "Thank you, we have your message"

        place = f"The underpass by the bus station ({n})"
        form = person.open_form("/en/unsafe-places/report")
        sent = person.post(
            "/en/unsafe-places/report",
            {**form, "area": "derby", "place": place, "reasons": ["lighting", "followed"]},
        )
        assert sent.status == 303 and sent.headers["Location"] == "/en/unsafe-places/report/thanks"
        assert person.get(sent.headers["Location"]).soup.h1.get_text() == (
            "Thank you for telling us"
        )

    entries = logged_since(proxy, start, rounds * 9)
    names = server_names(proxy)
    served: dict[tuple[str, str], set[str]] = {}
    for entry in entries:
        assert len(entry.servers) == 1, entry  # nothing needed a second try
        served.setdefault((entry.method, entry.path), set()).add(names[entry.servers[0]])
    for request in [
        ("GET", "/en/abuse/stalking"),
        ("POST", "/en/search"),
        ("POST", "/en/find-help"),
        ("GET", "/en/feedback"),
        ("POST", "/en/feedback"),
        ("GET", "/en/feedback/thanks"),
        ("GET", "/en/unsafe-places/report"),
        ("POST", "/en/unsafe-places/report"),
    ]:
        assert served[request] == {"a", "b"}, f"{request} served by {served[request]}"
    # A form opened on one server and sent to the other works: they share the key and data.
    crossed = [
        (opened.servers, sent.servers)
        for opened, sent in itertools.pairwise(entries)
        if (opened.method, sent.method) == ("GET", "POST")
        and opened.path == sent.path
        and opened.servers != sent.servers
    ]
    assert crossed, "no form was opened on one server and sent to the other"

    messages = sorted(row["message"] for row in rows(engine, feedback))
    assert messages == sorted(f"The helpline number on this page is wrong ({n})" for n in range(4))
    places = sorted(row["place"] for row in rows(engine, unsafe_place_reports))
    assert places == sorted(f"The underpass by the bus station ({n})" for n in range(4))


def test_the_form_rate_limit_is_one_count_for_both_servers(proxy, database):
    _url, engine = database
    person = Person(proxy)
    form = person.open_form("/en/unsafe-places/report")
    start = len(read_log(proxy))
    statuses = []
    for n in range(2 * LIMIT):
        place = f"The car park on Station Road, try {n}"
        sent = person.post(
            "/en/unsafe-places/report",
            {**form, "submission_id": uuid.uuid4().hex, "area": "erewash", "place": place}
            | {"reasons": "isolated"},
            # Made-up addresses change nothing: nginx passes on the one it saw.
            headers={"X-Forwarded-For": f"203.0.113.{n}", "X-Real-IP": f"198.51.100.{n}"},
        )
        statuses.append(sent.status)
        if sent.status == 429:
            assert place in sent.text, "her words are kept on the 'too many' page"
    assert statuses == [303] * LIMIT + [429] * LIMIT
    names = server_names(proxy)
    entries = logged_since(proxy, start, 2 * LIMIT)
    accepted = {names[e.servers[0]] for e in entries if e.status == 303}
    refused = {names[e.servers[0]] for e in entries if e.status == 429}
    assert accepted == refused == {"a", "b"}, "each server counted the other's posts"
    with engine.connect() as connection:
        stored = connection.execute(
            select(func.count())
            .select_from(unsafe_place_reports)
            .where(unsafe_place_reports.c.place.like("The car park on Station Road, try %"))
        ).scalar()
    assert stored == LIMIT


def test_https_seen_by_nginx_gives_hsts_secure_cookies_and_the_sites_own_links(proxy):
    person = Person(proxy)
    # The client's own forwarding headers are replaced by nginx's.
    home = person.get(
        "/en/", headers={"X-Forwarded-Proto": "http", "X-Forwarded-Host": "evil.example"}
    )
    assert home.status == 200
    assert home.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"
    assert "Set-Cookie" not in home.headers, "ordinary pages set no cookie"
    assert home.soup.select_one('link[rel="canonical"]')["href"] == f"https://{SITE}/en/"
    form = person.get("/en/feedback")
    cookie = form.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    # Plain HTTP only sends people to HTTPS, at the site's own name, keeping the address.
    plain = person.get("/en/abuse/?from=a-poster", https=False, headers={"Host": "evil.example"})
    assert plain.status == 301
    assert plain.headers["Location"] == f"https://{SITE}/en/abuse/?from=a-poster"
    assert "Strict-Transport-Security" not in plain.headers
    # Another name is refused by the app, with its own page.
    other = person.get("/en/", headers={"Host": "evil.example"})
    assert other.status == 400 and other.soup.select_one(".exit-this-page a")


def test_static_files_come_from_disk_with_the_apps_caching_rule(proxy):
    person = Person(proxy)
    href = person.get("/en/").soup.select_one('link[rel="stylesheet"]')["href"]
    assert re.fullmatch(r"/static/site\.css\?v=[0-9a-f]{10}", href)
    on_disk = (PROJECT_ROOT / "static" / "site.css").read_bytes()
    css = person.get(href)
    assert css.status == 200 and css.body == on_disk
    assert css.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert css.headers["Content-Type"] == "text/css"
    assert css.headers["X-Content-Type-Options"] == "nosniff"
    unversioned = person.get("/static/site.js")
    assert unversioned.status == 200
    assert unversioned.headers["Cache-Control"] == "public, max-age=3600"
    packed = person.get(href, headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.body) == on_disk
    assert len(packed.body) < len(on_disk) / 2
    for path in ("/static../README.md", "/static/../README.md", "/static/..%2fREADME.md"):
        outside = person.get(path)
        assert outside.status != 200, path
        assert b"The two commands" not in outside.body, path
    # nginx answered from disk: neither app server saw a static file.
    for backend in proxy.backends:
        log = proxy.folder / f"{backend.name}.access.log"
        assert '"GET /en/' in log.read_text(), "the app servers' own logs are written"
        assert "/static/site." not in log.read_text()


def test_the_same_post_sent_to_both_servers_at_once_is_saved_once(proxy, database):
    _url, engine = database
    person = Person(proxy)
    place = "The alley behind the market hall"
    data = {**person.open_form("/en/unsafe-places/report"), "area": "bolsover"}
    data |= {"place": place, "reasons": "harassment"}
    start = len(read_log(proxy))
    barrier = threading.Barrier(2)

    def send(_):
        barrier.wait()
        return person.post("/en/unsafe-places/report", data).status

    with ThreadPoolExecutor(max_workers=2) as pool:
        assert list(pool.map(send, range(2))) == [303, 303]
    entries = logged_since(proxy, start, 2)
    names = server_names(proxy)
    assert {names[e.servers[0]] for e in entries} == {"a", "b"}
    saved = [row for row in rows(engine, unsafe_place_reports) if row["place"] == place]
    assert len(saved) == 1
    with engine.connect() as connection:
        reasons = connection.execute(
            select(unsafe_place_reasons.c.reason).where(
                unsafe_place_reasons.c.report_id == saved[0]["id"]
            )
        ).all()
    assert [r.reason for r in reasons] == ["harassment"]


# ------------------------------------------------------------- a server stops mid-run


@dataclass
class Traffic:
    """People reading a page, searching and sending a report, until told to stop."""

    proxy: Proxy
    label: str
    stop: threading.Event = field(default_factory=threading.Event)
    sent: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def visit(self, n: int) -> None:
        try:
            self._visit(n)
        except Exception as exc:  # a request that failed outright is a problem to report
            with self.lock:
                self.problems.append(f"{self.label} {n}: {exc!r}")

    def _visit(self, n: int) -> None:
        person = Person(self.proxy)
        page = person.get("/en/help/get-help-now")
        searched = person.post("/en/search", {"q": "stalking"})
        form = person.open_form("/en/unsafe-places/report")
        place = f"{self.label} {n}"
        sent = person.post(
            "/en/unsafe-places/report",
            {**form, "area": "chesterfield", "place": place, "reasons": "followed"},
        )
        statuses = (page.status, searched.status, sent.status)
        with self.lock:
            self.sent.append(place)
            if statuses != (200, 200, 303):
                self.problems.append(f"{place}: {statuses}")

    def run(self, people: int = 4) -> None:
        counter = itertools.count()

        def keep_visiting():
            while not self.stop.is_set():
                self.visit(next(counter))

        self.threads = [threading.Thread(target=keep_visiting) for _ in range(people)]
        for thread in self.threads:
            thread.start()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=120)


def saved_places(engine, label: str) -> list[str]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                select(unsafe_place_reports.c.place).where(
                    unsafe_place_reports.c.place.like(f"{label} %")
                )
            ).scalars()
        )


def wait_until_serving_through_nginx(proxy: Proxy, backend: Backend) -> None:
    """nginx tries a failed server again after its fail_timeout (5 s)."""
    deadline = time.monotonic() + 60
    person = Person(proxy)
    while time.monotonic() < deadline:
        start = len(read_log(proxy))
        assert person.get("/en/").status == 200
        if backend.address in logged_since(proxy, start, 1)[0].servers:
            return
        time.sleep(0.2)
    pytest.fail(f"nginx did not send requests to {backend.name} again")


def run_while(proxy: Proxy, engine, label: str, stopping: Backend, how) -> None:
    """People use the site; `how` stops one server after 1.5 s; they go on for 2 s more."""
    traffic = Traffic(proxy, label)
    start = len(read_log(proxy))
    traffic.run()
    try:
        time.sleep(1.5)
        how(stopping)
        time.sleep(2)
    finally:
        traffic.finish()
    assert not traffic.problems, traffic.problems
    assert len(traffic.sent) >= 8, "enough happened to be a test"
    assert sorted(saved_places(engine, label)) == sorted(traffic.sent), "each saved exactly once"
    entries = logged_since(proxy, start, 4 * len(traffic.sent))
    assert all(e.status < 500 for e in entries)
    answered_by = [e.servers[-1] for e in entries]
    assert stopping.address in answered_by, "it served people before it stopped"
    assert stopping.address not in answered_by[-8:], "after it stopped, the other one answered"


def test_nothing_is_lost_or_saved_twice_when_a_server_stops_or_crashes_mid_run(proxy, database):
    _url, engine = database
    a, b = proxy.backends
    # 1. Server a is stopped as systemd stops it, while people use the site.
    run_while(proxy, engine, "Stopped mid-run", a, Backend.stop)
    a.start()
    wait_until_serving_through_nginx(proxy, a)
    # 2. Server b crashes (master and workers killed at once), while people use the site.
    run_while(proxy, engine, "Crashed mid-run", b, Backend.crash)
