"""Installer cases (installationsärenden, OK-0003826), their notes thread and the installers' unsent drafts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from records.installations.models.teams import Team
from records.register.models.cases import Case


class InstallerCaseType(models.TextChoices):
    FUSE_CHANGE = "sakringsandring", _("Säkringsändring")
    TEMPORARY_CONNECTION = "tillfallig_anslutning", _("Tillfällig anslutning")
    PRODUCTION_PLANT = "aba_produktionsanlaggning", _("ABA - produktionsanläggning")
    METER_MOVE = "aba_flytt_av_matare", _("ABA - flytt av mätare")
    ONE_TO_THREE_PHASE = "1_3_fas", _("1-3 Fas")
    SERVICE_CHANGE = "servisandring", _("Servisändring")
    NEW_PERMANENT_CONNECTION = "ny_permanent_anslutning", _("Ny permanent anslutning")
    RECONNECTION = "ateranslutning", _("Återanslutning")
    METERING_POINT_REMOVAL = "nedtagning_av_matplats", _("Nedtagning av mätplats")
    PERMANENT_DISCONNECTION = "permanent_urkoppling", _("Permanent urkoppling")
    TEMPORARY_BREAK = "tillfallig_brytning", _("Tillfällig brytning")


class InstallerCaseStatus(models.TextChoices):
    NEW = "ny", _("NY")
    PLANNING = "planering", _("PLANERING PÅGÅR")
    EXECUTION = "genomforande", _("GENOMFÖRANDE PÅGÅR")
    COMPLETION_REPORTED = "fardiganmalan", _("FÄRDIGANMÄLAN INKOMMEN")
    CLOSED = "avslutad", _("AVSLUTAD")
    CANCELLED = "makulerad", _("MAKULERAD")


# Sent and not yet completion-reported: the only cases that may be moved.
ONGOING = (InstallerCaseStatus.NEW, InstallerCaseStatus.PLANNING, InstallerCaseStatus.EXECUTION)
# Not closed and not cancelled: a member holding one of these cannot leave the team.
OPEN = (*ONGOING, InstallerCaseStatus.COMPLETION_REPORTED)


class AddressFields(models.Model):
    street_address = models.CharField(_("adress"), max_length=200, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=10, blank=True)
    city = models.CharField(_("ort"), max_length=100, blank=True)
    latitude = models.DecimalField(_("latitud"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitud"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def address_display(self) -> str:
        place = " ".join(p for p in (self.postal_code, self.city) if p)
        return ", ".join(p for p in (self.street_address, place) if p)


class InstallerCase(AddressFields):
    case = models.OneToOneField(Case, verbose_name=_("ärende"), related_name="installer_case", on_delete=models.CASCADE)
    case_type = models.CharField(_("typ"), max_length=40, choices=InstallerCaseType.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=InstallerCaseStatus.choices, default=InstallerCaseStatus.NEW
    )
    installer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("installatör"),
        related_name="installer_cases",
        on_delete=models.PROTECT,
    )
    team = models.ForeignKey(Team, verbose_name=_("team"), related_name="cases", on_delete=models.PROTECT)
    customer_name = models.CharField(_("kund"), max_length=200, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    created_at = models.DateTimeField(_("skapad"))
    completion_reported_at = models.DateTimeField(_("färdiganmält"), null=True, blank=True)
    closed_at = models.DateTimeField(_("avslutat"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("makulerat"), null=True, blank=True)
    cancel_reason = models.CharField(_("skäl till makulering"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("installationsärende")
        verbose_name_plural = _("installationsärenden")
        ordering = ["-created_at", "-id"]
        permissions = [("manage_installercase", _("Kan handlägga installationsärenden för nätägaren"))]
        indexes = [
            models.Index(fields=["installer", "status"], name="records_ic_installer_status"),
            models.Index(fields=["team", "status"], name="records_ic_team_status"),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return self.case.reference

    @property
    def installer_name(self) -> str:
        return self.installer.get_full_name() or self.installer.get_username()


class InstallerCaseNote(models.Model):
    """The notes thread between the installer and the grid owner."""

    installer_case = models.ForeignKey(
        InstallerCase, verbose_name=_("installationsärende"), related_name="notes", on_delete=models.CASCADE
    )
    text = models.TextField(_("text"))
    from_grid_owner = models.BooleanField(_("från nätägaren"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("av"), null=True, related_name="+", on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("skriven"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("anteckning")
        verbose_name_plural = _("anteckningar")
        ordering = ["installer_case", "created_at", "id"]

    def __str__(self):
        return self.text[:60]


class InstallerDraft(AddressFields):
    """A case saved but not sent: no number, not in the register, deleted 14 days after it was last saved."""

    installer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("installatör"),
        related_name="installer_drafts",
        on_delete=models.CASCADE,
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    case_type = models.CharField(_("typ"), max_length=40, choices=InstallerCaseType.choices, blank=True)
    customer_name = models.CharField(_("kund"), max_length=200, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    created_at = models.DateTimeField(_("skapat"))
    saved_at = models.DateTimeField(_("senast sparat"), db_index=True)

    class Meta:
        verbose_name = _("utkast")
        verbose_name_plural = _("utkast")
        ordering = ["-saved_at", "-id"]

    def __str__(self):
        label = self.get_case_type_display() or _("Utkast")
        return f"{label}, {self.address_display}" if self.address_display else str(label)
