"""Comparing the index with the database, entry by entry, and repairing what differs.

For each object (a case with its documents, a plan node, a guide) the entries the database gives now are
compared with those in the index by key, fingerprint (search.items.IndexItem.fingerprint: content and
confidentiality) and plan path. An object differs in one of three ways: its entries are missing, stale
(any entry added, gone, or different: a case made confidential has other entries than before), or the
object is gone from the database (or, for a guide, no longer public) while entries remain. Repairing
indexes each differing object again, which also removes what is gone.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from records.models import Case

from . import indexing, versions
from .backends import get_backend
from .backends.base import IndexedRow
from .items import (
    CASE,
    GUIDE,
    PROCESS,
    IndexItem,
    PlanPaths,
    cases_queryset,
    guide_items,
    guides_queryset,
    items_for_cases,
    node_items,
    nodes_queryset,
)

MISSING, STALE, GONE = "missing", "stale", "gone"
PROBLEM_LABELS = {
    MISSING: _("saknas"),
    STALE: _("inaktuell"),
    GONE: _("finns inte längre"),
}


@dataclass(frozen=True)
class Difference:
    kind: str  # CASE (with its documents), PROCESS or GUIDE
    object_id: int
    reference: str
    problem: str

    @property
    def label(self) -> str:
        return f"{self.reference or self.object_id} ({PROBLEM_LABELS[self.problem]})"


@dataclass
class Verification:
    backend: str
    cases: int = 0
    nodes: int = 0
    guides: int = 0
    differences: list[Difference] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {problem: sum(d.problem == problem for d in self.differences) for problem in (MISSING, STALE, GONE)}


def _expected(items: Iterable[IndexItem]) -> dict[str, tuple[str, str]]:
    return {item.key: (item.fingerprint, item.process_path) for item in items}


def _actual(rows: Iterable[IndexedRow]) -> dict[str, tuple[str, str]]:
    return {row.key: (row.fingerprint, row.process_path) for row in rows}


def _compare(expected: dict, actual: dict) -> str:
    if expected == actual:
        return ""
    return MISSING if not actual else STALE


def _verify_cases(result: Verification, batch_size: int) -> None:
    backend, last = get_backend(), 0
    while True:
        chunk = list(cases_queryset().filter(pk__gt=last).order_by("pk")[:batch_size])
        if not chunk:
            return
        last = chunk[-1].pk
        expected = items_for_cases(chunk, PlanPaths())
        indexed = defaultdict(list)
        for row in backend.fingerprints(case_ids=[case.pk for case in chunk]):
            indexed[row.case_id].append(row)
        for case in chunk:
            problem = _compare(_expected(expected[case.pk]), _actual(indexed[case.pk]))
            if problem:
                result.differences.append(Difference(CASE, case.pk, case.reference, problem))
        result.cases += len(chunk)


def _verify_gone_cases(result: Verification, batch_size: int) -> None:
    backend = get_backend()
    for ids in backend.indexed_case_ids(batch_size):
        existing = set(Case.objects.filter(pk__in=ids).values_list("pk", flat=True))
        gone = [case_id for case_id in ids if case_id not in existing]
        if not gone:
            continue
        references = {}
        for row in backend.fingerprints(case_ids=gone):
            if row.key.startswith(f"{CASE}-") or row.case_id not in references:
                references[row.case_id] = row.reference
        for case_id in gone:
            result.differences.append(Difference(CASE, case_id, references.get(case_id, ""), GONE))


def _verify_kind(result: Verification, kind: str, items: list[IndexItem], labels: dict[int, str]) -> None:
    expected, indexed = defaultdict(list), defaultdict(list)
    for item in items:
        expected[item.object_id].append(item)
    for row in get_backend().fingerprints(kind=kind):
        indexed[int(row.key.split("-")[1])].append(row)
    for object_id in sorted(set(expected) | set(indexed)):
        if object_id not in expected:
            reference = indexed[object_id][0].reference
            result.differences.append(Difference(kind, object_id, reference, GONE))
            continue
        problem = _compare(_expected(expected[object_id]), _actual(indexed[object_id]))
        if problem:
            result.differences.append(Difference(kind, object_id, labels.get(object_id, ""), problem))


def verify(batch_size: int = 500) -> Verification:
    """Every difference between the index and the database; changes nothing."""
    result = Verification(get_backend().name)
    _verify_gone_cases(result, batch_size)
    _verify_cases(result, batch_size)
    paths = PlanPaths()
    nodes = list(nodes_queryset())
    result.nodes = len(nodes)
    _verify_kind(result, PROCESS, [i for node in nodes for i in node_items(node, paths)], {n.pk: n.code for n in nodes})
    guides = list(guides_queryset() or [])
    result.guides = len(guides)
    _verify_kind(
        result, GUIDE, [i for page in guides for i in guide_items(page, paths)], {p.pk: p.title for p in guides}
    )
    return result


def repair(result: Verification) -> int:
    """Index every differing object again (a gone one leaves the index), and confirm the removal of cases
    whose deletion queries still leave out; returns the number of objects repaired."""
    kinds = {difference.kind for difference in result.differences}
    for case_id in sorted(
        {d.object_id for d in result.differences if d.kind == CASE} | set(versions.pending_removals(limit=None))
    ):
        indexing.index_case(case_id)
    if PROCESS in kinds:
        indexing.index_nodes()
    if GUIDE in kinds:
        indexing.index_guides()
    return len(result.differences)
