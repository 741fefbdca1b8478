from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassificationConfig(AppConfig):
    name = "classification"
    verbose_name = _("Klassificeringsstruktur")

    def ready(self):
        # Importing signals imports the models, which the registry only allows once it is ready.
        from . import signals  # noqa: PLC0415

        signals._connect()
