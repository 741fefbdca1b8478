"""What a rule says to do and when its period starts: plain choices, below the models and the wording."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .dates import Trigger


class Action(models.TextChoices):
    PRESERVE = "bevaras", _("Bevaras")
    DISPOSE = "gallras", _("Gallras")
    DISPOSE_WHEN_OBSOLETE = "gallras_vid_inaktualitet", _("Gallras vid inaktualitet")


class TriggerChoices(models.TextChoices):
    CASE_CLOSED = Trigger.CASE_CLOSED, _("efter ärendets avslut")
    DOCUMENT_DATE = Trigger.DOCUMENT_DATE, _("efter handlingens datum")
    END_OF_CLOSING_YEAR = Trigger.END_OF_CLOSING_YEAR, _("efter utgången av det år ärendet avslutades")
