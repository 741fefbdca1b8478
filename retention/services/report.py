"""The retention report: what is due on a day, as rows for downloads and as counts for the chart."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, Func, IntegerField, Value, When
from django.db.models import Case as SqlCase

from classification.models import Node
from records import access
from records.models import Case

from ..models import REPORT_ACTIONS, Action, CaseRetention, RetentionRule
from .describe import short_rule
from .holds import HoldIndex

DUE_ACTIONS = (Action.DISPOSE, Action.DISPOSE_WHEN_OBSOLETE)
FIELDS = ("reference", "process", "title", "closed", "rule", "due", "action", "hold")
CHUNK = 5000


class DueYear(Func):
    """The due date's year; on SQLite a substring of the stored text (no per-row Python function)."""

    template = "CAST(EXTRACT(YEAR FROM %(expressions)s) AS integer)"
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="CAST(substr(%(expressions)s, 1, 4) AS integer)", **extra)


def due_queryset(as_of: datetime.date, process: Node | None = None):
    """The stored due records on `as_of` (open and preserved cases have no due date, so never match)."""
    queryset = CaseRetention.objects.filter(due_date__lte=as_of, action__in=DUE_ACTIONS)
    if process is not None:
        queryset = queryset.filter(process_id__in=process.get_descendants(include_self=True).values("id"))
    return queryset


def _held_annotation(holds: HoldIndex):
    return SqlCase(When(holds.condition(), then=Value(True)), default=Value(False), output_field=BooleanField())


@dataclass
class Summary:
    as_of: datetime.date
    total: int = 0
    held: int = 0
    to_review: int = 0
    per_year: list[dict] = field(default_factory=list)
    per_process: list[dict] = field(default_factory=list)

    @property
    def max_per_year(self) -> int:
        return max((row["count"] for row in self.per_year), default=0)

    @property
    def max_per_process(self) -> int:
        return max((row["count"] for row in self.per_process), default=0)


def report_summary(as_of: datetime.date, process: Node | None = None, holds: HoldIndex | None = None) -> Summary:
    """Counts per due year and per process, in one grouped query over the stored due dates."""
    holds = holds or HoldIndex()
    grouped = (
        due_queryset(as_of, process)
        .order_by()
        .values("process_id", "action")
        .annotate(year=DueYear("due_date"), held=_held_annotation(holds))
        .values("process_id", "action", "year", "held")
        .annotate(n=Count("*"))
    )
    summary = Summary(as_of)
    years = defaultdict(lambda: {"count": 0, "held": 0})
    processes = defaultdict(lambda: {"count": 0, "held": 0})
    for row in grouped:
        n = row["n"]
        summary.total += n
        summary.held += n if row["held"] else 0
        summary.to_review += n if row["action"] == Action.DISPOSE_WHEN_OBSOLETE else 0
        for bucket in (years[row["year"]], processes[row["process_id"]]):
            bucket["count"] += n
            bucket["held"] += n if row["held"] else 0
    summary.per_year = [{"year": year, **counts} for year, counts in sorted(years.items())]
    nodes = {node.pk: node for node in Node.objects.filter(pk__in=list(processes)).only("code", "title", "sort_key")}
    summary.per_process = sorted(
        ({"code": nodes[pk].code, "title": nodes[pk].title, **counts} for pk, counts in processes.items()),
        key=lambda row: nodes_sort_key(row["code"]),
    )
    return summary


def nodes_sort_key(code: str) -> tuple:
    return tuple(int(part) for part in code.split(".") if part.isdigit())


def report_rows(as_of: datetime.date, process: Node | None = None, user=None, *, offset: int = 0,
                limit: int | None = None, holds: HoldIndex | None = None):
    """One dict per due record with exactly FIELDS; titles masked unless `user` may see them (None: masked)."""
    holds = holds or HoldIndex()
    rules = {rule.pk: short_rule(rule) for rule in RetentionRule.objects.select_related("node", "document_type__node")}
    queryset = due_queryset(as_of, process).order_by("due_date", "case_id").values_list(
        "case_id", "process_id", "rule_id", "action", "due_date",
        "case__reference", "process__code", "case__title", "case__public_title", "case__legal_ground",
        "case__mask_title", "case__closed_on",
    )
    if limit is not None or offset:
        queryset = queryset[offset:offset + limit if limit is not None else None]
    chunk = []
    for row in queryset.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield from _rows(chunk, rules, holds, user)
            chunk = []
    yield from _rows(chunk, rules, holds, user)


def _rows(chunk, rules, holds: HoldIndex, user):
    hidden = {row[0] for row in chunk if row[9] and row[10]}  # confidential with a masked title
    if hidden and user is not None:
        visible = access.with_access(Case.objects.filter(pk__in=hidden), user).filter(viewer_access=True)
        hidden -= set(visible.values_list("id", flat=True))
    for (case_id, process_id, rule_id, action, due, reference, code, title, public_title, _ground, _mask,
         closed) in chunk:
        if case_id in hidden:
            title = public_title or str(access.HIDDEN_CASE_TITLE)
        yield {
            "reference": reference,
            "process": code,
            "title": title,
            "closed": closed,
            "rule": rules.get(rule_id, ""),
            "due": due,
            "action": REPORT_ACTIONS[action],
            "hold": holds.covers(case_id, process_id),
        }
