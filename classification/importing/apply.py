"""Applies a parsed plan to the database: one transaction, bulk writes, history for every change."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from ..bulk import insert_created_history
from ..models import DocumentType, Node
from ..references import relink_cross_references
from ..rules import PlanRuleError, check_placement, sort_key
from ..services import sync_document_types
from ..signals import send_plan_changed
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
            send_plan_changed(report.created + list(report.changed) + report.ceased)
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
        errors.extend(_length_errors(row))
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


def _length_errors(row: PlanRow) -> list[RowError]:
    """Values longer than their column holds (PostgreSQL refuses them; SQLite would keep them whole)."""
    values = [(_("koden"), row.code, Node, "code"), (_("rubriken"), row.title.strip(), Node, "title")]
    values += [
        (_("handlingstypen ”%(name)s…”") % {"name": example[:20]}, example, DocumentType, "name")
        for example in row.examples
    ]
    errors = []
    for label, value, model, name in values:
        limit = model._meta.get_field(name).max_length
        if len(value) > limit:
            errors.append(
                RowError(
                    row.where,
                    _("%(code)s: %(what)s är %(length)d tecken lång; högst %(limit)d tecken.")
                    % {"code": row.code[:60], "what": label, "length": len(value), "limit": limit},
                )
            )
    return errors


def _write(rows, existing, report, *, cease_missing, user, today):
    changes = _PlanChanges(existing, report)
    for row in rows:
        changes.take(row)
    changes.find_missing({row.code for row in rows}, cease=cease_missing, today=today)
    shifted = changes.renumber()

    reason = _("Import av klassificeringsstruktur")
    changes.insert_new(user=user, reason=reason)
    changes.update_changed(user=user, reason=reason)
    if shifted:
        # Tree columns are bookkeeping, not history: they are updated without history rows.
        Node.objects.bulk_update(shifted, ["tree_id", "lft", "rght", "level"], batch_size=BATCH)
    sync_document_types(
        {changes.by_code[row.code]: row.examples for row in rows}, default_user=user, default_change_reason=reason
    )
    if changes.new_nodes or changes.changed_nodes:
        relink_cross_references()


class _PlanChanges:
    """What an import does to the plan, worked out in memory (and recorded in the report) before
    the bulk writes save it. Parents are kept as codes until then, since new nodes have no keys."""

    def __init__(self, existing: dict[str, Node], report: ImportReport):
        self.existing = existing
        self.report = report
        self.by_code: dict[str, Node] = dict(existing)
        code_by_id = {node.pk: code for code, node in existing.items()}
        self.parent_of = {code: code_by_id.get(node.parent_id) for code, node in existing.items()}
        self.new_nodes: list[Node] = []
        self.changed_nodes: list[Node] = []
        self.changed_fields: set[str] = set()

    def take(self, row: PlanRow) -> None:
        """The row's node: new, changed or unchanged."""
        values = {
            "kind": row.kind,
            "title": row.title.strip(),
            "description": row.description.strip(),
            "comments": row.comments.strip(),
            "valid_to": row.valid_to,
        }
        node = self.by_code.get(row.code)
        if node is None:
            self._create(row.code, values)
        else:
            self._update(node, row, values)
        self.parent_of[row.code] = row.parent

    def _create(self, code: str, values: dict) -> None:
        node = Node(code=code, sort_key=sort_key(code), **values)
        self.by_code[code] = node
        self.new_nodes.append(node)
        self.report.created.append(code)

    def _update(self, node: Node, row: PlanRow, values: dict) -> None:
        diff = [name for name, value in values.items() if getattr(node, name) != value]
        for name in diff:
            setattr(node, name, values[name])
        if self.parent_of[row.code] != row.parent:
            diff.append("parent")
        if diff:
            self._changed(node, diff)
            self.report.changed[row.code] = diff
        else:
            self.report.unchanged += 1

    def _changed(self, node: Node, fields) -> None:
        self.changed_nodes.append(node)
        self.changed_fields.update(fields)

    def find_missing(self, in_file: set[str], *, cease: bool, today) -> None:
        """Report the nodes the file leaves out and, if asked, let those still valid cease today."""
        self.report.missing = sorted((code for code in self.existing if code not in in_file), key=sort_key)
        if not cease:
            return
        for code in self.report.missing:
            node = self.existing[code]
            if node.valid_to is None or node.valid_to > today:
                node.valid_to = today
                self._changed(node, ["valid_to"])
                self.report.ceased.append(code)

    def renumber(self) -> list[Node]:
        """Set every node's tree columns for the new shape; returns the saved nodes that moved."""
        if not self.new_nodes and "parent" not in self.changed_fields:
            return []
        positions = number_tree([(code, self.parent_of[code], sort_key(code)) for code in self.by_code])
        shifted = []
        for code, node in self.by_code.items():
            pos = positions[code]
            before = (node.tree_id, node.lft, node.rght, node.level)
            node.tree_id, node.lft, node.rght, node.level = pos.tree_id, pos.lft, pos.rght, pos.level
            if node.pk and before != (pos.tree_id, pos.lft, pos.rght, pos.level):
                shifted.append(node)
        return shifted

    def _parent(self, code: str) -> Node | None:
        parent_code = self.parent_of[code]
        return self.by_code[parent_code] if parent_code else None

    def insert_new(self, *, user, reason: str) -> None:
        # Insert level by level so that every new node's parent already has its primary key.
        for level in sorted({node.level for node in self.new_nodes}):
            batch = [node for node in self.new_nodes if node.level == level]
            for node in batch:
                node.parent = self._parent(node.code)
            Node.objects.bulk_create(batch, batch_size=BATCH)
            insert_created_history(Node, batch, user=user, reason=reason)

    def update_changed(self, *, user, reason: str) -> None:
        if not self.changed_nodes:
            return
        for node in self.changed_nodes:
            parent = self._parent(node.code)
            node.parent_id = parent.pk if parent else None
        bulk_update_with_history(
            self.changed_nodes,
            Node,
            sorted(self.changed_fields),
            batch_size=BATCH,
            default_user=user,
            default_change_reason=reason,
        )
