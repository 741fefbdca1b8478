"""Keeping stored due dates right: one case at a time, or a whole subtree with set-based SQL."""

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from classification.models import Node
from records.models import Case, CaseStatus, Document

from ..dates import Trigger, add_months_sql, trigger_date_sql
from ..models import Action, CaseRetention
from .compute import NO_RULE, RuleBook, compute_case

BATCH = 2000
FIELDS = ["process", "rule", "source_node", "action", "trigger_date", "due_date", "computed_at"]


def _row(computed, now) -> CaseRetention:
    return CaseRetention(
        case_id=computed.case_id,
        process_id=computed.process_id,
        rule=computed.rule,
        source_node_id=computed.source_node_id,
        action=computed.action,
        trigger_date=computed.trigger_date
        if computed.action in (Action.DISPOSE, Action.DISPOSE_WHEN_OBSOLETE)
        else None,
        due_date=computed.due_date,
        computed_at=now,
    )


def recompute_cases(case_ids: Iterable[int], book: RuleBook | None = None) -> int:
    """Compute the listed cases in Python and store the result (idempotent; missing cases are skipped)."""
    book = book or RuleBook()
    ids = sorted(set(case_ids))
    now = timezone.now()
    written = 0
    documents = Prefetch(
        "documents",
        queryset=Document.objects.only("id", "case_id", "document_type_id", "document_date", "registered_on"),
    )
    for start in range(0, len(ids), BATCH):
        cases = (
            Case.objects.filter(pk__in=ids[start : start + BATCH])
            .only("id", "process_id", "status", "closed_on")
            .prefetch_related(documents)
        )
        rows = [_row(compute_case(case, book), now) for case in cases]
        with transaction.atomic():
            CaseRetention.objects.bulk_create(rows, update_conflicts=True, unique_fields=["case"], update_fields=FIELDS)
        written += len(rows)
    return written


def recompute_case(case_id: int) -> None:
    recompute_cases([case_id])


def subtree_node_ids(node_ids: list[int] | None) -> list[int] | None:
    """Every node at or under the given nodes; None means the whole plan."""
    if node_ids is None:
        return None
    found = set()
    for node in Node.objects.filter(pk__in=node_ids):
        found.update(node.get_descendants(include_self=True).values_list("id", flat=True))
    return sorted(found)


def _in_list(ids) -> str:
    return "(" + ",".join(str(int(i)) for i in ids) + ")" if ids else "(NULL)"


@transaction.atomic
def recompute_scope(node_ids: list[int] | None = None) -> None:
    """Recompute every case filed at or under the given nodes (None: all cases).

    Cases whose documents have document-type rules of their own are computed in Python; all
    others are updated with one UPDATE per distinct rule (the due-date arithmetic in SQL).
    """
    book = RuleBook()
    process_ids = subtree_node_ids(node_ids)
    if process_ids is not None and not process_ids:
        return
    case_table = Case._meta.db_table
    retention_table = CaseRetention._meta.db_table
    document_table = Document._meta.db_table
    scope = "" if process_ids is None else f" AND c.process_id IN {_in_list(process_ids)}"
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        # Rows for cases that have none yet (registered before retention was installed, bulk loads).
        cursor.execute(
            f"INSERT INTO {retention_table} (case_id, process_id, action, computed_at) "
            f"SELECT c.id, c.process_id, '', %s FROM {case_table} c WHERE NOT EXISTS "
            f"(SELECT 1 FROM {retention_table} r WHERE r.case_id = c.id){scope}",
            [now],
        )
    ruled_types = list(book.by_document_type)
    special = (
        f"EXISTS (SELECT 1 FROM {document_table} d WHERE d.case_id = c.id "
        f"AND d.document_type_id IN {_in_list(ruled_types)})"
    )
    groups = defaultdict(list)
    all_ids = process_ids if process_ids is not None else list(book.parent)
    for process_id in all_ids:
        rule = book.for_process(process_id)
        groups[rule.pk if rule else None].append(process_id)
    rules = {rule.pk: rule for rule in book.by_node.values()}
    for rule_id, ids in groups.items():
        _update_group(rules.get(rule_id), ids, special, now)
    # The few cases with document-type rules: the reference computation, case by case.
    special_cases = Case.objects.filter(
        Exists(Document.objects.filter(case=OuterRef("pk"), document_type_id__in=ruled_types))
    )
    if process_ids is not None:
        special_cases = special_cases.filter(process_id__in=process_ids)
    recompute_cases(special_cases.values_list("id", flat=True), book)


def _update_group(rule, process_ids: list[int], special: str, now) -> None:
    vendor = connection.vendor
    case_table, retention_table = Case._meta.db_table, CaseRetention._meta.db_table
    document_table = Document._meta.db_table
    if rule is None or rule.action == Action.PRESERVE:
        trigger_sql = due_sql = "NULL"
    else:
        latest = (
            f"(SELECT MAX(COALESCE(d.document_date, d.registered_on)) FROM {document_table} d WHERE d.case_id = c.id)"
        )
        start = trigger_date_sql(vendor, rule.trigger or Trigger.CASE_CLOSED, "c.closed_on", latest)
        trigger_sql = f"CASE WHEN c.status = %s THEN NULL ELSE {start} END"
        due_sql = f"CASE WHEN c.status = %s THEN NULL ELSE {add_months_sql(vendor, start, rule.total_months)} END"
    params = [
        rule.pk if rule else None,
        (rule.node_id if rule else None),
        rule.action if rule else NO_RULE,
    ]
    if trigger_sql != "NULL":
        params += [CaseStatus.OPEN, CaseStatus.OPEN]
    params.append(now)
    for start in range(0, len(process_ids), 500):
        chunk = process_ids[start : start + 500]
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {retention_table} AS r SET process_id = c.process_id, rule_id = %s, source_node_id = %s, "
                f"action = %s, trigger_date = {trigger_sql}, due_date = {due_sql}, computed_at = %s "
                f"FROM {case_table} AS c WHERE c.id = r.case_id AND c.process_id IN {_in_list(chunk)} "
                f"AND NOT {special}",
                params,
            )
