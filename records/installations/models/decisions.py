"""Team decisions (beslut): registered in the register, with grounds, who decided and what they concern."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from records.installations.models.installer_cases import InstallerCase
from records.installations.models.teams import Team
from records.register.models.cases import Case


class DecisionKind(models.TextChoices):
    TEAM_REGISTERED = "team_registrerat", _("Team registrerat")
    MEMBER_ADDED = "medlem_tillagd", _("Medlem tillagd")
    MEMBER_REMOVED = "medlem_borttagen", _("Medlem borttagen")
    CASES_MOVED = "arenden_flyttade", _("Ärenden flyttade")
    CASE_CANCELLED = "arende_makulerat", _("Ärende makulerat")
    OTHER = "ovrigt", _("Övrigt beslut")


class TeamDecision(models.Model):
    case = models.OneToOneField(Case, verbose_name=_("ärende"), related_name="team_decision", on_delete=models.CASCADE)
    kind = models.CharField(_("beslut"), max_length=30, choices=DecisionKind.choices)
    grounds = models.TextField(_("beslutsskäl"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beslutat av"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    decided_at = models.DateTimeField(_("beslutat"))
    team = models.ForeignKey(
        Team, verbose_name=_("team"), null=True, blank=True, related_name="decisions", on_delete=models.PROTECT
    )
    target_team = models.ForeignKey(
        Team,
        verbose_name=_("till team"),
        null=True,
        blank=True,
        related_name="incoming_decisions",
        on_delete=models.PROTECT,
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("berörd installatör"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    installer_cases = models.ManyToManyField(
        InstallerCase, verbose_name=_("berörda installationsärenden"), related_name="decisions", blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("teambeslut")
        verbose_name_plural = _("teambeslut")
        ordering = ["-decided_at", "-id"]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return self.case.reference
