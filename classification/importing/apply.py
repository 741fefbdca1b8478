"""Applies a parsed plan to the database: one transaction, bulk writes, history for every change."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from ..bulk import insert_created_history
from ..models import Node
from ..references import relink_cross_references
from ..rules import PlanRuleError, check_placement, sort_key
from ..services import sync_document_types
from ..signals import send_plan_changed_on_commit
from ..tree import number_tree
from .errors import PlanImportError, RowError
from .rows import PlanRow

NODE_FIELDS = ("kind", "title", "description", "comments", "valid_to")
BATCH = 1000


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # code -> changed field names
    unchanged: int = 0
    missing: list[str] = field(default_factory=list)  # in the database, not in the file
    ceased: list[str] = field(default_factory=list)
    dry_run: bool = False


def import_plan(
    rows: list[PlanRow], *, cease_missing: bool = False, dry_run: bool = False, user=None, today=None
) -> ImportReport:
    """Create and update nodes from rows, matching on code. Nothing is ever deleted.

    Every problem in the file is reported at once (PlanImportError) before anything is written.
    With dry_run the whole import runs and is then rolled back, so it checks exactly what a
    real import would.
    """
    today = today or timezone.localdate()
    existing = {node.code: node for node in Node.objects.all()}
    _validate(rows, existing)
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        _write(rows, existing, report, cease_missing=cease_missing, user=user, today=today)
        if dry_run:
            transaction.set_rollback(True)
        elif report.created or report.changed or report.ceased:
            # Bulk writes send no model signals: say once what changed.
            send_plan_changed_on_commit(report.created + list(report.changed) + report.ceased)
    return report


def _validate(rows: list[PlanRow], existing: dict[str, Node]) -> None:
    errors: list[RowError] = []
    kinds = {code: node.kind for code, node in existing.items()}
    first_seen: dict[str, str] = {}
    for row in rows:
        if row.code in first_seen:
            errors.append(
                RowError(
                    row.where,
                    _("Koden %(code)s förekommer flera gånger (först på %(first)s).")
                    % {"code": row.code, "first": first_seen[row.code]},
                )
            )
            continue
        first_seen[row.code] = row.where
        kinds[row.code] = row.kind
    for row in rows:
        if not row.title.strip():
            errors.append(RowError(row.where, _("%(code)s saknar rubrik.") % {"code": row.code}))
        if row.parent and row.parent not in kinds:
            errors.append(
                RowError(
                    row.where,
                    _("%(code)s: överordnad kod %(parent)s finns varken i filen eller i strukturen.")
                    % {"code": row.code, "parent": row.parent},
                )
            )
            continue
        try:
            check_placement(row.code, row.kind, row.parent, kinds.get(row.parent) if row.parent else None)
        except PlanRuleError as exc:
            errors.append(RowError(row.where, exc.messages[0]))
    if errors:
        raise PlanImportError(errors)


def _write(rows, existing, report, *, cease_missing, user, today):
    by_code: dict[str, Node] = dict(existing)
    code_by_id = {node.pk: code for code, node in existing.items()}
    parent_of = {code: code_by_id.get(node.parent_id) for code, node in existing.items()}
    new_nodes, changed_nodes, changed_fields = [], [], set()
    for row in rows:
        node = by_code.get(row.code)
        values = {
            "kind": row.kind,
            "title": row.title.strip(),
            "description": row.description.strip(),
            "comments": row.comments.strip(),
            "valid_to": row.valid_to,
        }
        if node is None:
            node = Node(code=row.code, sort_key=sort_key(row.code), **values)
            by_code[row.code] = node
            new_nodes.append(node)
            report.created.append(row.code)
        else:
            diff = [name for name, value in values.items() if getattr(node, name) != value]
            if parent_of[row.code] != row.parent:
                diff.append("parent")
            for name in diff:
                if name != "parent":
                    setattr(node, name, values[name])
            if diff:
                changed_nodes.append(node)
                changed_fields.update(diff)
                report.changed[row.code] = diff
            else:
                report.unchanged += 1
        parent_of[row.code] = row.parent

    in_file = {row.code for row in rows}
    report.missing = sorted((code for code in existing if code not in in_file), key=sort_key)
    if cease_missing:
        for code in report.missing:
            node = existing[code]
            if node.valid_to is None or node.valid_to > today:
                node.valid_to = today
                changed_nodes.append(node)
                changed_fields.add("valid_to")
                report.ceased.append(code)

    shifted = []
    if new_nodes or "parent" in changed_fields:
        positions = number_tree([(code, parent_of[code], sort_key(code)) for code in by_code])
        for code, node in by_code.items():
            pos = positions[code]
            before = (node.tree_id, node.lft, node.rght, node.level)
            node.tree_id, node.lft, node.rght, node.level = pos.tree_id, pos.lft, pos.rght, pos.level
            if node.pk and before != (pos.tree_id, pos.lft, pos.rght, pos.level):
                shifted.append(node)

    history = {"default_user": user, "default_change_reason": _("Import av klassificeringsstruktur")}
    # Insert level by level so that every new node's parent already has its primary key.
    for level in sorted({node.level for node in new_nodes}):
        batch = [node for node in new_nodes if node.level == level]
        for node in batch:
            node.parent = by_code[parent_of[node.code]] if parent_of[node.code] else None
        Node.objects.bulk_create(batch, batch_size=BATCH)
        insert_created_history(Node, batch, user=user, reason=history["default_change_reason"])
    if changed_nodes:
        for node in changed_nodes:
            parent_code = parent_of[node.code]
            node.parent_id = by_code[parent_code].pk if parent_code else None
        fields = sorted(changed_fields)
        bulk_update_with_history(changed_nodes, Node, fields, batch_size=BATCH, **history)
    if shifted:
        # Tree columns are bookkeeping, not history: they are updated without history rows.
        Node.objects.bulk_update(shifted, ["tree_id", "lft", "rght", "level"], batch_size=BATCH)
    sync_document_types({by_code[row.code]: row.examples for row in rows}, **history)
    if new_nodes or changed_nodes:
        relink_cross_references()
