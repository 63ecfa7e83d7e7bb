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

import math
import os
import re
import uuid
from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from app import create_app
from app.config import PROJECT_ROOT
from app.content.models import AREAS, SECTIONS
from app.languages import LANGUAGES

SCALE = 10 if os.environ.get("FUZZ_PROFILE") == "large" else 1
GETS = 6_000 * SCALE
POSTS = 4_000 * SCALE
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
HUGE = st.integers(min_value=64 * 1024 + 1, max_value=80_000).map(lambda n: "x" * n)
# A path argument that is not a real value: quoted junk, or a traversal sequence as it is.
HOSTILE = ODD_TEXT.map(lambda v: v if v in TRAVERSAL else quote(v, safe=""))

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


@dataclass(frozen=True)
class FuzzRequest:
    method: str
    path: str
    query: str
    headers: dict
    data: bytes | None
    content_type: str | None


def fill(rule, values: dict[str, str]) -> str:
    """The rule's path with each argument replaced by its (raw, possibly hostile) value."""
    return re.sub(
        r"<(?:[^:<>]+:)?([^<>]+)>",
        lambda m: values[m.group(1)].strip("/") or "x",
        rule.rule,
    )


def form_value(offered: list[str]):
    return st.one_of(
        st.sampled_from(offered or ["x"]), ODD_TEXT, st.integers().map(str), st.just(""), HUGE
    )


def encode_body(pairs: list[tuple[str, str]], encoding: str, junk: bytes) -> bytes:
    if encoding == "latin-1":  # not percent-encoded, and not UTF-8
        return "&".join(f"{k}={v}" for k, v in pairs).encode("latin-1", errors="replace")
    data = urlencode(pairs).encode()
    return data + junk if encoding == "raw" else data


class Fuzzer:
    """What the generators need to know about the app, learnt once, and the strategies built
    from it (built once: making strategies is slow)."""

    def __init__(self, app):
        self.app = app
        self.client = app.test_client()
        store = app.extensions["content"]
        slugs = sorted({slug for pages in store.pages.values() for slug in pages})
        open_data = self.client.get("/api/oruk/services?per_page=5").get_json()
        real_values = {
            "section": list(SECTIONS),
            "slug": slugs,
            "key": sorted(store.services),
            "service_id": [s["id"] for s in open_data["contents"]] + [str(uuid.uuid4())],
            "filename": ["site.css", "site.js", "favicon.ico"],
        }
        self.values = {name: st.sampled_from(real) | HOSTILE for name, real in real_values.items()}
        self.rules = sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint))
        self.fields = self._form_fields()
        names = sorted(
            {"q", "page", "per_page", "search", "format", "v", "taxonomy_id", "taxonomy_term_id"}
            | {"area", "audience", "topic", "contact", "open_now", "section", "language"}
        )
        self.query = st.builds(
            lambda pairs, extra: urlencode(pairs) + extra,
            st.lists(
                st.tuples(
                    st.sampled_from(names) | ODD_TEXT, ODD_TEXT | HUGE.map(lambda v: v[:9000])
                ),
                max_size=5,
            ),
            st.sampled_from(["", "", "", "&q=%FF%FE", "&&&", "&=x", "&q", "&page=%00"]),
        )
        self.headers = st.fixed_dictionaries(
            {}, optional={"Accept-Language": ACCEPT_LANGUAGE, "Host": HOSTS, "Cookie": COOKIES}
        )
        self.bodies = {
            endpoint: st.builds(
                encode_body,
                st.lists(
                    st.one_of(
                        *[
                            st.tuples(st.just(name), form_value(offered))
                            for name, offered in fields
                        ],
                        st.tuples(ODD_TEXT, ODD_TEXT),
                    ),
                    max_size=8,
                ),
                st.sampled_from(["utf-8", "utf-8", "latin-1", "raw"]),
                st.sampled_from([b"&q=\xff\xfe", b"\x00", b"%", b"&q=%C3", b"&q=%FF"]),
            )
            for endpoint, fields in self.fields.items()
        }
        self.sent: Counter = Counter()
        self.site_netloc = urlsplit(app.config["SITE_URL"]).netloc

    def _form_fields(self) -> dict[str, list[tuple[str, list[str]]]]:
        """For each POST route, the fields (and offered values) its own GET page shows."""
        fields = {}
        for rule in self.rules:
            if "POST" not in rule.methods or rule.arguments - {"lang"}:
                continue
            path = rule.rule.replace("<lang>", "en")
            found: dict[str, list[str]] = {}
            # The empty page, and (for search) a page of results with its filters.
            pages = [self.client.get(path), self.client.get(path, query_string={"q": "abuse"})]
            soups = [BeautifulSoup(p.get_data(as_text=True), "html.parser") for p in pages]
            for element in [e for soup in soups for e in soup.select("main [name]")]:
                values = found.setdefault(element["name"], [])
                if element.get("value"):
                    values.append(element["value"])
                values.extend(o.get("value", "") for o in element.select("option"))
            assert found, f"{rule.rule} has a form with fields"
            fields[rule.endpoint] = sorted((name, sorted(set(v))) for name, v in found.items())
        return fields

    def combinations(self, method: str) -> list[tuple[object, str | None]]:
        """(rule, language) pairs to fuzz: every rule allowing `method`, in every language and
        in a hostile one (None) when the rule has a language."""
        combos = []
        for rule in self.rules:
            if method in rule.methods:
                langs = [*LANGUAGES, None] if "lang" in rule.arguments else [None]
                combos += [(rule, lang) for lang in langs]
        return combos

    def requests(self, rule, lang: str | None, methods: list[str]):
        """Requests for one rule: its path arguments (the language fixed unless None), a query
        string, headers and, for a POST, a body and its content type."""
        args = {
            name: st.just(lang) if name == "lang" and lang else self.values.get(name, HOSTILE)
            for name in rule.arguments
        }
        posting = methods == ["POST"]
        return st.builds(
            FuzzRequest,
            method=st.sampled_from(methods),
            path=st.fixed_dictionaries(args).map(lambda values: fill(rule, values)),
            query=self.query,
            headers=self.headers,
            data=self.bodies.get(rule.endpoint, st.just(b"q=x")) if posting else st.none(),
            content_type=CONTENT_TYPES if posting else st.none(),
        )

    # ------------------------------------------------------------ one request

    def send(self, request: FuzzRequest, rule, lang) -> None:
        kwargs = {"query_string": request.query, "headers": request.headers}
        if request.data is not None:
            kwargs.update(data=request.data, content_type=request.content_type)
        response = self.client.open(request.path, method=request.method, **kwargs)
        self.sent[(rule.endpoint, lang, request.method)] += 1
        self.check(response, request)

    def check(self, response, request: FuzzRequest) -> None:
        status = response.status_code
        where = f"{request.method} {request.path!r} -> {status}"
        assert status < 500, where
        for header, value in SECURITY_HEADERS.items():
            assert response.headers.get(header) == value, f"{where}: {header}"
        assert "default-src 'self'" in response.headers.get("Content-Security-Policy", ""), where
        assert response.headers.get("Cache-Control"), where
        body = response.get_data().decode("utf-8", errors="replace")  # icons are not text
        assert not internal_paths_in(body), f"{where}: {internal_paths_in(body)}"
        allowed = expected_mimetypes(response.request.path, status)
        if allowed is not None and request.method not in ("HEAD", "OPTIONS"):
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
            "RATELIMIT_FORMS": "1000000 per second",  # so posts reach the forms' checks
            "DATABASE_URL": f"sqlite:///{database}",
        }
    )
    # 5xx are caught by the asserts; keep the output readable. Every app shares one logger
    # ("app"), so it is switched back on for the tests that run after these.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(app.logger, "disabled", True)
        yield Fuzzer(app)


