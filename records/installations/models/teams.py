"""Installer teams: a company's team of authorised installers, with an owner who cannot change."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from records.register.models.documents import DocumentFile


class Competence(models.TextChoices):
    ELECTRICITY = "el", _("El")
    DISTRICT_HEATING = "fjarrvarme", _("Fjärrvärme/Fjärrkyla")
    BIOGAS = "biogas", _("Biogas")


class Team(models.Model):
    name = models.CharField(_("namn"), max_length=200)
    organisation_number = models.CharField(_("organisationsnummer"), max_length=13, db_index=True)
    company_name = models.CharField(_("företag"), max_length=200)
    # Never changed after registration (a new team is created instead): the services refuse it.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("teamägare"), related_name="owned_teams", on_delete=models.PROTECT
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medlemmar"),
        through="TeamMembership",
        through_fields=("team", "user"),
        related_name="installer_teams",
    )
    competence_electricity = models.BooleanField(_("behörighet El"), default=False)
    competence_district_heating = models.BooleanField(_("behörighet Fjärrvärme/Fjärrkyla"), default=False)
    competence_biogas = models.BooleanField(_("behörighet Biogas"), default=False)
    # The authorisation certificate is an attachment of the registration decision in the register.
    certificate = models.ForeignKey(
        DocumentFile,
        verbose_name=_("auktorisationsbevis"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    contact_email = models.EmailField(_("e-post"), blank=True)
    contact_phone = models.CharField(_("mobiltelefon"), max_length=30, blank=True)
    is_active = models.BooleanField(_("aktivt"), default=True)
    registered_at = models.DateTimeField(_("registrerat"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("team")
        ordering = ["company_name", "name"]

    def __str__(self):
        return f"{self.name} ({self.organisation_number})"

    @property
    def competences(self) -> list[str]:
        flags = {
            Competence.ELECTRICITY: self.competence_electricity,
            Competence.DISTRICT_HEATING: self.competence_district_heating,
            Competence.BIOGAS: self.competence_biogas,
        }
        return [value for value, held in flags.items() if held]

    @property
    def competences_display(self) -> str:
        return ", ".join(str(Competence(value).label) for value in self.competences)


class TeamMembership(models.Model):
    team = models.ForeignKey(Team, verbose_name=_("team"), related_name="memberships", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("installatör"),
        related_name="team_memberships",
        on_delete=models.PROTECT,
    )
    added_at = models.DateTimeField(_("tillagd"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tillagd av"), null=True, related_name="+", on_delete=models.PROTECT
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("teammedlem")
        verbose_name_plural = _("teammedlemmar")
        ordering = ["team", "added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="unique_team_member")]

    def __str__(self):
        return f"{self.team.name}: {self.user.get_full_name() or self.user.get_username()}"
