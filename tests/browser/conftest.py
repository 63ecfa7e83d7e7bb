"""Real-browser fixtures: the site served on 127.0.0.1, a neutral "exit" site on another port,
and Debian's Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from app import create_app, migrate

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail("Debian's chromium is required for browser tests: apt-get install chromium")
    return path


class NeutralPage(BaseHTTPRequestHandler):
    def do_GET(self):  # http.server's name
        body = b"<!doctype html><title>Weather</title><h1>Weather</h1>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _serve(server) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread


@pytest.fixture(scope="session")
def neutral_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), NeutralPage)
    _serve(server)
    yield f"http://127.0.0.1:{server.server_port}/weather"
    server.shutdown()


@pytest.fixture(scope="session")
def live_app(neutral_site, tmp_path_factory):
    database = tmp_path_factory.mktemp("browser-db") / "site.db"
    app = create_app(
        {
            "TESTING": True,
            "EXIT_URL": neutral_site,
            "DATABASE_URL": f"sqlite:///{database}",
            "RATELIMIT_FORMS": "1000 per minute",  # the forms are sent many times here
        }
    )
    migrate.upgrade(app.extensions["db_engine"])
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    _serve(server)
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def tab(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def module_tab(browser):
    """One tab for a whole test module, for runs of page checks that need no fresh state."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def tab_without_js(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()