FUZZ_SETTINGS = {
    "deadline": None,
    "database": None,
    "print_blob": True,
    "suppress_health_check": list(HealthCheck),
}


def fuzz_all(fuzzer, method_of_rule, combos, total: int) -> Counter:
    """Fuzz each (rule, language) with an equal share of `total` requests; return the counts."""
    each = math.ceil(total / len(combos))
    before = Counter(fuzzer.sent)
    for rule, lang in combos:
        fuzz_one(fuzzer, rule, lang, method_of_rule(rule), each)
    return fuzzer.sent - before


def fuzz_one(fuzzer, rule, lang, methods: list[str], examples: int) -> None:
    @seed(SEED)
    @settings(max_examples=examples, **FUZZ_SETTINGS)
    @given(fuzzer.requests(rule, lang, methods))
    def fuzz(request):
        fuzzer.send(request, rule, lang)

    fuzz()


def test_fuzz_every_route_in_every_language_with_get_head_and_options(fuzzer):
    combos = fuzzer.combinations("GET")
    sent = fuzz_all(fuzzer, lambda rule: ["GET", "GET", "GET", "HEAD", "OPTIONS"], combos, GETS)
    assert sum(sent.values()) >= GETS
    for rule, lang in combos:
        assert sent[(rule.endpoint, lang, "GET")], (rule.rule, lang)
    assert {lang for _, lang, _ in sent} == {*LANGUAGES, None}


def test_fuzz_every_form_in_every_language_with_posts(fuzzer):
    combos = fuzzer.combinations("POST")
    assert len(combos) >= 3 * (len(LANGUAGES) + 1)
    sent = fuzz_all(fuzzer, lambda rule: ["POST"], combos, POSTS)
    assert sum(sent.values()) >= POSTS
    for rule, lang in combos:
        assert sent[(rule.endpoint, lang, "POST")], (rule.rule, lang)


def test_the_generators_know_every_forms_fields(fuzzer):
    assert {"q", "section", "audience"} <= {name for name, _ in fuzzer.fields["search.search"]}
    assert {"message", "contact"} <= {name for name, _ in fuzzer.fields["feedback.form"]}
    assert {"what", "area"} <= {name for name, _ in fuzzer.fields["finder.find_help"]}
    assert set(AREAS) <= {v for _, values in fuzzer.fields["finder.find_help"] for v in values}
