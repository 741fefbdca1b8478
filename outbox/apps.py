"""The outbox app: the table of follow-up work, its dispatcher, and the worker's report of work done."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Bakgrundsarbete")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects to Celery's task signals in every process (web, worker), once the models are loaded.
        from . import receivers  # noqa: F401, PLC0415
