"""The retention report: what is due on a day, as rows for downloads and as counts for the chart."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from classification.models import Node
from records.models import Case
from records.register import access

from ..models import REPORT_ACTIONS, Action, CaseRetention, RetentionRule
from ..models.due import YEAR_FACTOR, split_report_key
from ..wording import short_rule
from .holds import HoldIndex

DUE_ACTIONS = (Action.DISPOSE, Action.DISPOSE_WHEN_OBSOLETE)
FIELDS = ("reference", "process", "title", "closed", "rule", "due", "action", "hold")
CHUNK = 5000


def due_queryset(as_of: datetime.date, process: Node | None = None):
    """The stored due records on `as_of`. Only what may be disposed of (or reviewed) has a due date
    (a database constraint), so open, preserved and rule-less cases never match."""
    queryset = CaseRetention.objects.filter(due_date__lte=as_of)
    if process is not None:
        queryset = queryset.filter(process_id__in=process.get_descendants(include_self=True).values("id"))
    return queryset


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
    """Counts per due year and per process, held and to review, from the stored due dates.

    One grouped query does the work: an index-only range scan over the report key (year, review,
    process in one integer), aggregated in index order. Held counts need no scan for held subtrees
    (a whole process is held) and only a primary-key lookup for held cases.
    """
    holds = holds or HoldIndex()
    due = due_queryset(as_of, process).order_by()
    summary = Summary(as_of)
    years = defaultdict(lambda: {"count": 0, "held": 0})
    processes = defaultdict(lambda: {"count": 0, "held": 0})
    # The key bound follows from the date; spelled out, it lets the database range-scan the key.
    counted = due.filter(report_key__lt=(as_of.year + 1) * YEAR_FACTOR)
    for key, n in counted.values_list("report_key").annotate(n=Count("*")):
        year, review, process_id = split_report_key(key)
        held = n if process_id in holds.process_ids else 0
        summary.total += n
        summary.held += held
        summary.to_review += n if review else 0
        for bucket in (years[year], processes[process_id]):
            bucket["count"] += n
            bucket["held"] += held
    if holds.case_ids:
        single = due.filter(case_id__in=sorted(holds.case_ids)).exclude(process_id__in=sorted(holds.process_ids))
        for key in single.values_list("report_key", flat=True):
            year, _review, process_id = split_report_key(key)
            summary.held += 1
            years[year]["held"] += 1
            processes[process_id]["held"] += 1
    summary.per_year = [{"year": year, **counts} for year, counts in sorted(years.items())]
    nodes = {node.pk: node for node in Node.objects.filter(pk__in=list(processes)).only("code", "title")}
    summary.per_process = sorted(
        ({"code": nodes[pk].code, "title": nodes[pk].title, **counts} for pk, counts in processes.items()),
        key=lambda row: nodes_sort_key(row["code"]),
    )
    return summary


def nodes_sort_key(code: str) -> tuple:
    return tuple(int(part) for part in code.split(".") if part.isdigit())


def report_rows(
    as_of: datetime.date,
    process: Node | None = None,
    user=None,
    *,
    offset: int = 0,
    limit: int | None = None,
    holds: HoldIndex | None = None,
):
    """One dict per due record with exactly FIELDS; titles masked unless `user` may see them (None: masked)."""
    holds = holds or HoldIndex()
    rules: dict[int, str] = {}
    queryset = (
        due_queryset(as_of, process)
        .order_by("due_date", "case_id")
        .values_list(
            "case_id",
            "process_id",
            "rule_id",
            "action",
            "due_date",
            "case__reference",
            "process__code",
            "case__title",
            "case__public_title",
            "case__legal_ground",
            "case__mask_title",
            "case__closed_on",
        )
    )
    if limit is not None or offset:
        queryset = queryset[offset : offset + limit if limit is not None else None]
    if limit is not None and limit <= CHUNK:
        yield from _rows(list(queryset), rules, holds, user)  # one page: no server-side cursor
        return
    chunk = []
    for row in queryset.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield from _rows(chunk, rules, holds, user)
            chunk = []
    yield from _rows(chunk, rules, holds, user)


def _rows(chunk, rules: dict[int, str], holds: HoldIndex, user):
    """Rows as dicts; `rules` caches the rules' short descriptions across chunks."""
    missing = {row[2] for row in chunk} - set(rules) - {None}
    if missing:
        for rule in RetentionRule.objects.filter(pk__in=missing).select_related("node", "document_type__node"):
            rules[rule.pk] = short_rule(rule)
    hidden = {row[0] for row in chunk if row[9] and row[10]}  # confidential with a masked title
    if hidden and user is not None:
        visible = access.with_access(Case.objects.filter(pk__in=hidden), user).filter(viewer_access=True)
        hidden -= set(visible.values_list("id", flat=True))
    for (
        case_id,
        process_id,
        rule_id,
        action,
        due,
        reference,
        code,
        title,
        public_title,
        _ground,
        _mask,
        closed,
    ) in chunk:
        shown_title = (public_title or str(access.HIDDEN_CASE_TITLE)) if case_id in hidden else title
        yield {
            "reference": reference,
            "process": code,
            "title": shown_title,
            "closed": closed,
            "rule": rules.get(rule_id, ""),
            "due": due,
            "action": REPORT_ACTIONS[action],
            "hold": holds.covers(case_id, process_id),
        }
