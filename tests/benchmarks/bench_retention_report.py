"""Benchmark: the retention report over 1,000,000 synthetic cases (SQLite, or PostgreSQL via DATABASE_URL).

The seed plan with the demo schedule, a million cases bulk-loaded (COPY on PostgreSQL, executemany
on SQLite), their due dates stored by the project's set-based recompute, and three holds. Then,
each best of three runs:

- floor: one raw SQL query counting the due rows (the least any report must do);
- naive: every closed case's due date computed in Python (rules walked up the tree in memory);
- report: what the archivist's page computes (counts per due year and per process, held and to-review
  totals, and the first page of 200 rows).

Floor and report run in turns, best of seven, so that background load hits both alike.

Target: the report within 2x of the floor and under 1 s on PostgreSQL. Also printed, not targeted:
the full report streamed as JSON, and the recompute that stored the dates.

    python -m tests.benchmarks.bench_retention_report [--cases N]
"""

import argparse
import datetime
import io
import random
import sys

from .harness import report, setup_django, teardown_django, timed

AS_OF = datetime.date(2026, 6, 30)
BATCH = 50_000
COLUMNS = [
    "id",
    "record_type",
    "series_id",
    "year",
    "serial",
    "reference",
    "process_id",
    "title",
    "description",
    "status",
    "opened_on",
    "closed_on",
    "legal_ground",
    "public_title",
    "mask_title",
    "mask_description",
    "mask_parties",
    "mask_document_titles",
    "mask_counterparts",
    "updated_at",
]


def synthetic_cases(count: int, process_ids: list[int], series_id: int, seed: int = 2026):
    """Rows for records_case: 10% open, 5% cancelled, the rest closed 2000–2025; 2% confidential."""
    rng = random.Random(seed)
    serials: dict[int, int] = {}
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    epoch = datetime.date(2000, 1, 1).toordinal()
    span = datetime.date(2025, 12, 31).toordinal() - epoch
    for pk in range(1, count + 1):
        closed = datetime.date.fromordinal(epoch + rng.randrange(span))
        opened = closed - datetime.timedelta(days=rng.randrange(1, 400))
        serials[opened.year] = serial = serials.get(opened.year, 0) + 1
        draw = rng.random()
        status = "open" if draw < 0.10 else "cancelled" if draw < 0.15 else "closed"
        confidential = rng.random() < 0.02
        yield (
            pk,
            "case",
            series_id,
            opened.year,
            serial,
            f"BOP {opened.year}/{serial}",
            rng.choice(process_ids),
            f"Ärende nummer {pk}",
            "",
            status,
            opened,
            None if status == "open" else closed,
            "OSL 26 kap. 1 §" if confidential else "",
            "Ärende om enskild" if confidential else "",
            True,
            True,
            True,
            True,
            True,
            now,
        )


def load_cases(connection, rows) -> None:
    columns = ", ".join(COLUMNS)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY records_case ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('records_case', 'id'), (SELECT MAX(id) FROM records_case))"
            )
        return
    placeholders = ", ".join(["%s"] * len(COLUMNS))
    with connection.cursor() as cursor:
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(f"INSERT INTO records_case ({columns}) VALUES ({placeholders})", batch)
                batch = []
        if batch:
            cursor.executemany(f"INSERT INTO records_case ({columns}) VALUES ({placeholders})", batch)


def floor(connection) -> int:
    """The tightest count: only what may go has a due date (a constraint), so the date alone decides."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM retention_caseretention WHERE due_date <= %s", [AS_OF])
        return cursor.fetchone()[0]


def naive() -> int:
    """Each closed case's due date in Python: the rule found by walking up the tree, the date computed."""
    from classification.models import Node
    from records.models import Case
    from retention.dates import due_date
    from retention.models import RetentionRule

    parent = dict(Node.objects.values_list("id", "parent_id"))
    rules = {rule.node_id: rule for rule in RetentionRule.objects.filter(node__isnull=False)}
    due = 0
    for process_id, _status, closed_on in (
        Case.objects.exclude(status="open").values_list("process_id", "status", "closed_on").iterator(chunk_size=20_000)
    ):
        node_id, rule = process_id, None
        while node_id is not None and rule is None:
            rule = rules.get(node_id)
            node_id = parent.get(node_id)
        if rule is None or rule.action == "bevaras":
            continue
        day = due_date(rule.trigger or "case_closed", rule.total_months, closed_on)
        due += day is not None and day <= AS_OF
    return due


