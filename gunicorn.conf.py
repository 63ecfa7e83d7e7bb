"""gunicorn settings for `make run` and production. Override with GUNICORN_CMD_ARGS or the
environment variables named here.

Failure and restarts:
- A worker that dies (killed, out of memory, a crash) is replaced by the master at once; only
  the request it was serving is lost (tests/test_failure_modes.py kills one mid-request).
- A worker silent for `timeout` seconds is killed and replaced (a hung request cannot hold a
  worker for ever); searches stop themselves after SEARCH_TIME_LIMIT, well inside it.
- Each worker is replaced after `max_requests` requests, with jitter so they do not all restart
  together (bounds any slow leak).
- Graceful reload: `kill -HUP <master>` starts new workers and lets the old ones finish their
  requests (up to `graceful_timeout`). The app is preloaded, so HUP keeps the content and code
  already loaded: to deploy new content or code, restart the service (or `kill -USR2` the
  master, then `kill -QUIT` the old master once the new one answers).
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 30
graceful_timeout = 20
max_requests = 5000
max_requests_jitter = 500
# Workers tell the master they are alive through a file: on tmpfs, so a slow disk cannot make
# healthy workers look hung.
# gunicorn's documented advice; each worker's file is made with mkstemp, mode 0600 (bandit B108).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # nosec B108
# Privacy: no access log by default. If one is turned on (ACCESS_LOG=-), it records the path
# only (%(U)s has no query string), never the client address, query or form data.
accesslog = os.environ.get("ACCESS_LOG") or None
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(L)ss'
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
# Content and templates are loaded once in the master, then shared by the workers; a content
# file that does not load stops the master before it listens.
preload_app = True
