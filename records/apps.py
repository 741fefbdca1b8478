"""The records app: the register of cases, documents and files filed against the classification plan."""

from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = _("Diarium")

    def ready(self):
        from records import checks  # noqa: F401  (registers the start-up check of where record types are filed)
        from records.installations import timeline as installations_timeline
        from records.messaging import timeline as messaging_timeline
        from records.register.models.cases import Case
        from records.work_orders import timeline as work_orders_timeline

        for feature in (work_orders_timeline, installations_timeline, messaging_timeline):
            feature.register()

        # Search drops a case whatever deleted its row (erasing.erase_case, the shell), so it is caught at the model.
        post_delete.connect(_case_deleted, sender=Case, dispatch_uid="records.case_deleted")


def _case_deleted(sender, instance, **kwargs):
    from records.register.signals import send_case_deleted_on_commit

    send_case_deleted_on_commit(instance.pk, instance.reference)
