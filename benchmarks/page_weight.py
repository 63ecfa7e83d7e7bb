"""Page weight: bytes transferred and requests for a first visit (empty cache) to every page.

Target: under 30 KB and under 5 requests. Sizes are what goes over the wire with the
compression a browser asks for (brotli, else gzip), including headers' absence (body only).
Run: .venv/bin/python -m benchmarks.page_weight
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from app import create_app
from app.languages import LANGUAGES

TARGET_BYTES = 30 * 1024
TARGET_REQUESTS = 5
ENCODINGS = {"br": "br, gzip", "gzip": "gzip"}


def subresources(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    urls = [
        link["href"]
        for link in soup.select('link[rel~="stylesheet"][href], link[rel~="icon"][href]')
    ]
    urls += [el["src"] for el in soup.select("script[src], img[src]")]
    return [u for u in urls if not u.startswith("data:")]


def main() -> None:
    app = create_app()
    client = app.test_client()
    store = app.extensions["content"]
    paths = [app.extensions["links"].page(p) for lang in LANGUAGES for p in store.all_pages(lang)]
    for encoding, accept in ENCODINGS.items():
        rows = []
        for path in paths:
            page = client.get(path, headers={"Accept-Encoding": accept})
            html = client.get(path).get_data(as_text=True)
            total, requests = len(page.data), 1
            for url in subresources(html):
                total += len(client.get(url, headers={"Accept-Encoding": accept}).data)
                requests += 1
            rows.append((total, requests, path))
        rows.sort(reverse=True)
        over = [r for r in rows if r[0] >= TARGET_BYTES or r[1] >= TARGET_REQUESTS]
        sizes = [r[0] for r in rows]
        print(f"== first visit, {encoding} ({len(rows)} pages)")
        print(f"heaviest: {rows[0][0] / 1024:.1f} KB in {rows[0][1]} requests ({rows[0][2]})")
        print(
            f"median:   {sorted(sizes)[len(sizes) // 2] / 1024:.1f} KB; "
            f"lightest: {rows[-1][0] / 1024:.1f} KB ({rows[-1][2]})"
        )
        print(f"requests per page: {max(r[1] for r in rows)} at most")
        print(f"pages at or over target (30 KB / 5 requests): {len(over)}")
        for total, requests, path in over[:10]:
            print(f"  {total / 1024:.1f} KB, {requests} requests: {path}")


if __name__ == "__main__":
    main()
