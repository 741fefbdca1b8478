"""Retention follows the register and the plan through their signals (they never import retention)."""

from django.dispatch import receiver

from classification.models import Node
from classification.signals import plan_changed
from records import signals as records_signals

# Changes after which a case's rule or dates may differ.
RECOMPUTE_ON = {
    records_signals.CHANGE_REGISTERED,
    records_signals.CHANGE_CLOSED,
    records_signals.CHANGE_REOPENED,
    records_signals.CHANGE_RECLASSIFIED,
    records_signals.CHANGE_CANCELLED,
    records_signals.CHANGE_DOCUMENT,
}


@receiver(records_signals.case_changed, dispatch_uid="retention_case_changed")
def case_changed(sender, case_id, change, **kwargs):
    if change in RECOMPUTE_ON:
        from .tasks import recompute_case_retention

        recompute_case_retention.delay_on_commit(case_id)


@receiver(plan_changed, dispatch_uid="retention_plan_changed")
def plan_was_changed(sender, codes, **kwargs):
    """A node moved or a document type went: the rules its records inherit may be others now."""
    from .tasks import recompute_retention_scope

    if not codes:
        recompute_retention_scope.delay_on_commit(None)
        return
    node_ids = list(Node.objects.filter(code__in=codes).values_list("id", flat=True))
    if node_ids:
        recompute_retention_scope.delay_on_commit(node_ids)
