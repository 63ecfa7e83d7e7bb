"""The site seen from outside: SITE_URL and trusted hosts, canonical and hreflang links, the
sitemap, robots.txt, security.txt, the favicon, the SECRET_KEY rule, and each item of
Lighthouse's SEO audit checked by hand (title, description, lang, viewport, status, crawlable
links, descriptive link text, hreflang, canonical, robots.txt)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from app import create_app
from app.config import ConfigError
from app.languages import LANGUAGES
from tests.conftest import page_path

ROOT = Path(__file__).resolve().parents[1]
SITE = "https://help.example.org"
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}
# BCP 47 language codes as Lighthouse's hreflang audit accepts them, plus x-default.
HREFLANG = re.compile(r"^(x-default|[a-z]{2,3}(-[A-Za-z]{2,4})?)$")


@pytest.fixture(scope="module")
def site_app(tmp_path_factory):
    """An app configured as in production: SITE_URL set (so other hosts are refused)."""
    database = tmp_path_factory.mktemp("site-db") / "site.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", SITE)
        patch.setenv("SECRET_KEY", "test-only-key")
        patch.setenv("SECURITY_TXT_EXPIRES", "2027-03-31T00:00:00Z")
        patch.setenv("SECURITY_CONTACT", "mailto:security@help.example.org")
        patch.setenv("DATABASE_URL", f"sqlite:///{database}")
        return create_app()


@pytest.fixture
def site(site_app):
    return site_app.test_client()


def get(client, path, **kwargs):
    return client.get(path, base_url=SITE, **kwargs)


def head_links(response) -> tuple[list[str], dict[str, str]]:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    canonical = [link["href"] for link in soup.select('link[rel="canonical"]')]
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"]')}
    return canonical, alternates


# ------------------------------------------------------------------ hosts


def test_an_unknown_host_gets_a_400_page_with_the_safety_shell(site, get_page):
    response = site.get("/en/", headers={"Host": "evil.example"})
    assert response.status_code == 400
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.h1.get_text() == "Sorry, we could not understand that request"
    assert soup.select_one('.emergency-strip a[href="tel:999"]') is not None
    assert "evil.example" not in response.get_data(as_text=True)
    assert response.headers["Content-Security-Policy"]


def test_an_unknown_host_behind_a_proxy_is_refused_too(monkeypatch):
    monkeypatch.setenv("SITE_URL", SITE)
    monkeypatch.setenv("TRUST_PROXY", "1")
    client = create_app({"TESTING": True}).test_client()
    response = client.get("/en/", base_url=SITE, headers={"X-Forwarded-Host": "evil.example"})
    assert response.status_code == 400
    assert client.get("/en/", base_url=SITE).status_code == 200


def test_the_site_host_and_extra_trusted_hosts_are_served(monkeypatch):
    monkeypatch.setenv("SITE_URL", SITE)
    monkeypatch.setenv("TRUSTED_HOSTS", "127.0.0.1, localhost")
    client = create_app({"TESTING": True}).test_client()
    assert client.get("/en/", base_url=SITE).status_code == 200
    assert client.get("/en/", base_url="http://127.0.0.1:8000").status_code == 200
    assert client.get("/en/", base_url="http://elsewhere.example").status_code == 400


@pytest.mark.parametrize("host", ["a" * 300, "bad host", "x.example:99999", "<script>"])
def test_a_malformed_host_header_gets_a_400_page_not_a_500(client, host):
    response = client.get("/en/", headers={"Host": host})
    assert response.status_code in (200, 400)
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and "<script>" not in body
    assert 'href="tel:999"' in body


def test_absolute_links_come_from_site_url_never_from_the_host_header(client):
    response = client.get("/en/abuse/stalking", headers={"Host": "evil.example"})
    canonical, alternates = head_links(response)
    assert canonical == ["http://127.0.0.1:8000/en/abuse/stalking"]
    assert "evil.example" not in response.get_data(as_text=True)
    assert all(url.startswith("http://127.0.0.1:8000/") for url in alternates.values())


@pytest.mark.parametrize("value", ["example.org", "ftp://example.org", "https://x.org/path"])
def test_a_malformed_site_url_stops_start_up(monkeypatch, value):
    monkeypatch.setenv("SITE_URL", value)
    with pytest.raises(ConfigError, match="SITE_URL"):
        create_app({"TESTING": True})


# ------------------------------------------------------------------ secret key


def test_the_site_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("INSTANCE_DIR", str(tmp_path))  # no local key file either
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        create_app()


def test_the_local_key_that_make_writes_is_used(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("INSTANCE_DIR", str(tmp_path))
    (tmp_path / "secret_key").write_text("from-the-local-file\n", encoding="utf-8")
    assert create_app().config["SECRET_KEY"] == "from-the-local-file"


def test_tests_and_debug_run_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("INSTANCE_DIR", str(tmp_path))  # no local key file either
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'site.db'}")
    first = create_app({"DEBUG": True}).config["SECRET_KEY"]
    second = create_app({"TESTING": True}).config["SECRET_KEY"]
    assert len(first) >= 32 and len(second) >= 32 and first != second


def test_a_secret_key_from_the_environment_is_used(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("INSTANCE_DIR", str(tmp_path))
    (tmp_path / "secret_key").write_text("from-the-local-file\n", encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'site.db'}")
    assert create_app().config["SECRET_KEY"] == "from-the-environment"


# ------------------------------------------------------------------ canonical and hreflang


def test_a_translated_page_names_every_language_and_x_default(site):
    response = get(site, "/pl/abuse/coercive-control")
    canonical, alternates = head_links(response)
    assert canonical == [f"{SITE}/pl/abuse/coercive-control"]
    expected = {code: f"{SITE}/{code}/abuse/coercive-control" for code in LANGUAGES}
    assert alternates == {**expected, "x-default": f"{SITE}/en/abuse/coercive-control"}


def test_an_untranslated_page_points_to_the_english_page(tmp_path):
    """Every page is translated today, so a copy of the content loses the Polish stalking page."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "pl" / "abuse" / "stalking.md").unlink()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", SITE)
        patch.setenv("SECRET_KEY", "test-only-key")
        patch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'site.db'}")
        app = create_app(
            {
                "CONTENT_DIR": content,
                "SEARCH_INDEX_DIR": tmp_path / "index",
                "SEARCH_AUTO_BUILD": False,
            }
        )
    response = get(app.test_client(), "/pl/abuse/stalking")
    assert response.status_code == 200
    canonical, alternates = head_links(response)
    assert canonical == [f"{SITE}/en/abuse/stalking"]
    assert set(alternates) == {"en", "pa", "ur", "sk", "ro", "ckb", "x-default"}
    assert alternates["ur"] == f"{SITE}/ur/abuse/stalking"


