"""Read-side queries of the register: subtrees of the plan, case lists and per-node counts."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from classification.models import Node

from .models import Case


def in_subtree(queryset, node: Node, field: str = "process"):
    """Cases filed under `node` or anywhere beneath it (MPTT range, no recursion)."""
    return queryset.filter(
        **{f"{field}__tree_id": node.tree_id, f"{field}__lft__gte": node.lft, f"{field}__rght__lte": node.rght}
    )


def cases_for_list(queryset=None):
    """What a case list needs in the same query: the process and the responsible officer."""
    queryset = Case.objects.all() if queryset is None else queryset
    return queryset.select_related("process", "responsible")


def with_case_counts(nodes):
    """Annotate `case_count` on each node: cases filed under it or beneath it, in one query."""
    beneath = (
        Case.objects.filter(
            process__tree_id=OuterRef("tree_id"), process__lft__gte=OuterRef("lft"), process__rght__lte=OuterRef("rght")
        )
        .order_by()
        .values("process__tree_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return nodes.annotate(case_count=Coalesce(Subquery(beneath, output_field=IntegerField()), 0))

