"""The work order overview: counts per status and type (the contractor portal's main page), in one query."""

from dataclasses import dataclass, field

from django.db.models import Count

from records.work_orders.models import WorkOrderStatus, WorkOrderType


@dataclass
class Cell:
    status: str
    order_type: str
    count: int
    url: str = ""


@dataclass
class Row:
    status: str
    label: str
    cells: list[Cell] = field(default_factory=list)
    total: Cell | None = None


def counts(queryset) -> dict[tuple[str, str], int]:
    grouped = queryset.order_by().values_list("status", "order_type").annotate(n=Count("pk"))
    return {(status, order_type): n for status, order_type, n in grouped}


def table(queryset, link=None) -> tuple[list[Row], list[Cell]]:
    """Rows per status with a cell per type and a total; `link(status, order_type)` gives each count its list."""
    found = counts(queryset)
    link = link or (lambda status, order_type: "")
    rows = []
    for status in WorkOrderStatus:
        row = Row(status.value, str(status.label))
        for order_type in WorkOrderType:
            n = found.get((status.value, order_type.value), 0)
            row.cells.append(Cell(status.value, order_type.value, n, link(status.value, order_type.value)))
        row.total = Cell(status.value, "", sum(c.count for c in row.cells), link(status.value, ""))
        rows.append(row)
    totals = [
        Cell("", t.value, sum(found.get((s.value, t.value), 0) for s in WorkOrderStatus), link("", t.value))
        for t in WorkOrderType
    ]
    totals.append(Cell("", "", sum(found.values()), link("", "")))
    return rows, totals
