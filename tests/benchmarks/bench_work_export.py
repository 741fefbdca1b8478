"""Benchmark: the work order report for Excel at 100,000 orders – streamed export against django-import-export.

Fills a throwaway database with N work orders (bulk rows: this measures exporting, not ordering),
then, in the same run, writes the same rows to .xlsx two ways and reports time and peak Python
memory (tracemalloc) for each:

- ours: records.work_orders.export.write_xlsx (values_list read in chunks, openpyxl write-only,
  into a temporary file, which the view streams);
- baseline: django-import-export's default export, a ModelResource with the same columns,
  `resource.export(queryset)` → tablib Dataset → XLSX().export_data(), given a queryset that joins
  the relations it follows (select_related); as it comes (a query per row and relation) it is
  slower still, shown at the small size only.

Both are measured at 10,000 orders and at N, to show that our memory does not grow with rows.
Times are the best of interleaved rounds without tracemalloc (it slows allocation-heavy code);
memory is measured in a separate run of each.

    .venv/bin/python -m tests.benchmarks.bench_work_export [--orders 100000]

SQLite by default; PostgreSQL when DATABASE_URL points at a server (a test_ database is created
and dropped).
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
import tracemalloc

from .harness import report, setup_django, teardown_django

SMALL = 10_000


def fill(count: int):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from classification.importing.apply import import_plan
    from classification.importing.files import read_plan_file
    from classification.models import Node
    from records.models import (
        Case,
        Contractor,
        RecordType,
        SeriesCounter,
        WorkOrder,
        WorkOrderStatus,
        WorkOrderType,
    )
    from records.register.filing import series_for
    from tests.factories import SEED_CSV

    import_plan(read_plan_file(SEED_CSV))
    process = Node.objects.get(code="2.9.1")
    series = series_for(RecordType.WORK_ORDER)
    officer = get_user_model().objects.create(
        username="bench.bestallare", first_name="Hanna", last_name="Handläggarsson"
    )
    contractors = [
        Contractor.objects.create(
            name=f"Bänkentreprenad {n} AB", organisation_number=f"559900-000{n}", email=f"b{n}@example.org"
        )
        for n in range(3)
    ]
    types, statuses = WorkOrderType.values, WorkOrderStatus.values
    start = timezone.now() - datetime.timedelta(days=365)
    batch = 5000
    for first in range(1, count + 1, batch):
        serials = range(first, min(first + batch, count + 1))
        cases = Case.objects.bulk_create(
            [
                Case(
                    record_type=RecordType.WORK_ORDER,
                    series=series,
                    year=2026,
                    serial=n,
                    reference=f"AO{n}",
                    process=process,
                    title=f"Fel: ärende {n}",
                    opened_on=(start + datetime.timedelta(minutes=5 * n)).date(),
                    status="closed" if n % 5 in (2, 3) else "open",
                )
                for n in serials
            ]
        )
        WorkOrder.objects.bulk_create(
            [
                WorkOrder(
                    case=case,
                    order_type=types[n % len(types)],
                    status=statuses[n % len(statuses)],
                    property_name=f"Demofastigheten {n % 40}:{n % 7}",
                    apartment=str(1000 + n % 300),
                    address=f"Demogatan {n % 90}",
                    ordered_by=officer if n % 3 else None,
                    ordered_via_web=not n % 3,
                    tenant_phone="070-000 00 00",
                    subject=f"Diskmaskinen läcker vatten, order {n}",
                    priority="HLU Ny HG" if n % 11 == 0 else "",
                    contractor=contractors[n % 3],
                    ordered_at=start + datetime.timedelta(minutes=5 * n),
                    accepted_at=start + datetime.timedelta(minutes=5 * n + 60) if n % 5 else None,
                    completed_at=start + datetime.timedelta(minutes=5 * n + 600) if n % 5 in (2, 3) else None,
                    action_performed="Bytt packning" if n % 5 in (2, 3) else "",
                )
                for case, n in zip(cases, serials, strict=True)
            ]
        )
    SeriesCounter.objects.update_or_create(series=series, year=0, defaults={"last_serial": count})


def import_export_resource():
    from import_export import fields, resources

    from records.models import WorkOrder

    class WorkOrderResource(resources.ModelResource):
        """The default way: a ModelResource over the same columns (relations followed by the resource)."""

        reference = fields.Field(attribute="case__reference", column_name="Arbetsorder")
        contractor_name = fields.Field(attribute="contractor__name", column_name="Entreprenör")

        class Meta:
            model = WorkOrder
            fields = (
                "reference",
                "order_type",
                "status",
                "ordered_at",
                "property_name",
                "apartment",
                "address",
                "subject",
                "priority",
                "batch",
                "contractor_name",
                "ordered_via_web",
                "ordered_by",
                "accepted_at",
                "completed_at",
                "action_performed",
                "unit_model",
                "unit_serial",
            )
            export_order = fields

    return WorkOrderResource()


def ours(queryset):
    from records.work_orders.export import write_xlsx

    with tempfile.TemporaryFile() as spool:
        rows = write_xlsx(queryset, spool)
        return rows, spool.tell()


def baseline(queryset):
    """The fair baseline: the relations the resource follows are joined in the same query."""
    return _import_export(queryset.select_related("case", "contractor", "ordered_by", "batch"))


def baseline_untuned(queryset):
    """import-export as it comes: one query per row and relation (only measured at the small size)."""
    return _import_export(queryset)


def _import_export(queryset):
    from import_export.formats.base_formats import XLSX

    dataset = import_export_resource().export(queryset)
    data = XLSX().export_data(dataset)
    return len(dataset), len(data)


def run(function, queryset, *, memory: bool):
    if memory:
        tracemalloc.start()
    started = time.perf_counter()
    rows, size = function(queryset)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 1e6 if memory else None
    if memory:
        tracemalloc.stop()
    return {"seconds": elapsed, "peak_mb": peak, "rows": rows, "bytes": size}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    connection = setup_django()
    try:
        from records.models import WorkOrder

        started = time.perf_counter()
        fill(args.orders)
        fill_seconds = time.perf_counter() - started
        sizes = sorted({min(SMALL, args.orders), args.orders})
        results = {}
        for size in sizes:
            queryset = WorkOrder.objects.filter(case__serial__lte=size)
            variants = [("ours", ours), ("import-export", baseline)]
            if size == sizes[0]:
                variants.append(("i-e, no joins", baseline_untuned))
            # Rounds interleave the variants, and the best round counts: a shared machine's load
            # then slows both alike instead of tilting the ratio.
            best = {}
            for _round in range(3 if size <= SMALL else 2):
                for name, function in variants:
                    timing = run(function, queryset, memory=False)
                    assert timing["rows"] == size, (name, timing["rows"], size)
                    if name not in best or timing["seconds"] < best[name]["seconds"]:
                        best[name] = timing
            for name, function in variants:
                results[(name, size)] = {**best[name], "peak_mb": run(function, queryset, memory=True)["peak_mb"]}
        lines = [f"database: {connection.vendor}, {args.orders:,} work orders filled in {fill_seconds:.1f} s", ""]
        lines.append(f"{'export':<15}{'orders':>9}{'time (s)':>11}{'peak MB':>10}{'file MB':>10}")
        for (name, size), r in results.items():
            lines.append(f"{name:<15}{size:>9,}{r['seconds']:>11.2f}{r['peak_mb']:>10.1f}{r['bytes'] / 1e6:>10.1f}")
        big = args.orders
        ours_big, base_big = results[("ours", big)], results[("import-export", big)]
        lines += [
            "",
            (
                f"at {big:,}: ours is {base_big['seconds'] / ours_big['seconds']:.1f}x faster and uses "
                f"{base_big['peak_mb'] / ours_big['peak_mb']:.0f}x less peak memory than import-export"
            ),
        ]
        if len(sizes) == 2:
            small = sizes[0]
            ours_small, base_small = results[("ours", small)], results[("import-export", small)]
            lines += [
                (
                    f"memory growth {small:,} → {big:,} orders ({big // small}x rows): ours "
                    f"{ours_big['peak_mb'] / ours_small['peak_mb']:.2f}x, import-export "
                    f"{base_big['peak_mb'] / base_small['peak_mb']:.1f}x"
                )
            ]
        report("Work order report for Excel: streamed (openpyxl write-only) vs django-import-export", lines)
        target_speed = base_big["seconds"] / ours_big["seconds"] >= 3
        target_flat = len(sizes) < 2 or ours_big["peak_mb"] <= 1.5 * results[("ours", sizes[0])]["peak_mb"]
        print(
            f"\n  targets: >= 3x faster {'met' if target_speed else 'NOT met'}; flat memory {'met' if target_flat else 'NOT met'}"
        )
    finally:
        teardown_django(connection)
    return 0


if __name__ == "__main__":
    sys.exit(main())