def test_error_pages_and_form_answers_have_no_canonical_link(site):
    assert head_links(get(site, "/en/no-such-page/")) == ([], {})
    response = site.post("/en/search", base_url=SITE, data={"q": "stalking"})
    assert head_links(response) == ([], {})


def test_search_words_never_reach_the_canonical_link(site):
    canonical, _ = head_links(get(site, "/en/search?q=secretword"))
    assert canonical == [f"{SITE}/en/search"]


# ------------------------------------------------------------------ sitemap and robots


@pytest.fixture(scope="module")
def sitemap(site_app):
    response = site_app.test_client().get("/sitemap.xml", base_url=SITE)
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    return ET.fromstring(response.data)


def test_the_sitemap_lists_every_page_in_every_language_it_is_written_in(sitemap, store):
    listed = {loc.text for loc in sitemap.findall("s:url/s:loc", SITEMAP_NS)}
    pages = 0
    for lang in LANGUAGES:
        for page in store.all_pages(lang):
            url = SITE + page_path(page)
            assert (url in listed) != page.is_fallback, url
            pages += 1
    assert pages > 6 * 50
    for key in store.services:
        for lang in LANGUAGES:
            assert f"{SITE}/{lang}/services/{key}" in listed
    for path in ("services", "services/open-now", "find-help", "is-this-abuse"):
        assert f"{SITE}/pl/{path}" in listed
    assert not [url for url in listed if "/search" in url or "/feedback" in url]


def test_sitemap_urls_answer_200_and_name_their_alternates(sitemap, site):
    entries = sitemap.findall("s:url", SITEMAP_NS)
    assert len(entries) > 500
    for entry in entries[::37]:  # a spread of them; every one would take a minute
        url = entry.find("s:loc", SITEMAP_NS).text
        assert get(site, urlsplit(url).path).status_code == 200, url
        alternates = {
            link.get("hreflang"): link.get("href") for link in entry.findall("x:link", SITEMAP_NS)
        }
        if alternates:
            assert url in alternates.values()
            assert alternates["x-default"] == alternates["en"]
            assert all(HREFLANG.match(code) for code in alternates)


def test_robots_txt_allows_pages_and_points_to_the_sitemap(site):
    response = get(site, "/robots.txt")
    assert response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "User-agent: *"
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert "Disallow: /" not in lines  # pages stay crawlable
    for line in lines:  # every line is a directive Lighthouse's robots-txt audit knows
        assert re.match(r"^(User-agent|Allow|Disallow|Sitemap): \S+$", line), line


