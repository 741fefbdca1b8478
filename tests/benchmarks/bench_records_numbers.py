"""Benchmark: 8 registrars (OS processes, one connection each) filing 500 cases each at the same moment.

Runs on PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ordna_bench_records;
a throwaway test_ database is created and dropped). Reports cases per second and proves that the
numbers of the year are exactly 1..4000: zero duplicates, zero gaps.

    .venv/bin/python -m tests.benchmarks.bench_records_numbers [--workers 8] [--cases 500]
"""

import argparse
import multiprocessing
import os
import sys
import time

from .harness import report, setup_django, teardown_django

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ordna_bench_records"
PROCESS_CODES = ["2.9.1", "2.9.2", "2.9.3", "2.5.1", "2.5.2", "1.8", "1.9", "2.4.3"]


def _worker(index: int, cases: int, barrier, results):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django

    django.setup()
    from classification.models import Node
    from records import services

    process = Node.objects.get(code=PROCESS_CODES[index % len(PROCESS_CODES)])
    barrier.wait()
    started = time.perf_counter()
    for n in range(cases):
        services.register_case(process=process, title=f"Registrator {index}, ärende {n}", user=None)
    results.put((index, time.perf_counter() - started))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--cases", type=int, default=500)
    args = parser.parse_args(argv)
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    connection = setup_django()
    if connection.vendor != "postgresql":
        print("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://...", file=sys.stderr)
        teardown_django(connection)
        return 2
    try:
        from classification.importing.apply import import_plan
        from classification.importing.files import read_plan_file
        from django.conf import settings

        import_plan(read_plan_file(settings.BASE_DIR / "fixtures" / "classification_plan.csv"))
        # The children connect to the test database this process just created.
        test_db = connection.settings_dict["NAME"]
        base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        os.environ["DATABASE_URL"] = f"{base}/{test_db}"
        connection.close()

        context = multiprocessing.get_context("spawn")
        barrier = context.Barrier(args.workers + 1)
        results = context.Queue()
        workers = [context.Process(target=_worker, args=(i, args.cases, barrier, results)) for i in range(args.workers)]
        for worker in workers:
            worker.start()
        barrier.wait()
        started = time.perf_counter()
        per_worker = [results.get() for _ in workers]
        elapsed = time.perf_counter() - started
        for worker in workers:
            worker.join()
        failed = [w.exitcode for w in workers if w.exitcode != 0]

        from django.db.models import Count

        from records.models import Case, SeriesCounter

        expected = args.workers * args.cases
        serials = list(Case.objects.order_by("serial").values_list("serial", flat=True))
        duplicates = Case.objects.values("series", "year", "serial").annotate(n=Count("id")).filter(n__gt=1).count()
        missing = sorted(set(range(1, expected + 1)) - set(serials))
        counter = SeriesCounter.objects.get()
        lines = [
            f"workers: {args.workers} OS processes, {args.cases} cases each, one connection each, PostgreSQL",
            f"registered: {len(serials)} cases in {elapsed:.2f} s = {len(serials) / elapsed:.0f} cases/s",
            "per worker: " + ", ".join(f"{t:.2f} s" for _i, t in sorted(per_worker)),
            f"duplicate numbers: {duplicates}",
            f"missing numbers: {len(missing)}" + (f" (first {missing[:10]})" if missing else ""),
            f"highest number: {max(serials) if serials else 0}, counter: {counter.last_serial}",
            f"references unique: {Case.objects.values('reference').distinct().count() == len(serials)}",
        ]
        ok = not failed and duplicates == 0 and not missing and len(serials) == expected == counter.last_serial
        lines.append("RESULT: " + ("OK – gap-free and unique" if ok else f"FAILED (worker exit codes {failed})"))
        report("Reference numbers under concurrent registration", lines)
        return 0 if ok else 1
    finally:
        from django.db import connection as conn

        conn.close()
        teardown_django(conn)


if __name__ == "__main__":
    sys.exit(main())
