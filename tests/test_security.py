"""Privacy and security: headers on every response, no cookies, no caching of pages."""

from __future__ import annotations

import gzip

import pytest

PAGES = ["/en/", "/en/abuse/", "/en/help/get-help-now", "/en/does-not-exist", "/xx/"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_set_no_cookie_and_are_not_cached(client, path):
    response = client.get(path)
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", PAGES)
def test_security_headers(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "script-src 'self'",
        "style-src 'self'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in headers  # only over HTTPS


def test_hsts_over_https(client):
    response = client.get("/en/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_static_files_are_cached_long_with_a_content_hash(client, get_page):
    soup = get_page("/en/")
    css = soup.select_one('link[rel="stylesheet"]')["href"]
    js = soup.select_one("script[src]")["src"]
    for url in (css, js):
        assert "?v=" in url
        response = client.get(url)
        assert response.status_code == 200
        assert "immutable" in response.headers["Cache-Control"]
        assert "Set-Cookie" not in response.headers


def test_pages_are_compressed_when_the_client_accepts_it(client):
    response = client.get("/en/help/get-help-now", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.data).decode()
    assert "<h1>" in html


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_stylesheet_and_script_are_compressed_when_accepted(client, get_page, encoding):
    soup = get_page("/en/")
    for url in (
        soup.select_one('link[rel="stylesheet"]')["href"],
        soup.select_one("script")["src"],
    ):
        response = client.get(url, headers={"Accept-Encoding": encoding})
        assert response.headers["Content-Encoding"] == encoding
        plain = client.get(url).data
        assert len(response.data) < len(plain) / 2
        if encoding == "gzip":
            assert gzip.decompress(response.data) == plain


def test_pages_are_brotli_compressed_when_accepted(client):
    response = client.get("/en/help/get-help-now", headers={"Accept-Encoding": "br, gzip"})
    assert response.headers["Content-Encoding"] == "br"


def test_no_third_party_resources(app, get_page, store):
    from tests.conftest import page_path

    for page in store.all_pages("en"):
        soup = get_page(page_path(page))
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in soup.select(f"{tag}[{attr}]"):
                value = element[attr]
                if tag == "link" and element.get("rel") in (["alternate"], ["canonical"]):
                    # Links, not loaded: absolute, to this site's own address.
                    assert value.startswith(app.config["SITE_URL"] + "/"), value
                    continue
                assert value.startswith(("/", "data:")), value
