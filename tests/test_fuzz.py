"""Fuzzing: generated requests at every route of the URL map, in every language.

Routes come from `app.url_map` with the methods each rule allows, so routes added later are
fuzzed too; path arguments are drawn from real values (languages, sections, slugs, service keys)
and hostile ones (`..`, encoded slashes, null bytes, scripts, huge). Each request also gets
generated query strings, headers (Accept-Language, Host, Cookie, Content-Type) and, for POSTs,
form bodies built from the field names the route's own GET page shows (with its real CSRF token
among the values, so some posts get past it): wrong types, duplicate keys, huge values, bodies
that are not UTF-8.

Every response must: not be a 5xx; show no stack trace or internal path; have the right content
type; carry the security headers (errors too); never echo a script payload unescaped; redirect
only within the site.

Hypothesis runs with a fixed seed and no example database. The CI profile sends at least 10,000
requests; `FUZZ_PROFILE=large` sends ten times as many (run it before a release).
"""

from __future__ import annotations

import os
import re
import uuid
from collections import Counter
from urllib.parse import quote, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from app import create_app
from app.config import PROJECT_ROOT
from app.content.models import AREAS, AUDIENCES, SECTIONS
from app.languages import LANGUAGES

SCALE = 10 if os.environ.get("FUZZ_PROFILE") == "large" else 1
GET_EXAMPLES = 6_000 * SCALE
POST_EXAMPLES = 4_000 * SCALE
SEED = 20261206

# Payloads that would run if a page echoed them unescaped.
SCRIPTS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "</textarea><script>alert(1)</script>",
    "{{7*7}}{% raw %}",
]
RAW_SCRIPTS = [p for p in SCRIPTS if "<" in p]
TRAVERSAL = [
    "..",
    "../..",
    "%2e%2e",
    "..%2f..%2fapp%2fconfig.py",
    "%2F",
    "%252e%252e%252f",
    "....//",
    "%00",
    "a%00b",
    "%c0%ae%c0%ae",
    "~",
    ".env",
    ".git/config",
    "%ff",
]
ODD_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40
) | st.sampled_from(SCRIPTS + TRAVERSAL + ["", " ", "xx", "EN", "en-GB", "ur", "a" * 5000])
HUGE = st.integers(min_value=65_000, max_value=200_000).map(lambda n: "x" * n)

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
INTERNALS = ("Traceback (most recent call last)", str(PROJECT_ROOT), "site-packages", 'File "/')

# Headers: real-looking values and junk.
HEADER_TEXT = st.characters(min_codepoint=32, max_codepoint=255)  # what a header can carry
ACCEPT_LANGUAGE = st.sampled_from(
    ["", "pl", "ur-PK,ur;q=0.9", "*", "ro;q=abc", "en;q=0.5, sk;q=0.9", "zz", "x" * 3000]
) | st.text(alphabet=HEADER_TEXT, max_size=60)
HOSTS = st.sampled_from(
    ["localhost", "127.0.0.1:8000", "evil.example", "localhost:99999", "a" * 300, "[::1]", ""]
) | st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), max_size=30)
COOKIES = st.sampled_from(
    ["", "session=garbage", "session=" + "a" * 4000, "a=b; a=c", "session=.eJw.x.y", "=;=;"]
) | st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=80)
CONTENT_TYPES = st.sampled_from(
    [
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=latin-1",
        "multipart/form-data",
        "multipart/form-data; boundary=x",
        "application/json",
        "text/plain",
        "",
        "garbage/;;;",
    ]
)


def internal_paths_in(body: str) -> list[str]:
    return [marker for marker in INTERNALS if marker in body]


def expected_mimetypes(path: str, status: int) -> set[str] | None:
    """The content types a response may have, from the address and status alone."""
    if 300 <= status < 400:
        return None  # a redirect's body is never shown
    if path.startswith("/api/"):
        return {"application/json"}
    if status == 200:
        if path in ("/robots.txt", "/.well-known/security.txt"):
            return {"text/plain"}
        if path == "/sitemap.xml":
            return {"application/xml"}
        if path == "/favicon.ico":
            return {"image/vnd.microsoft.icon"}
        if path.startswith("/static/"):
            return {"text/css", "text/javascript", "image/vnd.microsoft.icon"}
    return {"text/html"}


