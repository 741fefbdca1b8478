"""Keeping the index in step with the data: per case, per plan change, per guide, or all at once."""

import logging

from .backends import get_backend
from .items import (
    GUIDE,
    PROCESS,
    PlanPaths,
    corpus,
    guide_items,
    guides_queryset,
    items_for_case,
    node_items,
    nodes_queryset,
)

logger = logging.getLogger(__name__)


def index_case(case_id: int) -> int:
    """(Re)index a case and its documents as they are now; a case that is gone leaves the index."""
    items = items_for_case(case_id)
    backend = get_backend()
    if items is None:
        backend.remove_case(case_id)
        return 0
    backend.replace_case(case_id, items)
    return len(items)


def remove_case(case_id: int) -> None:
    get_backend().remove_case(case_id)


def index_nodes(codes: list[str] | None = None) -> int:
    """(Re)index plan nodes by code (none given: the whole plan), drop the ones that are gone, and
    move everything filed under them (and under their descendants) to their current paths."""
    paths = PlanPaths()
    nodes = nodes_queryset()
    if codes:
        nodes = nodes.filter(code__in=codes)
    items = [item for node in nodes for item in node_items(node, paths)]
    backend = get_backend()
    backend.replace(PROCESS, items, references=list(codes) if codes else None)
    if codes:
        marks = [f"/{code}/" for code in codes]
        affected = {code: path for code, path in paths.by_code.items() if any(mark in path for mark in marks)}
    else:
        affected = dict(paths.by_code)
    backend.update_paths(affected)
    return len(items)


def index_guide(page_id: int) -> int:
    """Index a guide if it is live and public; otherwise make sure it is not in the index."""
    guides = guides_queryset()
    page = guides.filter(pk=page_id).first() if guides is not None else None
    items = guide_items(page, PlanPaths()) if page is not None else []
    get_backend().replace(GUIDE, items, object_ids=[page_id])
    return len(items)


def index_guides() -> int:
    """All guides again: a view restriction or a move can change which ones are public."""
    guides = guides_queryset()
    if guides is None:
        return 0
    paths = PlanPaths()
    items = [item for page in guides for item in guide_items(page, paths)]
    get_backend().replace(GUIDE, items)
    return len(items)


def rebuild(progress=None, batch_size: int = 2000) -> int:
    """Everything, from the database, swapped in at once. `progress(objects)` is called per batch; a
    progress object with `begin(total)` and a `label` is told the size and the part being indexed."""
    parts = corpus(batch_size)
    if hasattr(progress, "begin"):
        progress.begin(sum(count for _label, count, _batches in parts))

    def labelled(label, batches):
        for batch in batches:
            if hasattr(progress, "label"):
                progress.label = label
            yield batch

    parts = [(label, count, labelled(label, batches)) for label, count, batches in parts]
    total = get_backend().rebuild(parts, progress or (lambda n: None))
    logger.info("Search index rebuilt: %d items", total)
    return total


def corpus_size() -> list[tuple[str, int]]:
    return [(label, count) for label, count, _batches in corpus()]
