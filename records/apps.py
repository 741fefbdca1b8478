"""The records app: the register of cases, documents and files filed against the classification plan."""

from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = _("Diarium")

    def ready(self):
        # Models load only once the app registry is ready, so what needs them is imported here.
        from records import checks  # noqa: F401, PLC0415  (registers the start-up check of filing targets)
        from records.installations import timeline as installations_timeline  # noqa: PLC0415
        from records.messaging import timeline as messaging_timeline  # noqa: PLC0415
        from records.register import signals  # noqa: PLC0415
        from records.register.models.cases import Case  # noqa: PLC0415
        from records.work_orders import timeline as work_orders_timeline  # noqa: PLC0415

        for feature in (work_orders_timeline, installations_timeline, messaging_timeline):
            feature.register()

        # Search drops a case whatever deleted its row (erasing.erase_case, the shell), so it is caught at the model.
        post_delete.connect(
            lambda sender, instance, **kwargs: signals.send_case_deleted(instance.pk, instance.reference),
            sender=Case,
            dispatch_uid="records.case_deleted",
            weak=False,
        )
