"""When a work order, installer case or decision goes with its case (disposal deletes the case), its history,
its notes' history and the messages sent about it go too: after disposal no personal data is left behind."""

from django.db.models.signals import post_delete, pre_delete

from records.installations.models.decisions import TeamDecision
from records.installations.models.installer_cases import InstallerCase, InstallerCaseNote
from records.messaging.models import Message
from records.register.models.cases import Case
from records.work_orders.models import WorkOrder, WorkOrderNote


def _case_deleted(sender, instance, **kwargs):
    # Before the deletion: afterwards the messages' case would already be set to NULL.
    Message.objects.filter(case_id=instance.pk).delete()


def _work_order_deleted(sender, instance, **kwargs):
    WorkOrderNote.history.filter(work_order_id=instance.pk).delete()
    WorkOrder.history.filter(id=instance.pk).delete()


def _installer_case_deleted(sender, instance, **kwargs):
    InstallerCaseNote.history.filter(installer_case_id=instance.pk).delete()
    InstallerCase.history.filter(id=instance.pk).delete()


def _decision_deleted(sender, instance, **kwargs):
    TeamDecision.history.filter(id=instance.pk).delete()


def connect() -> None:
    pre_delete.connect(_case_deleted, sender=Case, dispatch_uid="records.case_messages_deleted")
    post_delete.connect(_work_order_deleted, sender=WorkOrder, dispatch_uid="records.work_order_history_deleted")
    post_delete.connect(
        _installer_case_deleted, sender=InstallerCase, dispatch_uid="records.installer_case_history_deleted"
    )
    post_delete.connect(_decision_deleted, sender=TeamDecision, dispatch_uid="records.decision_history_deleted")
