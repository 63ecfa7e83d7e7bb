"""Shared benchmark helpers: run gunicorn on a free loopback port and measure throughput.

Load is generated on 127.0.0.1 only, bounded in time and count, and stops by itself.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess  # nosec B404
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], share: float) -> float:
    """The value at `share` (0 to 1) of the way through the sorted values (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(app_spec: str = "benchmarks.bench_wsgi:app", workers: int = 2) -> Iterator[str]:
    """Serve `app_spec` with gunicorn on 127.0.0.1; yield the base URL."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.setdefault("SECRET_KEY", secrets.token_hex(32))
    # Fixed arguments and no shell (bandit B603).
    proc = subprocess.Popen(  # nosec B603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            app_spec,
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def requests_per_second(
    base_url: str,
    path: str,
    seconds: float = 5.0,
    concurrency: int = 4,
    method: str = "GET",
    body: str | None = None,
    max_requests: int = 200_000,
    bodies: list[str] | None = None,
) -> float:
    """Keep-alive clients hammer one path for `seconds`; return completed requests per second.
    A POST sends `body`, or each of `bodies` in turn. Any answer but 200 stops the run."""
    host, port = base_url.removeprefix("http://").split(":")
    counts = [0] * concurrency
    stop = time.monotonic() + seconds
    headers = {"Accept-Encoding": "gzip"}
    posts = bodies or ([body] if body is not None else None)
    if posts is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"

    def worker(i: int) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        while time.monotonic() < stop and sum(counts) < max_requests:
            data = posts[(counts[i] + i) % len(posts)] if posts else None
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: {response.status}")
            counts[i] += 1
        conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.monotonic() - started)


def ratio_line(
    label: str, rps: float, baseline_label: str, baseline: float, target: float | None = None
) -> str:
    ratio = rps / baseline if baseline else 0.0
    line = f"{label}: {rps:,.0f} req/s; {baseline_label}: {baseline:,.0f} req/s; ratio {ratio:.2f}"
    if target is not None:
        line += f" ({'meets' if ratio >= target else 'BELOW'} target {target})"
    return line
