"""gunicorn settings for `make run`. Override with GUNICORN_CMD_ARGS or environment variables."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 30
# Privacy: no access log by default. If one is turned on (ACCESS_LOG=-), it records the path
# only (%(U)s has no query string), never the client address, query or form data.
accesslog = os.environ.get("ACCESS_LOG") or None
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(L)ss'
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
# Content and templates are loaded once in the master, then shared by the workers.
preload_app = True
