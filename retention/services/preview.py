"""What a rule change would do before it is saved: how many records move, and to which dates."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ..models import CaseRetention, RetentionRule
from .recompute import recompute_scope, subtree_node_ids
from .report import DUE_ACTIONS
from .rules import RuleData, apply_rule, clean_rule, scope_nodes

SAMPLES = 20


@dataclass
class Move:
    reference: str
    old_action: str
    old_due: datetime.date | None
    new_action: str
    new_due: datetime.date | None


@dataclass
class RulePreview:
    """The records whose action or due date the change moves; nothing of it is stored."""

    moved: int = 0
    newly_due: int = 0
    no_longer_due: int = 0
    per_year: list[tuple[str, int]] = field(default_factory=list)
    samples: list[Move] = field(default_factory=list)

    @property
    def moves_nothing(self) -> bool:
        return self.moved == 0


def preview_rule_change(data: RuleData, *, rule: RetentionRule | None = None, user=None) -> RulePreview:
    """Simulate saving `data` (on `rule`, or as a new rule); DomainError if the rule is invalid."""
    stored = RetentionRule.objects.filter(pk=rule.pk).first() if rule is not None and rule.pk else None
    scope = scope_nodes(stored, clean_rule(data, rule))
    return _simulate(scope, lambda: apply_rule(data, rule, user))


def preview_rule_deletion(rule: RetentionRule) -> RulePreview:
    rule = RetentionRule.objects.select_related("node", "document_type").get(pk=rule.pk)
    return _simulate(scope_nodes(rule), rule.delete)


def _snapshot(process_ids) -> dict[int, tuple[str, datetime.date | None]]:
    rows = CaseRetention.objects.all()
    if process_ids is not None:
        rows = rows.filter(process_id__in=process_ids)
    return {case_id: (action, due) for case_id, action, due in rows.values_list("case_id", "action", "due_date")}


def _simulate(scope: list[int], change) -> RulePreview:
    process_ids = subtree_node_ids(scope)
    today = timezone.localdate()
    with transaction.atomic():
        recompute_scope(scope)
        before = _snapshot(process_ids)
        change()
        recompute_scope(scope)
        after = _snapshot(process_ids)
        moved = {
            case_id: (before.get(case_id, ("", None)), new)
            for case_id, new in after.items()
            if before.get(case_id, ("", None)) != new
        }
        references = dict(
            CaseRetention.objects.filter(case_id__in=list(moved)[:5000]).values_list("case_id", "case__reference")
        )
        transaction.set_rollback(True)  # a preview writes nothing

    def due(action, date):
        return action in DUE_ACTIONS and date is not None and date <= today

    preview = RulePreview(moved=len(moved))
    years = Counter()
    for (old_action, old_due), (new_action, new_due) in moved.values():
        preview.newly_due += due(new_action, new_due) and not due(old_action, old_due)
        preview.no_longer_due += due(old_action, old_due) and not due(new_action, new_due)
        years[str(new_due.year) if new_due and new_action in DUE_ACTIONS else "–"] += 1
    preview.per_year = sorted(years.items())
    ordered = sorted(moved.items(), key=lambda item: (item[1][1][1] or datetime.date.max, item[0]))
    preview.samples = [
        Move(references.get(case_id, str(case_id)), old[0], old[1], new[0], new[1])
        for case_id, (old, new) in ordered[:SAMPLES]
    ]
    return preview
