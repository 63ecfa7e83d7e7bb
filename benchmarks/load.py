"""Load: the site under gunicorn (production settings, 2×cores+1 workers) on 127.0.0.1, driven by
wrk with a realistic mix, at 10, 50 and 200 connections. Prints requests/s, p50/p99 latency and
errors for each level. Target: no errors at any level, p99 under 250 ms at 50 connections.

The mix (benchmarks/load.lua): 70% content pages in every language, 20% search posts with
real-world queries (tests/search/relevance*), 10% the directory with filters and the help
finder's answers. Each level is bounded in time and in requests. Needs Debian's `wrk`.

Run: .venv/bin/python -m benchmarks.load [seconds per level] [levels, e.g. 10,50,200]
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess  # nosec B404
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import yaml

from benchmarks.harness import ROOT, gunicorn

LUA = Path(__file__).with_name("load.lua")
MAX_REQUESTS_PER_LEVEL = 200_000
LEVELS = (10, 50, 200)


def lua_list(items: list[str]) -> str:
    return "{" + ",".join(json.dumps(item) for item in items) + "}"


def mix_data() -> str:
    """The paths and bodies of the mix, as a Lua chunk the load script loads."""
    from app import create_app
    from app.content.models import AREAS, TOPICS
    from app.languages import LANGUAGES

    app = create_app({"TESTING": True, "SEARCH_AUTO_BUILD": False})
    store = app.extensions["content"]
    pages = [app.extensions["links"].page(p) for lang in LANGUAGES for p in store.all_pages(lang)]
    searches = []
    for path in [
        ROOT / "tests/search/relevance.yaml",
        *(ROOT / "tests/search/relevance").glob("*"),
    ]:
        for lang, cases in yaml.safe_load(path.read_text()).items():
            searches += [f"/{lang}/search\t{urlencode({'q': c['query']})}" for c in cases]
    finder = app.extensions["guides"]
    directory = [f"/en/services?{urlencode({'area': a})}" for a in AREAS]
    directory += [f"/en/services?{urlencode({'topic': t, 'area': 'derby'})}" for t in TOPICS]
    directory += ["/en/services", "/en/services/open-now", "/pl/services?open_now=1"]
    answers = [
        f"/en/find-help\t{urlencode({'who': 'me', 'what': a.id, 'area': area, 'contact': 'phone'})}"
        for a in finder.answers
        for area in AREAS[:3]
    ]
    return "\n".join(
        [
            f"pages = {lua_list(pages)}",
            f"searches = {lua_list(searches)}",
            f"directory = {lua_list(directory)}",
            f"finder = {lua_list(answers)}",
        ]
    )


def run_level(base: str, connections: int, seconds: int, data_file: Path) -> dict:
    threads = min(2, connections)
    # Fixed arguments and no shell (bandit B603).
    result = subprocess.run(  # nosec B603
        [
            shutil.which("wrk") or "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            base,
            "--",
            str(data_file),
            str(MAX_REQUESTS_PER_LEVEL // threads),
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    levels = [int(n) for n in sys.argv[2].split(",")] if len(sys.argv) > 2 else LEVELS
    workers = multiprocessing.cpu_count() * 2 + 1
    with tempfile.TemporaryDirectory() as tmp:
        data_file = Path(tmp) / "mix.lua"
        data_file.write_text(mix_data())
        with gunicorn("wsgi:app", workers=workers) as base:
            run_level(base, 10, 3, data_file)  # warm up: page cache, index readers
            print(
                f"== load under gunicorn ({workers} sync workers, {os.cpu_count()} cores), "
                f"wrk mix 70% pages / 20% search posts / 10% directory+finder, {seconds} s a level"
            )
            print(f"{'connections':>11} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}")
            for connections in levels:
                r = run_level(base, connections, seconds, data_file)
                errors = r["connect"] + r["read"] + r["write"] + r["timeout"] + r["status"]
                print(
                    f"{connections:>11} {r['requests'] / r['seconds']:>8.0f} "
                    f"{r['p50_us'] / 1000:>7.1f} {r['p99_us'] / 1000:>7.1f} {errors:>6}"
                    + (f"  ({r})" if errors else "")
                )
                if connections == 50:
                    ok = errors == 0 and r["p99_us"] < 250_000
                    print(
                        f"{'':>11} target at 50 (p99 < 250 ms, no errors): "
                        + ("met" if ok else "NOT met")
                    )


if __name__ == "__main__":
    main()
