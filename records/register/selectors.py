"""Read-side queries of the register: subtrees of the plan, case lists and per-node counts."""

from django.db import connection

from classification.models import Node
from records.register.models.cases import Case


def in_subtree(queryset, node: Node, field: str = "process"):
    """Cases filed under `node` or anywhere beneath it (MPTT range, no recursion)."""
    return queryset.filter(
        **{f"{field}__tree_id": node.tree_id, f"{field}__lft__gte": node.lft, f"{field}__rght__lte": node.rght}
    )


def cases_for_list(queryset=None):
    """What a case list needs in the same query: the process and the responsible officer."""
    queryset = Case.objects.all() if queryset is None else queryset
    return queryset.select_related("process", "responsible")


def case_counts_by_node() -> dict[int, int]:
    """Cases filed under each node or anywhere beneath it, for the whole plan, in one query.

    Cases are counted once per process (one pass over the case table), then summed into every
    ancestor through the MPTT ranges (a self-join of the small node table). A correlated subquery
    per node would join the case table once per node instead.
    """
    quote = connection.ops.quote_name
    node_table, case_table = quote(Node._meta.db_table), quote(Case._meta.db_table)
    sql = f"""
        SELECT ancestor.id, COALESCE(SUM(per_process.n), 0)
        FROM {node_table} ancestor
        JOIN {node_table} node ON node.tree_id = ancestor.tree_id
             AND node.lft >= ancestor.lft AND node.rght <= ancestor.rght
        LEFT JOIN (SELECT process_id, COUNT(*) AS n FROM {case_table} GROUP BY process_id) per_process
             ON per_process.process_id = node.id
        GROUP BY ancestor.id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {node_id: int(count) for node_id, count in cursor.fetchall()}