class Fuzzer:
    """What the generators need to know about the app, learnt once."""

    def __init__(self, app):
        self.app = app
        self.client = app.test_client()
        store = app.extensions["content"]
        slugs = sorted({slug for pages in store.pages.values() for slug in pages})
        open_data = self.client.get("/api/oruk/services?per_page=5").get_json()
        self.real_values = {
            "lang": list(LANGUAGES),
            "section": list(SECTIONS),
            "slug": slugs,
            "key": sorted(store.services),
            "service_id": [s["id"] for s in open_data["contents"]] + [str(uuid.uuid4())],
            "filename": ["site.css", "site.js", "favicon.ico"],
        }
        self.rules = sorted(
            (r for r in app.url_map.iter_rules()), key=lambda r: (r.rule, r.endpoint)
        )
        self.fields = self._form_fields()
        self.query_names = sorted(
            {"q", "page", "per_page", "search", "format", "v", "taxonomy_id", "taxonomy_term_id"}
            | {"area", "audience", "topic", "contact", "open_now", "section", "language"}
        )
        self.seen: Counter = Counter()
        self.site_netloc = urlsplit(app.config["SITE_URL"]).netloc

    def _form_fields(self) -> dict[str, list[tuple[str, list[str]]]]:
        """For each POST route, the fields (and offered values) its own GET page shows."""
        fields = {}
        for rule in self.rules:
            if "POST" not in rule.methods or rule.arguments - {"lang"}:
                continue
            path = rule.rule.replace("<lang>", "en")
            soup = BeautifulSoup(self.client.get(path).get_data(as_text=True), "html.parser")
            found: dict[str, list[str]] = {}
            for element in soup.select("main [name]"):
                values = found.setdefault(element["name"], [])
                if element.get("value"):
                    values.append(element["value"])
                values.extend(o.get("value", "") for o in element.select("option"))
            assert found, f"{rule.rule} has a form with fields"
            fields[rule.endpoint] = sorted((name, sorted(set(v))) for name, v in found.items())
        return fields

    # ------------------------------------------------------------ strategies

    def path_value(self, name: str):
        real = self.real_values.get(name, [])
        hostile = ODD_TEXT.map(lambda v: quote(v, safe="") if v not in TRAVERSAL else v)
        return st.sampled_from(real) | hostile if real else hostile

    def path(self, draw, rule) -> tuple[str, str | None]:
        """A path for `rule`, with each argument real or hostile; and its language."""
        values = {name: draw(self.path_value(name)) for name in rule.arguments}
        path = re.sub(
            r"<(?:[^:<>]+:)?([^<>]+)>",
            lambda m: str(values[m.group(1)]).strip("/") or "x",
            rule.rule,
        )
        return path, values.get("lang")

    def query(self, draw) -> str:
        pairs = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(self.query_names) | ODD_TEXT,
                    ODD_TEXT | HUGE.map(lambda s: s[:9000]),
                ),
                max_size=5,
            )
        )
        text = urlencode(pairs)
        if draw(st.booleans()):
            text += draw(st.sampled_from(["&q=%FF%FE", "&&&", "&=x", "&q", "&page=%00"]))
        return text

    def headers(self, draw) -> dict[str, str]:
        headers = {}
        if draw(st.booleans()):
            headers["Accept-Language"] = draw(ACCEPT_LANGUAGE)
        if draw(st.integers(0, 4)) == 0:
            headers["Host"] = draw(HOSTS)
        if draw(st.booleans()):
            headers["Cookie"] = draw(COOKIES)
        return headers

    def body(self, draw, endpoint: str) -> tuple[bytes, str]:
        fields = self.fields.get(endpoint) or [("q", [])]
        pairs = []
        for name, offered in draw(
            st.lists(st.sampled_from(fields + [("junk", [])]), min_size=0, max_size=8)
        ):
            value = draw(
                st.sampled_from(offered or ["x"])
                | ODD_TEXT
                | st.integers().map(str)
                | st.just("")
                | (HUGE if draw(st.integers(0, 30)) == 0 else ODD_TEXT)
            )
            pairs.append((name, value))
        encoding = draw(st.sampled_from(["utf-8", "utf-8", "latin-1", "raw"]))
        if encoding == "latin-1":  # not percent-encoded, and not UTF-8
            data = "&".join(f"{k}={v}" for k, v in pairs).encode("latin-1", errors="replace")
        else:
            data = urlencode(pairs).encode()
        if encoding == "raw":
            data += draw(st.sampled_from([b"&q=\xff\xfe", b"\x00", b"%", b"&q=%C3", b"&q=%FF"]))
        return data, draw(CONTENT_TYPES)

    # ------------------------------------------------------------ one request

    def send(self, draw, method: str) -> None:
        rules = [r for r in self.rules if method in r.methods]
        rule = draw(st.sampled_from(rules))
        path, lang = self.path(draw, rule)
        query = self.query(draw)
        headers = self.headers(draw)
        kwargs = {"query_string": query, "headers": headers}
        if method == "POST":
            data, content_type = self.body(draw, rule.endpoint)
            kwargs.update(data=data, content_type=content_type)
        response = self.client.open(path, method=method, **kwargs)
        self.seen[(rule.endpoint, lang if lang in LANGUAGES else None)] += 1
        self.check(response, draw_info=(method, path, query, headers))

    def check(self, response, draw_info) -> None:
        status = response.status_code
        where = f"{draw_info[0]} {draw_info[1]!r} -> {status}"
        assert status < 500, where
        for header, value in SECURITY_HEADERS.items():
            assert response.headers.get(header) == value, f"{where}: {header}"
        assert "default-src 'self'" in response.headers.get("Content-Security-Policy", ""), where
        assert response.headers.get("Cache-Control"), where
        body = response.get_data().decode("utf-8", errors="replace")  # icons are not text
        assert not internal_paths_in(body), f"{where}: {internal_paths_in(body)}"
        request_path = response.request.path
        allowed = expected_mimetypes(request_path, status)
        if allowed is not None and draw_info[0] not in ("HEAD", "OPTIONS"):
            assert response.mimetype in allowed, f"{where}: {response.mimetype}"
        if response.mimetype == "text/html":
            for payload in RAW_SCRIPTS:
                assert payload not in body, f"{where}: {payload} echoed unescaped"
        if 300 <= status < 400:
            target = urlsplit(response.headers["Location"])
            assert not target.netloc or target.netloc == self.site_netloc, where
            assert not response.headers["Location"].startswith("//"), where


