"""Benchmark: importing a 5,000-node plan with 10 document types each.

Compares the project's importer (validate all rows, then bulk writes with history, tree columns
computed in memory) with django-import-export's plain row-by-row import of the same rows through
the admin's resource. Target: at least 5x faster, with one history row per created node.
"""

import csv
import sys
import tempfile
from pathlib import Path

from .harness import report, setup_django, teardown_django, timed

AREAS, GROUPS_PER_AREA, PROCESSES_PER_GROUP, DOC_TYPES = 10, 10, 49, 10


def synthetic_rows():
    rows = []
    for a in range(1, AREAS + 1):
        rows.append([str(a), "VO", f"VERKSAMHETSOMRÅDE {a}", "", "", "", "", ""])
        for g in range(1, GROUPS_PER_AREA + 1):
            group = f"{a}.{g}"
            rows.append([group, "PG", f"Processgrupp {group}", str(a), "", "", "", ""])
            for p in range(1, PROCESSES_PER_GROUP + 1):
                code = f"{group}.{p}"
                examples = "; ".join(f"handlingstyp {code} nr {d}" for d in range(1, DOC_TYPES + 1))
                rows.append(
                    [
                        code,
                        "P",
                        f"Hantera process {code}",
                        group,
                        f"Processen omfattar ärenden av typ {code}.",
                        examples,
                        f"Se även {group}.1" if p > 1 else "",
                        "",
                    ]
                )
    return rows


def write_csv(rows, path: Path):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "kind", "title", "parent", "description", "examples", "comments", "valid_to"])
        writer.writerows(rows)


def empty_plan():
    from classification.models import CrossReference, DocumentType, Node

    CrossReference.objects.all().delete()
    DocumentType.history.all().delete()
    DocumentType.objects.all().delete()
    for level in (2, 1, 0):
        Node.objects.filter(level=level).delete()
    Node.history.all().delete()


def main():
    connection = setup_django()
    try:
        from import_export.formats.base_formats import CSV

        from classification.importing.apply import import_plan
        from classification.importing.files import read_plan_file
        from classification.models import DocumentType, Node
        from classification.resources import NodeResource

        rows = synthetic_rows()
        path = Path(tempfile.mkdtemp()) / "plan.csv"
        write_csv(rows, path)
        results = {}

        with timed(results, "project"):
            report_ = import_plan(read_plan_file(path))
        created = len(report_.created)
        history_rows = Node.history.filter(history_type="+").count()
        doc_types = DocumentType.objects.count()
        assert created == len(rows) and history_rows == created, (created, history_rows)
        empty_plan()

        dataset = CSV().create_dataset(path.read_text(encoding="utf-8"))
        with timed(results, "row_by_row"):
            result = NodeResource().import_data(dataset, dry_run=False, raise_errors=True)
        assert not result.has_errors() and not result.has_validation_errors()
        baseline_nodes = Node.objects.count()
        ratio = results["row_by_row"] / results["project"]
        report(
            f"Plan import: {len(rows)} nodes, {doc_types} document types ({connection.vendor})",
            [
                f"project importer:           {results['project']:8.2f} s  ({created} nodes, {history_rows} history rows)",
                f"import-export row by row:   {results['row_by_row']:8.2f} s  ({baseline_nodes} nodes)",
                f"speed-up:                   {ratio:8.1f}x  (target >= 5x: {'met' if ratio >= 5 else 'NOT met'})",
            ],
        )
        return 0 if ratio >= 5 else 1
    finally:
        teardown_django(connection)


if __name__ == "__main__":
    sys.exit(main())
