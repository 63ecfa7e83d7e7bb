"""Form tests run on every storage backend: SQLite + memory always, and PostgreSQL + Redis when
TEST_DATABASE_URL and TEST_REDIS_URL are set (`.ci/run` sets them; `.ci/services.sh` starts
both servers on loopback). Each backend gets one app; every test starts with no rows and no
rate-limit counts."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import create_engine, delete, make_url, select, text

from app import create_app, migrate
from app.db import (
    database_url,
    feedback,
    make_engine,
    unsafe_place_reasons,
    unsafe_place_reports,
)
from tests.conftest import assert_house_rules

RATE_LIMIT = 3  # form posts per client in 10 minutes, in these tests


@dataclass(frozen=True)
class Backend:
    name: str
    database_url: str
    ratelimit_uri: str

    @property
    def shares_limits(self) -> bool:
        """Redis counts are shared by every process; memory counts are per process."""
        return not self.ratelimit_uri.startswith("memory")


def backend_names() -> list[str]:
    real = [os.environ.get("TEST_DATABASE_URL"), os.environ.get("TEST_REDIS_URL")]
    if any(real) and not all(real):
        raise pytest.UsageError("set both TEST_DATABASE_URL and TEST_REDIS_URL, or neither")
    return ["sqlite+memory", "postgresql+redis"] if all(real) else ["sqlite+memory"]


def new_postgres_database() -> tuple[str, callable]:
    """A new, empty database on the test server; and a function that drops it."""
    admin_url = make_url(database_url(os.environ["TEST_DATABASE_URL"]))
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return admin_url.set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture
def empty_engine(tmp_path, backend_name):
    """An engine on an empty database of this backend's kind."""
    if backend_name == "sqlite+memory":
        url, drop = f"sqlite:///{tmp_path / 'empty.db'}", lambda: None
    else:
        url, drop = new_postgres_database()
    engine = make_engine(url)
    yield engine
    engine.dispose()
    drop()


@pytest.fixture(scope="session", params=backend_names())
def backend_name(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def backend(backend_name, tmp_path_factory):
    if backend_name == "sqlite+memory":
        folder = tmp_path_factory.mktemp("forms-db")
        yield Backend(backend_name, f"sqlite:///{folder / 'forms.db'}", "memory://")
    else:
        url, drop = new_postgres_database()
        yield Backend(backend_name, url, os.environ["TEST_REDIS_URL"])
        drop()


def make_app(backend: Backend, **config):
    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": backend.database_url,
            "RATELIMIT_STORAGE_URI": backend.ratelimit_uri,
            "RATELIMIT_FORMS": f"{RATE_LIMIT} per 10 minutes",
            "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            **config,
        }
    )


@pytest.fixture
def new_app(backend):
    """Make an app of this backend with other settings; its connections are closed after."""
    apps = []

    def _make(**config):
        apps.append(make_app(backend, **config))
        return apps[-1]

    yield _make
    for app in apps:
        app.extensions["db_engine"].dispose()


@pytest.fixture(scope="session")
def backend_app(backend):
    app = make_app(backend)
    migrate.upgrade(app.extensions["db_engine"])
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture
def form_app(backend_app):
    """The backend's app with no stored submissions and no rate-limit counts."""
    with backend_app.extensions["db_engine"].begin() as connection:
        for table in (unsafe_place_reasons, unsafe_place_reports, feedback):
            connection.execute(delete(table))
    backend_app.extensions["rate_limiter"].storage.reset()
    return backend_app


@pytest.fixture
def form_client(form_app):
    return form_app.test_client()


@pytest.fixture
def page(form_client):
    """Request a URL with the form client (it keeps the session cookie, as a browser does),
    check the status and the house rules, return the parsed page."""

    def _page(url, status=200, method="get", **kwargs):
        response = getattr(form_client, method)(url, **kwargs)
        assert response.status_code == status, f"{url}: {response.status_code}"
        assert response.mimetype == "text/html"
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        assert_house_rules(soup, response)
        soup.response = response
        return soup

    return _page


def csrf_token(soup) -> str:
    return soup.select_one('input[name="csrf_token"]')["value"]


def textarea_value(element) -> str:
    """What a browser shows: HTML drops one newline at the start of a textarea."""
    text_ = element.get_text()
    return text_[2:] if text_.startswith("\r\n") else text_.removeprefix("\n")


def error_links(soup) -> dict[str, str]:
    """The error summary's links: {target id: message}."""
    return {a["href"].removeprefix("#"): a.get_text() for a in soup.select(".error-summary a")}


def rows(app, table) -> list[dict]:
    with app.extensions["db_engine"].connect() as connection:
        return [dict(row._mapping) for row in connection.execute(select(table))]
