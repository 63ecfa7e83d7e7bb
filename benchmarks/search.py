"""Search benchmarks: index build time, query latency, and search throughput under gunicorn.

1. Index build time per language (today's content), into a temporary folder.
2. Query latency, in-process, over every query in tests/search/relevance*.yaml (pages, services
   and excerpts, as the results page needs them): p50 and p95, at today's content size and with
   the corpus multiplied ×10 by synthetic pages made from the real pages' sentences.
   Target: p95 under 20 ms at ×10.
3. Search-page throughput under gunicorn (POST /en/search) as a ratio to a content page.

Run: .venv/bin/python -m benchmarks.search [--factor 10] [--seconds 5] [--no-gunicorn]
Figures depend on the machine and on what else it is doing; the load average is printed.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from app import create_app
from app.content.store import ContentStore
from app.languages import LANGUAGES
from app.search.indexer import ensure_indexes
from app.search.searcher import SearchService
from benchmarks.harness import gunicorn, percentile, ratio_line, requests_per_second
from tests.search.relevance_cases import load_cases

TARGET_P95_MS = 20.0
CONTENT_PAGE = "/en/abuse/coercive-control"


def relevance_queries() -> dict[str, list[str]]:
    return {lang: [case["query"] for case in cases] for lang, cases in load_cases().items()}


def synthetic_store(store: ContentStore, factor: int, seed: int = 2026) -> ContentStore:
    """The store with (factor - 1) synthetic pages per real page, in every language: sentences,
    keywords and title words drawn at random from the real pages, so the word frequencies look
    like the site's own."""
    # Made-up benchmark text, nothing secret (bandit B311).
    rng = random.Random(seed)  # nosec B311
    pages: dict[str, dict] = {}
    for lang, real in store.pages.items():
        sentences = [s for p in real.values() for s in p.text.split(". ") if len(s) > 20]
        keywords = [k for p in real.values() for k in p.keywords]
        title_words = [w for p in real.values() for w in p.title.split()]
        extra = {}
        for page in real.values():
            for n in range(1, factor):
                text, length = [], 0
                while length < len(page.text):
                    sentence = rng.choice(sentences)
                    text.append(sentence)
                    length += len(sentence) + 2
                slug = f"{page.slug}-synthetic-{n}"
                extra[slug] = dataclasses.replace(
                    page,
                    slug=slug,
                    title=" ".join(rng.sample(title_words, 4)),
                    summary=rng.choice(sentences),
                    text=". ".join(text),
                    keywords=tuple(rng.sample(keywords, min(len(keywords), 12))),
                    is_index=False,
                    headings=(),
                )
        pages[lang] = {**real, **extra}
    return dataclasses.replace(store, pages=pages)


def measure_latency(service: SearchService, lang: str, queries: list[str], repeats: int = 3):
    for query in queries:  # warm up: open the index, fill the stemmer caches
        service.search(lang, query)
    timings = []
    for _ in range(repeats):
        for query in queries:
            started = time.perf_counter()
            service.search(lang, query)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def relevance(app) -> None:
    """Mean reciprocal rank and top-3 hit rate per language (the relevance test's figures)."""
    cases = load_cases()
    service = app.extensions["search"]
    print("== relevance (tests/search/relevance.yaml and relevance/)")
    for lang, lang_cases in cases.items():
        if lang not in LANGUAGES:
            continue
        ranks = []
        for case in lang_cases:
            slugs = [p.slug for p in service.search(lang, case["query"]).pages]
            ranks.append(slugs.index(case["expect"]) + 1 if case["expect"] in slugs else None)
        mrr = sum(1 / r for r in ranks if r) / len(ranks)
        top3 = sum(1 for r in ranks if r and r <= 3) / len(ranks)
        print(f"{lang}: {len(ranks)} queries, MRR {mrr:.3f}, top-3 hit rate {top3:.3f}")


def in_process(app, factor: int) -> None:
    store = app.extensions["content"]
    vocabulary = app.extensions["search"].vocabulary
    queries = relevance_queries()
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp, app.app_context():
        print("== index build time per language (today's content)")
        for report in ensure_indexes(store, Path(tmp) / "x1", LANGUAGES, force=True):
            print(f"{report.lang}: {report.documents} documents in {report.seconds:.2f} s")
        big = synthetic_store(store, factor)
        print(f"== index build time per language (×{factor} corpus)")
        for report in ensure_indexes(big, Path(tmp) / f"x{factor}", ["en"], force=True):
            print(f"{report.lang}: {report.documents} documents in {report.seconds:.2f} s")

        for label, corpus, folder in (
            ("today's content", store, "x1"),
            (f"×{factor} corpus", big, f"x{factor}"),
        ):
            print(f"== query latency in-process, {label} (relevance queries, 3 rounds)")
            # No result cache: each query is worked out every time (what a new search costs).
            service = SearchService(
                Path(tmp) / folder, corpus, vocabulary, app.extensions["links"], cache_size=0
            )
            for lang, lang_queries in queries.items():
                if lang not in LANGUAGES or not (Path(tmp) / folder / lang).exists():
                    continue
                timings = measure_latency(service, lang, lang_queries)
                p95 = percentile(timings, 0.95)
                verdict = ""
                if corpus is big:
                    verdict = (
                        f" ({'meets' if p95 < TARGET_P95_MS else 'ABOVE'} target "
                        f"p95 < {TARGET_P95_MS:.0f} ms)"
                    )
                print(
                    f"{lang}: {len(lang_queries)} queries, p50 {statistics.median(timings):.1f} "
                    f"ms, p95 {p95:.1f} ms, max {max(timings):.1f} ms{verdict}"
                )


def throughput(seconds: float) -> None:
    queries = relevance_queries()["en"][:5]
    with gunicorn() as base:
        requests_per_second(base, CONTENT_PAGE, seconds=1)  # warm up
        page = requests_per_second(base, CONTENT_PAGE, seconds=seconds)
        print(f"== search throughput under gunicorn (2 workers, 4 clients, {seconds:.0f} s)")
        rates = []
        for query in queries:
            body = urlencode({"q": query})
            rates.append(
                requests_per_second(
                    base, "/en/search", seconds=seconds / len(queries), method="POST", body=body
                )
            )
        search = statistics.mean(rates)
        # Reported, with no target: a search does real work on every request (nothing about a
        # query is kept), while content pages come from a memory cache.
        print(ratio_line("POST /en/search", search, CONTENT_PAGE, page))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--no-gunicorn", action="store_true")
    args = parser.parse_args()
    print(
        f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )
    with tempfile.TemporaryDirectory(prefix="search-bench-app-") as tmp:
        app = create_app({"SEARCH_INDEX_DIR": Path(tmp)})
        with app.test_request_context("/en/search"):
            relevance(app)
        in_process(app, args.factor)
    if not args.no_gunicorn:
        throughput(args.seconds)


if __name__ == "__main__":
    main()
