"""Benchmark: the register at 100,000 cases – constant queries for the case lists, one query for the tree's counts.

Measures the admin case list (as a registrar and as a reader, who gets per-row masking), the API
list page and the admin classification tree at 1,000 and at 100,000 cases, counting queries with
CaptureQueriesContext; then times the subtree counts for the whole plan in one query against the
naive baseline of one COUNT per node, in the same run.

    .venv/bin/python -m tests.benchmarks.bench_records_scale [--cases 100000]

PostgreSQL by default (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ordna_bench_records).
"""

import argparse
import datetime
import os
import random
import sys
import time

from .harness import report, setup_django, teardown_django

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ordna_bench_records"


def add_cases(count: int, first_serial: int, rnd: random.Random):
    """Bulk rows straight into the table: this measures reading, not registering."""
    from django.contrib.auth import get_user_model

    from classification.models import Node
    from records.models import Case, SeriesCounter
    from records.register.services.numbering import register_series

    series = register_series()
    processes = list(Node.objects.processes().values_list("id", flat=True))
    officers = list(get_user_model().objects.filter(username__startswith="officer").values_list("id", flat=True))
    start = datetime.date(2026, 1, 1)
    rows = []
    for serial in range(first_serial, first_serial + count):
        secret = serial % 7 == 0
        rows.append(
            Case(
                series=series,
                year=2026,
                serial=serial,
                reference=f"BOP 2026/{serial}",
                process_id=rnd.choice(processes),
                title=f"Ärende nummer {serial}",
                description="Benchmark",
                status=rnd.choice(["open", "closed", "open"]),
                opened_on=start + datetime.timedelta(days=serial % 330),
                responsible_id=rnd.choice(officers + [None]),
                legal_ground="OSL 26 kap. 1 §" if secret else "",
                public_title="Ärende enligt OSL" if secret else "",
            )
        )
        if len(rows) == 10_000:
            Case.objects.bulk_create(rows)
            rows = []
    Case.objects.bulk_create(rows)
    SeriesCounter.objects.update_or_create(series=series, year=2026, defaults={"last_serial": first_serial + count - 1})


def measure(client, url: str, repeat: int = 3):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm caches (session, permissions)
    assert response.status_code == 200, (url, response.status_code)
    best, queries = None, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        assert response.status_code == 200
        best = elapsed if best is None else min(best, elapsed)
        queries = len(captured)
    return queries, best


def best_of(function, repeat: int = 5):
    best, result = None, None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def main(argv=None):  # noqa: PLR0915 - one linear script: build, measure, report
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000)
    args = parser.parse_args(argv)
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    setup_django()
    try:
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.db import connection as db
        from django.db.models import Count
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from classification.importing.apply import import_plan
        from classification.importing.files import read_plan_file
        from classification.models import Node
        from records.models import Case
        from records.register.selectors import case_counts_by_node, in_subtree

        import_plan(read_plan_file(settings.BASE_DIR / "fixtures" / "classification_plan.csv"))
        User = get_user_model()
        for n in range(5):
            User.objects.create(username=f"officer{n}", first_name=f"Handläggare {n}", is_staff=True)
        registrar = User.objects.create(username="registrar", is_staff=True)
        registrar.groups.add(Group.objects.get(name="Registrator"))
        reader = User.objects.create(username="reader", is_staff=True)
        reader.groups.add(Group.objects.get(name="Läsare"))
        superuser = User.objects.create(username="root", is_staff=True, is_superuser=True)
        clients = {}
        for name, user in (("registrar", registrar), ("reader", reader), ("superuser", superuser)):
            clients[name] = Client()
            clients[name].force_login(user)

        pages = [
            ("admin case list (registrar)", "registrar", "/admin/records/case/"),
            ("admin case list (reader, masked)", "reader", "/admin/records/case/"),
            ("admin case list, filter process 2 + status", "registrar", "/admin/records/case/?process=2&status=open"),
            ("admin case list, search", "reader", "/admin/records/case/?q=nummer+12"),
            ("API list page (registrar)", "registrar", "/api/v1/records/"),
            ("API list page (reader, masked)", "reader", "/api/v1/records/?process=2"),
            ("admin classification tree with counts", "superuser", "/admin/classification/node/?all="),
        ]
        rnd = random.Random(1)
        add_cases(args.small, 1, rnd)
        small = {label: measure(clients[who], url) for label, who, url in pages}
        started = time.perf_counter()
        add_cases(args.cases - args.small, args.small + 1, rnd)
        load_time = time.perf_counter() - started
        if db.vendor == "postgresql":
            with db.cursor() as cursor:
                cursor.execute("ANALYZE")
        large = {label: measure(clients[who], url) for label, who, url in pages}

        lines = [
            f"database: {db.vendor}; bulk-loaded {args.cases - args.small} more cases in {load_time:.1f} s",
            (
                f"{'page':48} {'queries @' + str(args.small):>12} {'queries @' + str(args.cases):>14} "
                f"{'ms @' + str(args.small):>10} {'ms @' + str(args.cases):>12}"
            ),
        ]
        constant = True
        for label, _who, _url in pages:
            (q1, t1), (q2, t2) = small[label], large[label]
            constant &= q1 == q2
            lines.append(f"{label:48} {q1:>12} {q2:>14} {t1 * 1000:>10.1f} {t2 * 1000:>12.1f}")
        lines.append("constant number of queries: " + ("yes" if constant else "NO"))

        codes = dict(Node.objects.values_list("pk", "code"))

        def one_query():
            with CaptureQueriesContext(db) as captured:
                by_id = case_counts_by_node()
            return {codes[pk]: count for pk, count in by_id.items()}, len(captured)

        def naive():
            with CaptureQueriesContext(db) as captured:
                counts = {node.code: in_subtree(Case.objects.all(), node).count() for node in Node.objects.all()}
            return counts, len(captured)

        fast_time, (fast_counts, fast_queries) = best_of(one_query)
        slow_time, (slow_counts, slow_queries) = best_of(naive)
        total_under_roots = sum(fast_counts[n.code] for n in Node.objects.filter(parent__isnull=True))
        lines += [
            f"subtree counts, whole tree ({len(fast_counts)} nodes, {Case.objects.count()} cases):",
            f"  one query (per-process counts summed up the MPTT ranges): {fast_queries:>3} queries, {fast_time * 1000:8.1f} ms",
            f"  naive baseline (one COUNT per node):                        {slow_queries:>3} queries, {slow_time * 1000:8.1f} ms",
            (
                f"  speed-up: {slow_time / fast_time:.1f}x; same counts: {fast_counts == slow_counts}; "
                f"roots add up to all cases: {total_under_roots == Case.objects.count()}"
            ),
            f"  cases per process (max): {max(Case.objects.values('process').annotate(n=Count('id')).values_list('n', flat=True))}",
        ]
        ok = constant and fast_queries == 1 and fast_counts == slow_counts
        lines.append("RESULT: " + ("OK" if ok else "FAILED"))
        report(f"The register at {args.cases:,} cases".replace(",", " "), lines)
        return 0 if ok else 1
    finally:
        from django.db import connection as conn

        conn.close()
        teardown_django(conn)


if __name__ == "__main__":
    sys.exit(main())
