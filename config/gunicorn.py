"""gunicorn settings: a few worker processes with a few threads each, every thread with at most one
database connection, so a server of any size is never asked for more than workers x threads connections.

    python -m gunicorn -c python:config.gunicorn        (what `python3 tasks.py serve` runs)
"""

import gc

from django.db import connections

from config.env import envint, envstr

wsgi_app = "config.wsgi:application"
bind = [envstr("ORDNA_BIND", "127.0.0.1:8000")]
# Two cores here: three processes keep both busy while one waits on the database or a file.
workers = envint("WEB_CONCURRENCY", 3, minimum=1)
worker_class = "gthread"
threads = envint("ORDNA_WEB_THREADS", 4, minimum=1)
timeout = envint("ORDNA_WEB_TIMEOUT", 120, minimum=10)  # exports and disposal certificates take a while
graceful_timeout = 30
# Load Django once in the master: workers start fast and share its memory until they write to it.
preload_app = True
# A worker is replaced now and then, so that nothing it accumulates lives for ever.
max_requests = envint("ORDNA_WEB_MAX_REQUESTS", 2000, minimum=0)
max_requests_jitter = max_requests // 10
accesslog = envstr("ORDNA_WEB_ACCESS_LOG")  # off unless a file (or - for the console) is named
loglevel = envstr("ORDNA_WEB_LOG_LEVEL", "info")

# Full garbage collections walked every object Django and Wagtail loaded at start-up, pausing a request
# for ~190 ms every ~10 requests. Objects alive once start-up is over are frozen out of collection, and
# the oldest generation is collected less often.
GC_THRESHOLDS = (50_000, 20, 100)


def when_ready(server):
    """In the master, after the application is loaded and before any worker is forked."""
    gc.freeze()


def post_fork(server, worker):
    """In each worker: no database connection is inherited from the master, and start-up stays frozen."""
    connections.close_all()
    gc.set_threshold(*GC_THRESHOLDS)
    gc.freeze()