# ------------------------------------------------------------------ security.txt and favicon


def test_security_txt_follows_rfc_9116(site):
    response = get(site, "/.well-known/security.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain" and response.mimetype_params["charset"] == "utf-8"
    fields = dict(line.split(": ", 1) for line in response.get_data(as_text=True).splitlines())
    assert fields["Contact"] == "mailto:security@help.example.org"
    assert fields["Expires"] == "2027-03-31T00:00:00Z"
    assert fields["Canonical"] == f"{SITE}/.well-known/security.txt"
    assert "Set-Cookie" not in response.headers


def test_security_txt_defaults_to_the_sites_own_form_and_a_future_expiry(client):
    text = client.get("/.well-known/security.txt").get_data(as_text=True)
    fields = dict(line.split(": ", 1) for line in text.splitlines())
    contact = urlsplit(fields["Contact"])
    assert client.get(contact.path).status_code == 200
    expires = dt.datetime.fromisoformat(fields["Expires"])
    days = (expires - dt.datetime.now(dt.UTC)).days
    assert 30 < days < 365  # RFC 9116: less than a year ahead


def test_a_malformed_security_txt_expiry_stops_start_up(monkeypatch):
    monkeypatch.setenv("SECURITY_TXT_EXPIRES", "next spring")
    with pytest.raises(ConfigError, match="SECURITY_TXT_EXPIRES"):
        create_app({"TESTING": True})


def test_the_favicon_is_a_tiny_icon_served_from_this_site(client, get_page):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.mimetype == "image/vnd.microsoft.icon"
    assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO header
    assert len(response.data) < 1024
    assert "max-age" in response.headers["Cache-Control"]
    icon = get_page("/en/").select_one('link[rel="icon"]')["href"]
    assert icon.startswith("/static/favicon.ico?v=")
    assert client.get(icon).data == response.data


# ------------------------------------------------------------------ Lighthouse's SEO audit items


def seo_pages(store):
    yield "/en/"
    yield "/en/abuse/coercive-control"
    yield "/ur/help/get-help-now"
    yield "/en/services"
    yield "/en/find-help"
    yield page_path(next(p for p in store.all_pages("sk") if not p.is_index))


def test_content_pages_pass_each_lighthouse_seo_check(site, store):
    for path in seo_pages(store):
        response = get(site, path)
        assert response.status_code == 200, path  # http-status-code
        assert "noindex" not in response.headers.get("X-Robots-Tag", "")
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        assert soup.title.get_text().strip(), path  # document-title
        description = soup.select_one('meta[name="description"]')  # meta-description
        assert description is not None and description["content"].strip(), path
        assert soup.html["lang"] in LANGUAGES  # html-has-lang
        viewport = soup.select_one('meta[name="viewport"]')["content"]  # viewport
        assert "width=device-width" in viewport and "user-scalable=no" not in viewport
        robots = [m["content"] for m in soup.select('meta[name="robots"]')]  # is-crawlable
        assert not [r for r in robots if "noindex" in r or "none" in r], path
        canonical = soup.select('link[rel="canonical"]')  # canonical
        assert len(canonical) == 1 and canonical[0]["href"].startswith(SITE + "/")
        for link in soup.select('link[rel="alternate"]'):  # hreflang
            assert HREFLANG.match(link["hreflang"]) and link["href"].startswith(SITE + "/")
        for a in soup.select("a"):  # crawlable-anchors and link-text
            href = a.get("href", "")
            assert href and not href.lower().startswith("javascript:"), a
            text = " ".join(a.get_text().split()).lower()
            assert text and text not in {"click here", "here", "more", "read more", "link"}, a


def test_open_data_links_come_from_site_url_not_the_first_requests_host(site_app):
    client = site_app.test_client()
    assert client.get("/api/oruk/services", headers={"Host": "evil.example"}).status_code == 400
    data = client.get("/api/oruk/services?per_page=100", base_url=SITE).get_json()
    urls = [s["url"] for s in data["contents"] if s.get("url", "").startswith(SITE)]
    assert urls, "services without a website link to their page on this site"
    assert all(url.startswith(f"{SITE}/en/services/") for url in urls)


@pytest.mark.parametrize("host", ["evil.example", "localhost:5000"])
def test_routing_redirects_never_send_readers_to_the_host_header(client, host):
    # Found by the fuzz suite: `//feedback` redirected to http://<Host header>/feedback.
    response = client.get("/en//abuse/", headers={"Host": host})
    assert response.status_code == 308
    assert response.headers["Location"].startswith("/")
    assert host not in response.headers["Location"]
