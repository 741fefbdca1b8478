"""The retention app: schedule, due dates, holds, disposal and the disposal records."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = _("Gallring och bevarande")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects to the register's and the plan's signals. Not at the top: the receivers import
        # models, which Django loads only once every app is registered (this hook's purpose).
        from . import receivers  # noqa: F401, PLC0415
