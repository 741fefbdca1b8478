"""Benchmark: 8 registrars (OS processes, one connection each) filing 500 cases each at the same moment.

Runs on PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ordna_bench_records;
a throwaway test_ database is created and dropped). Reports cases per second and proves that the
numbers of the year are exactly 1..4000: zero duplicates, zero gaps. Three rounds, each on its own
series: 8 workers with the register alone, 1 worker alone (the baseline), and 8 workers with the
other apps' receivers (search indexing, retention dates) running on commit as installed.

Gap-free numbering holds the counter row's lock until the case's transaction commits, so
registrations serialise on that row; throughput is bounded by the commit latency (WAL flush)
rather than by the number of registrars.

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


def _worker(index: int, cases: int, series_code: str, with_receivers: bool, barrier, results):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django

    django.setup()
    from classification.models import Node
    from records.models import NumberSeries
    from records.register import services, signals

    if not with_receivers:
        # The register alone: other apps' reactions (search indexing, retention dates) switched off.
        signals.send_case_changed = lambda case_id, change: None
    process = Node.objects.get(code=PROCESS_CODES[index % len(PROCESS_CODES)])
    series = NumberSeries.objects.get(code=series_code)
    barrier.wait()
    started = time.perf_counter()
    for n in range(cases):
        services.register_case(process=process, title=f"Registrator {index}, ärende {n}", user=None, series=series)
    results.put((index, time.perf_counter() - started))


def run_round(workers: int, cases: int, series_code: str, with_receivers: bool) -> tuple[bool, list[str]]:
    from django.db import connection
    from django.db.models import Count

    from records.models import Case, NumberSeries, SeriesCounter

    series = NumberSeries.objects.create(code=series_code, name=series_code, pattern=series_code + " {year}/{serial}")
    connection.close()
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(workers + 1)
    results = context.Queue()
    processes = [
        context.Process(target=_worker, args=(i, cases, series_code, with_receivers, barrier, results))
        for i in range(workers)
    ]
    for process in processes:
        process.start()
    barrier.wait()
    started = time.perf_counter()
    per_worker = [results.get() for _ in processes]
    elapsed = time.perf_counter() - started
    for process in processes:
        process.join()
    failed = [p.exitcode for p in processes if p.exitcode != 0]

    expected = workers * cases
    cases_qs = Case.objects.filter(series=series)
    serials = list(cases_qs.order_by("serial").values_list("serial", flat=True))
    duplicates = cases_qs.values("year", "serial").annotate(n=Count("id")).filter(n__gt=1).count()
    missing = sorted(set(range(1, expected + 1)) - set(serials))
    counter = SeriesCounter.objects.get(series=series)
    unique_refs = cases_qs.values("reference").distinct().count() == len(serials)
    ok = (
        not failed
        and duplicates == 0
        and not missing
        and unique_refs
        and len(serials) == expected == counter.last_serial
    )
    label = "with the installed receivers (search, retention) on commit" if with_receivers else "the register alone"
    label = f"{workers} workers, {label}"
    lines = [
        f"-- {label}",
        f"   registered: {len(serials)} cases in {elapsed:.2f} s = {len(serials) / elapsed:.0f} cases/s",
        "   per worker: " + ", ".join(f"{t:.1f} s" for _i, t in sorted(per_worker)),
        f"   duplicate numbers: {duplicates}; missing numbers: {len(missing)}"
        + (f" (first {missing[:10]})" if missing else "")
        + f"; highest: {max(serials) if serials else 0}; "
        f"counter: {counter.last_serial}; references unique: {unique_refs}",
        "   " + ("OK – gap-free and unique" if ok else f"FAILED (worker exit codes {failed})"),
    ]
    return ok, lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--register-only", action="store_true", help="skip the round with other apps' receivers")
    args = parser.parse_args(argv)
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    connection = setup_django()
    if connection.vendor != "postgresql":
        print("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://...", file=sys.stderr)
        teardown_django(connection)
        return 2
    try:
        from django.conf import settings

        from classification.importing.apply import import_plan
        from classification.importing.files import read_plan_file

        import_plan(read_plan_file(settings.BASE_DIR / "fixtures" / "classification_plan.csv"))
        # The children connect to the test database this process just created.
        test_db = connection.settings_dict["NAME"]
        os.environ["DATABASE_URL"] = f"{os.environ['DATABASE_URL'].rsplit('/', 1)[0]}/{test_db}"

        lines = [f"{args.workers} OS processes × {args.cases} cases, one connection each, PostgreSQL, all at once"]
        ok, round_lines = run_round(args.workers, args.cases, "ALONE", with_receivers=False)
        lines += round_lines
        # Baseline in the same run: one registrar alone, no contention on the counter row.
        ok_single, round_lines = run_round(1, args.cases, "SINGLE", with_receivers=False)
        ok &= ok_single
        lines += [
            line.replace("1 workers, the register alone", "baseline: 1 worker, the register alone")
            for line in round_lines
        ]
        if not args.register_only:
            ok_full, round_lines = run_round(args.workers, args.cases, "FULL", with_receivers=True)
            ok &= ok_full
            lines += round_lines
        lines.append("RESULT: " + ("OK" if ok else "FAILED"))
        report("Reference numbers under concurrent registration", lines)
        return 0 if ok else 1
    finally:
        from django.db import connection as conn

        conn.close()
        teardown_django(conn)


if __name__ == "__main__":
    sys.exit(main())
