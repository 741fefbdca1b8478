"""Exports the plan as JSON, or CSV or XLSX through common.tabular, in tree order."""

import json

from common import tabular

from .importing.columns import HEADER
from .importing.rows import join_examples
from .models import CrossReference, DocumentType, Node
from .rules import sort_key

FORMATS = ("json", "csv", "xlsx")


def plan_as_dicts() -> list[dict]:
    """One dict per node in tree order, with exactly the keys of the JSON export."""
    nodes = list(Node.objects.order_by("tree_id", "lft").select_related("parent"))
    examples: dict[int, list[str]] = {}
    for doc_type in DocumentType.objects.order_by("node_id", "position", "id").values_list("node_id", "name"):
        examples.setdefault(doc_type[0], []).append(doc_type[1])
    see_also: dict[int, list[str]] = {}
    for source_id, target_code in CrossReference.objects.values_list("source_id", "target__code"):
        see_also.setdefault(source_id, []).append(target_code)
    return [
        {
            "code": node.code,
            "kind": node.kind,
            "title": node.title,
            "parent": node.parent.code if node.parent else None,
            "description": node.description,
            "examples": examples.get(node.pk, []),
            "comments": node.comments,
            "see_also": sorted(see_also.get(node.pk, []), key=sort_key),
            "valid_to": node.valid_to.isoformat() if node.valid_to else None,
        }
        for node in nodes
    ]


def _table_rows(plan: list[dict]):
    for item in plan:
        yield [
            item["code"],
            item["kind"],
            item["title"],
            item["parent"] or "",
            item["description"],
            join_examples(item["examples"]),
            item["comments"],
            item["valid_to"] or "",
        ]


def export_plan(fmt: str) -> bytes:
    plan = plan_as_dicts()
    if fmt == "json":
        return (json.dumps(plan, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt in tabular.FORMATS:
        return tabular.to_bytes(fmt, _table_rows(plan), HEADER, sheet="Klassificeringsstruktur", lineterminator="\n")
    raise ValueError(f"unknown format {fmt!r}")
