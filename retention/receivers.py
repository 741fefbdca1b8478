"""Retention follows the register and the plan through their signals (they never import retention).

The recompute is recorded in the outbox in the transaction of the change and handed to Celery after the
commit, or later when the broker was down; `manage.py recompute_retention` recomputes everything at will.

Subtree holds are the exception: which cases they hold is recorded in the saving transaction itself
(Django's post_save of cases and nodes), so that no crash or queue delay lets a case be reclassified
out from under a hold before the hold has noted it.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from classification.models import Node
from classification.signals import plan_changed
from outbox.services import enqueue
from records.models import Case
from records.register import signals as records_signals

from .services.holds import record_if_held, record_under_node
from .tasks import recompute_case_retention, recompute_retention_scope

WHOLE_PLAN_ABOVE = 50  # changed nodes; more than this and the whole register is recomputed at once

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
        _send(recompute_case_retention, case_id)


@receiver(plan_changed, dispatch_uid="retention_plan_changed")
def plan_was_changed(sender, codes, **kwargs):
    """A node moved or a document type went: the rules its records inherit may be others now."""
    if not codes or len(codes) > WHOLE_PLAN_ABOVE:
        _send(recompute_retention_scope, None)  # one set-based pass beats many subtree walks
        return
    node_ids = list(Node.objects.filter(code__in=codes).values_list("id", flat=True))
    if node_ids:
        _send(recompute_retention_scope, node_ids)


@receiver(post_save, sender=Case, dispatch_uid="retention_hold_records_case")
def case_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        record_if_held(instance)


@receiver(post_save, sender=Node, dispatch_uid="retention_hold_records_node")
def node_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        record_under_node(instance)


def _send(task, *args) -> None:
    enqueue(task, *args, dedupe=True)