@pytest.fixture(scope="module")
def fuzzer(tmp_path_factory):
    database = tmp_path_factory.mktemp("fuzz-db") / "fuzz.db"
    app = create_app(
        {
            "TESTING": True,
            "PAGE_CACHE": True,  # as in production; also keeps the run short
            "RATELIMIT_FORMS": "1000000 per second",
            "DATABASE_URL": f"sqlite:///{database}",
        }
    )
    app.logger.disabled = True  # 5xx are caught by the asserts; keep the output readable
    return Fuzzer(app)


FUZZ_SETTINGS = {
    "deadline": None,
    "database": None,
    "print_blob": True,
    "suppress_health_check": list(HealthCheck),
}


def test_fuzz_every_route_with_gets_heads_and_options(fuzzer):
    @seed(SEED)
    @settings(max_examples=GET_EXAMPLES, **FUZZ_SETTINGS)
    @given(st.data())
    def fuzz(data):
        method = data.draw(st.sampled_from(["GET", "GET", "GET", "HEAD", "OPTIONS"]))
        fuzzer.send(data.draw, method)

    before = sum(fuzzer.seen.values())
    fuzz()
    assert sum(fuzzer.seen.values()) - before >= GET_EXAMPLES
    for rule in fuzzer.rules:
        if "GET" in rule.methods:
            assert any(endpoint == rule.endpoint for endpoint, _ in fuzzer.seen), rule.rule
            if "lang" in rule.arguments:
                for lang in LANGUAGES:
                    assert fuzzer.seen[(rule.endpoint, lang)], (rule.rule, lang)


def test_fuzz_every_form_with_posts(fuzzer):
    @seed(SEED)
    @settings(max_examples=POST_EXAMPLES, **FUZZ_SETTINGS)
    @given(st.data())
    def fuzz(data):
        fuzzer.send(data.draw, "POST")

    before = Counter(fuzzer.seen)
    fuzz()
    posted = fuzzer.seen - before
    assert sum(posted.values()) >= POST_EXAMPLES
    post_rules = [r for r in fuzzer.rules if "POST" in r.methods]
    assert len(post_rules) >= 3
    for rule in post_rules:
        for lang in LANGUAGES:
            assert posted[(rule.endpoint, lang)], (rule.rule, lang)


def test_the_generators_reach_every_posting_forms_fields(fuzzer):
    assert {"q"} <= {name for name, _ in fuzzer.fields["search.search"]}
    assert {"message", "contact"} <= {name for name, _ in fuzzer.fields["feedback.form"]}
    assert {"what", "area"} <= {name for name, _ in fuzzer.fields["finder.find_help"]}
    assert set(AREAS) <= {v for _, values in fuzzer.fields["finder.find_help"] for v in values}
    assert set(AUDIENCES) & {v for _, values in fuzzer.fields["search.search"] for v in values}
