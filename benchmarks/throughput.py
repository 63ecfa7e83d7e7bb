"""Throughput: a content page under gunicorn, as a ratio to a bare "hello" endpoint served by
the same gunicorn in the same run. Target ratio: at least 0.8.
Run: .venv/bin/python -m benchmarks.throughput [seconds]
"""

from __future__ import annotations

import sys

from benchmarks.harness import gunicorn, ratio_line, requests_per_second

PAGES = ["/en/", "/en/abuse/coercive-control", "/en/help/get-help-now"]


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    with gunicorn() as base:
        requests_per_second(base, "/__hello", seconds=1)  # warm up
        hello = requests_per_second(base, "/__hello", seconds=seconds)
        print(
            f"== throughput under gunicorn (2 workers, 4 keep-alive clients, {seconds:.0f} s each)"
        )
        for path in PAGES:
            rps = requests_per_second(base, path, seconds=seconds)
            print(ratio_line(path, rps, "/__hello", hello, 0.8))


if __name__ == "__main__":
    main()