def page_report():
    """What /gallring/rapport/ computes before rendering."""
    from retention.services.holds import HoldIndex
    from retention.services.report import report_rows, report_summary

    holds = HoldIndex()
    summary = report_summary(AS_OF, holds=holds)
    rows = list(report_rows(AS_OF, limit=200, holds=holds))
    return summary, rows


def full_export() -> int:
    from retention.outputs import json_pieces
    from retention.services.report import report_rows

    size = 0
    for piece in json_pieces(report_rows(AS_OF)):
        size += len(piece)
    return size


def best_of(results: dict, functions: dict, runs: int = 7) -> dict:
    """Each function's best time over `runs` rounds, run in turns so background load hits them alike."""
    values = {}
    for _ in range(runs):
        for name, function in functions.items():
            attempt: dict = {}
            with timed(attempt, name):
                values[name] = function()
            results[name] = min(results.get(name, float("inf")), attempt[name])
    return values


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000, help="how many synthetic cases (default 1,000,000)")
    args = parser.parse_args(argv)
    connection = setup_django()
    try:
        from django.db import transaction

        from classification.importing.apply import import_plan
        from classification.importing.files import read_plan_file
        from classification.models import Node
        from records.models import Case
        from records.register.services.numbering import register_series
        from retention import demo, services
        from retention.services.recompute import recompute_scope
        from tests.factories import SEED_CSV

        import_plan(read_plan_file(SEED_CSV))
        demo._schedule(io.StringIO())
        processes = list(Node.objects.filter(kind="P").values_list("id", flat=True))
        results: dict = {}
        with timed(results, "generate"), transaction.atomic():
            load_cases(connection, synthetic_cases(args.cases, processes, register_series().pk))
        with timed(results, "recompute"):
            recompute_scope(None)
        services.place_hold(node=Node.objects.get(code="2.9.2"), reason="Revision", user=None)
        for pk in (1, 2):
            services.place_hold(case=Case.objects.get(pk=pk), reason="Tvist", user=None)
        with connection.cursor() as cursor:
            # Steady state after a bulk load (autovacuum would get there): statistics and visibility map.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

        values = best_of(results, {"floor": lambda: floor(connection), "report": page_report})
        due, (summary, rows) = values["floor"], values["report"]
        assert summary.total == due and len(rows) == min(200, due), (summary.total, due)
        values = best_of(results, {"naive": naive, "export": full_export}, runs=1)
        assert values["naive"] == due, (values["naive"], due)  # same rules, same dates, same answer
        size = values["export"]

        ratio = results["report"] / results["floor"]
        postgres = connection.vendor == "postgresql"
        met = ratio <= 2 and results["report"] < 1.0
        verdict = (
            f"target <= 2x and < 1 s: {'met' if met else 'NOT met'}"
            if postgres
            else "the target is set for PostgreSQL; shown for comparison"
        )
        report(
            f"Retention report: {args.cases:,} cases, {due:,} due on {AS_OF} ({connection.vendor})",
            [
                f"floor (raw COUNT of due rows):    {results['floor']:8.3f} s",
                f"naive (due dates in Python):      {results['naive']:8.3f} s",
                (
                    f"report (page: counts + 200 rows): {results['report']:8.3f} s  ({len(summary.per_year)} years, "
                    f"{len(summary.per_process)} processes, {summary.held:,} held, {summary.to_review:,} to review)"
                ),
                f"report / floor:                   {ratio:8.2f}x  ({verdict})",
                f"naive / report:                   {results['naive'] / results['report']:8.1f}x",
                f"full JSON export (all due rows):  {results['export']:8.3f} s  ({size / 1e6:.0f} MB)",
                (
                    f"generate {args.cases:,} cases:      {results['generate']:8.1f} s;  "
                    f"set-based recompute of all dates: {results['recompute']:.1f} s"
                ),
            ],
        )
        return 0 if met or not postgres else 1
    finally:
        teardown_django(connection)


if __name__ == "__main__":
    sys.exit(main())
