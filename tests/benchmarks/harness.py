"""Shared set-up for the benchmarks: Django on a throwaway database, timing and peak memory.

Run a benchmark as a module, e.g. `python -m tests.benchmarks.bench_plan_import`. It uses a
fresh SQLite file, or a fresh PostgreSQL database when DATABASE_URL points at one.
"""

import os
import time
import tracemalloc
from contextlib import contextmanager


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django
    from django.conf import settings

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.DEBUG = False
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    return connection


def teardown_django(connection):
    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


@contextmanager
def timed(results: dict, name: str, *, memory: bool = False):
    if memory:
        tracemalloc.start()
    start = time.perf_counter()
    try:
        yield
    finally:
        results[name] = time.perf_counter() - start
        if memory:
            results[f"{name}_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()


def report(title: str, lines: list[str]):
    print(f"\n== {title} ==")
    for line in lines:
        print("  " + line)
