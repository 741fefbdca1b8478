"""Keeping the index in step with the data: per case, per plan change, per guide, or all at once.

Every write goes through search.versions, so that writes running side by side (a rebuild, the tasks
after changes, a repair) converge on the database whatever order they finish in.
"""

import logging
from collections.abc import Iterator

from django.db import transaction
from django.utils.translation import gettext as _

from . import versions
from .backends import get_backend
from .items import (
    GUIDE,
    PROCESS,
    PlanPaths,
    cases_queryset,
    document_counts,
    documents_queryset,
    guide_items,
    guides_queryset,
    items_for_cases,
    node_items,
    nodes_queryset,
)

logger = logging.getLogger(__name__)


def index_case(case_id: int) -> int:
    """(Re)index a case and its documents as they are now; a case that is gone leaves the index for good."""
    return index_cases([case_id])


def index_cases(case_ids, batch_size: int = 500) -> int:
    """(Re)index cases as they are now, a batch at a time; returns the number of items written."""
    ids, total = sorted(set(case_ids)), 0
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        stamp = versions.next_stamp()  # before reading: see search.versions
        cases = list(cases_queryset().filter(pk__in=chunk).order_by("pk"))
        gone = sorted(set(chunk) - {case.pk for case in cases})
        total += _write_cases(stamp, cases, None, gone=gone)
    return total


def remove_case(case_id: int) -> None:
    """The case was deleted: make sure the index says so (a case that still exists is indexed instead)."""
    index_case(case_id)


def case_erased(case_id: int) -> None:
    """Inside the transaction that deletes the case row: the database backend drops the entries in it, so
    they go exactly when the content goes; for Elasticsearch the case is marked gone, which every query
    respects at once, and the entries are deleted after the commit (`remove_case`) or by a repair."""
    backend = get_backend()
    stamp = versions.next_stamp()
    if backend.transactional:
        backend.remove_cases([case_id])
    versions.bury([case_id], stamp, purged=backend.transactional)


def _index_nodes(codes: list[str] | None, index: str | None = None) -> int:
    backend = get_backend()
    with transaction.atomic():
        versions.lock(PROCESS)  # before reading: the last writer read last
        paths = PlanPaths()
        nodes = nodes_queryset()
        if codes:
            nodes = nodes.filter(code__in=codes)
        items = [item for node in nodes for item in node_items(node, paths)]
        backend.replace(PROCESS, items, references=list(codes) if codes else None, index=index)
        if codes:
            marks = [f"/{code}/" for code in codes]
            affected = {code: path for code, path in paths.by_code.items() if any(mark in path for mark in marks)}
        else:
            affected = dict(paths.by_code)
        backend.update_paths(affected, index=index)
    return len(items)


def index_nodes(codes: list[str] | None = None) -> int:
    """(Re)index plan nodes by code (none given: the whole plan), drop the ones that are gone, and
    move everything filed under them (and under their descendants) to their current paths."""
    return _index_nodes(codes)


def index_guide(page_id: int) -> int:
    """Index a guide if it is live and public; otherwise make sure it is not in the index."""
    with transaction.atomic():
        versions.lock(GUIDE)
        guides = guides_queryset()
        page = guides.filter(pk=page_id).first() if guides is not None else None
        items = guide_items(page, PlanPaths()) if page is not None else []
        get_backend().replace(GUIDE, items, object_ids=[page_id])
    return len(items)


def _index_guides(index: str | None = None) -> int:
    with transaction.atomic():
        versions.lock(GUIDE)
        guides = guides_queryset()
        if guides is None:
            return 0
        paths = PlanPaths()
        items = [item for page in guides for item in guide_items(page, paths)]
        get_backend().replace(GUIDE, items, index=index)
    return len(items)


def index_guides() -> int:
    """All guides again: a view restriction or a move can change which ones are public."""
    return _index_guides()


# --- Rebuilding ----------------------------------------------------------------------------------


def _case_groups(batch_size: int) -> Iterator[tuple[int, list, int]]:
    """(stamp, cases, objects): the cases in key order, in groups of about `batch_size` cases and
    documents. Each chunk's stamp is taken before the chunk is read."""
    last = 0
    while True:
        stamp = versions.next_stamp()
        chunk = list(cases_queryset().filter(pk__gt=last).order_by("pk")[:batch_size])
        if not chunk:
            return
        last = chunk[-1].pk
        counts = document_counts([case.pk for case in chunk])
        group, objects = [], 0
        for case in chunk:
            size = 1 + counts.get(case.pk, 0)
            if group and objects + size > batch_size:
                yield stamp, group, objects
                group, objects = [], 0
            group.append(case)
            objects += size
        yield stamp, group, objects


def _write_cases(stamp: int, cases: list, index: str | None, gone: list[int] = ()) -> int:
    """Write what was read of `cases` after `stamp` where no later read was written, and drop `gone` cases."""
    read = items_for_cases(cases, PlanPaths())
    backend = get_backend()
    with transaction.atomic():
        if gone:
            backend.remove_cases(gone)
            versions.bury(gone, stamp, purged=True)
        won = versions.claim(list(read), stamp)
        written = {case_id: items for case_id, items in read.items() if case_id in won}
        backend.replace_cases(written, index=index)
    return sum(len(items) for items in written.values())


def rebuild(progress=None, batch_size: int = 2000) -> int:
    """Everything again, from the database. Nothing concurrent is lost: changes made meanwhile win over the
    rebuild's older reads (search.versions). `progress(objects)` is called per batch; a progress object
    with `begin(total)` and a `label` is told the size and the part being indexed."""
    progress = progress or (lambda objects: None)
    nodes, cases = nodes_queryset().count(), cases_queryset().count()
    documents = documents_queryset().count()
    guides = guides_queryset()
    guide_count = guides.count() if guides is not None else 0
    if hasattr(progress, "begin"):
        progress.begin(nodes + cases + documents + guide_count)
    backend = get_backend()
    started = versions.next_stamp()
    target = backend.begin_rebuild()
    try:
        _label(progress, _("Klassificeringsstruktur"))
        total = _index_nodes(None, index=target)
        progress(nodes)
        _label(progress, _("Ärenden och handlingar"))
        for stamp, group, objects in _case_groups(batch_size):
            total += _write_cases(stamp, group, target)
            progress(objects)
        _label(progress, _("Guider"))
        total += _index_guides(index=target)
        progress(guide_count)
        backend.finish_rebuild(target, started)
    except BaseException:
        backend.abort_rebuild(target)
        raise
    logger.info("Search index rebuilt: %d items", total)
    return total


def _label(progress, label) -> None:
    if hasattr(progress, "label"):
        progress.label = str(label)
