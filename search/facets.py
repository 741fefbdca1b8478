"""Facet values with labels: item type, record type, status, year, and the plan rolled up as a tree."""

from collections import Counter
from dataclasses import dataclass

from classification.models import Node
from records.models import CaseStatus, RecordType

from .items import KIND_LABELS


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False

    def as_dict(self) -> dict:
        return {"value": self.value, "label": self.label, "count": self.count}


class PlanTree:
    """The classification plan's codes, titles and parents, in plan order (one small query)."""

    def __init__(self):
        rows = Node.objects.order_by("tree_id", "lft").values_list("code", "title", "parent__code", "kind")
        self.order = [code for code, *_ in rows]
        self.title = {code: title for code, title, _parent, _kind in rows}
        self.parent = {code: parent for code, _title, parent, _kind in rows}
        self.kind = {code: kind for code, _title, _parent, kind in rows}

    def label(self, code: str) -> str:
        return f"{code} {self.title[code]}" if code in self.title else code

    def ancestors(self, code: str) -> list[str]:
        """From the area down to `code` itself."""
        chain = []
        while code and len(chain) < 20:
            chain.append(code)
            code = self.parent.get(code)
        return list(reversed(chain))

    def rolled_up(self, counts: Counter) -> Counter:
        """Counts per node of everything filed at or under it."""
        total = Counter()
        for code, count in counts.items():
            for ancestor in self.ancestors(code):
                total[ancestor] += count
        return total

    def process_facet(self, counts: Counter, selected: str) -> list[FacetValue]:
        """The level below the selected node (the areas when none is selected), with subtree counts."""
        total = self.rolled_up(counts)
        return [
            FacetValue(code, self.label(code), total[code])
            for code in self.order
            if self.parent.get(code) == (selected or None) and total[code]
        ]


def _labelled(counts: Counter, labels: dict, selected, *, newest_first: bool = False) -> list[FacetValue]:
    values = [
        FacetValue(str(value), str(labels.get(value, value)), count, str(value) == str(selected or ""))
        for value, count in counts.items()
    ]
    if newest_first:
        return sorted(values, key=lambda v: v.value, reverse=True)
    return sorted(values, key=lambda v: (-v.count, v.label))


def build_facets(counts: dict[str, Counter], filters, tree: PlanTree) -> dict[str, list[FacetValue]]:
    return {
        "type": _labelled(counts["type"], KIND_LABELS, filters.kind),
        "process": tree.process_facet(counts["process"], filters.process),
        "record_type": _labelled(counts["record_type"], dict(RecordType.choices), filters.record_type),
        "status": _labelled(counts["status"], dict(CaseStatus.choices), filters.status),
        "year": _labelled(counts["year"], {}, filters.year, newest_first=True),
    }
