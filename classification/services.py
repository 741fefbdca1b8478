"""State changes of the plan that are not whole-file imports: document types and moves."""

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from .bulk import fast_insert, insert_created_history
from .models import DocumentType, Node
from .rules import PlanRuleError, check_placement

BATCH = 1000


@transaction.atomic
def sync_document_types(wanted: dict[Node, list[str]], *, default_user=None, default_change_reason=None) -> None:
    """Make each node's document types exactly the given names, in order, with history.

    New names are added, positions follow the list, and names no longer listed are removed
    one by one so that each removal is in history.
    """
    node_ids = [node.pk for node in wanted]
    current: dict[int, dict[str, DocumentType]] = {pk: {} for pk in node_ids}
    for start in range(0, len(node_ids), BATCH):
        for doc_type in DocumentType.objects.filter(node_id__in=node_ids[start : start + BATCH]):
            current[doc_type.node_id][doc_type.name] = doc_type
    to_create, to_update, to_delete = [], [], []
    for node, names in wanted.items():
        have = current[node.pk]
        for position, name in enumerate(names):
            doc_type = have.pop(name, None)
            if doc_type is None:
                to_create.append({"node_id": node.pk, "name": name, "position": position})
            elif doc_type.position != position:
                doc_type.position = position
                to_update.append(doc_type)
        to_delete.extend(have.values())
    history = {"default_user": default_user, "default_change_reason": default_change_reason}
    if to_create:
        _create_document_types(to_create, default_user, default_change_reason)
    if to_update:
        bulk_update_with_history(to_update, DocumentType, ["position"], batch_size=BATCH, **history)
    for doc_type in to_delete:
        doc_type._change_reason = default_change_reason
        doc_type._history_user = default_user
        doc_type.delete()


def _create_document_types(new: list[dict], user, reason) -> None:
    """Insert many document types fast, then their history rows (see bulk.py)."""
    fast_insert(DocumentType, new)
    wanted = {(d["node_id"], d["name"]) for d in new}
    node_ids = sorted({d["node_id"] for d in new})
    created = []
    for start in range(0, len(node_ids), BATCH):
        rows = DocumentType.objects.filter(node_id__in=node_ids[start : start + BATCH]).values(
            "id", "node_id", "name", "position"
        )
        created.extend(row for row in rows if (row["node_id"], row["name"]) in wanted)
    insert_created_history(DocumentType, created, user=user, reason=reason)


def set_document_types(node: Node, names: list[str], user=None) -> None:
    sync_document_types({node: names}, default_user=user)


def new_parent_for_move(target: Node, position: str) -> Node | None:
    """Where a drag-and-drop move puts a node: into the target, or beside it."""
    return target if position in ("first-child", "last-child") else target.parent


def check_move(node: Node, target: Node, position: str) -> None:
    """Refuse a move that would break the plan's rules (PlanRuleError names the code)."""
    parent = new_parent_for_move(target, position)
    if parent is not None and (parent == node or parent.is_descendant_of(node)):
        raise PlanRuleError(_("%(code)s kan inte flyttas in under sig själv.") % {"code": node.code})
    check_placement(node.code, node.kind, parent.code if parent else None, parent.kind if parent else None)
