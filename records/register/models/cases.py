"""Cases (ärenden): the register's entries, their parties and explicit access grants."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from classification.models import Node
from records.register.models.series import NumberSeries


class RecordType(models.TextChoices):
    """What kind of entry a case is; later record types (work orders, installer cases, team
    decisions) add a value here and their own detail model with a OneToOne to Case."""

    CASE = "case", _("Ärende")
    WORK_ORDER = "work_order", _("Arbetsorder")
    INSTALLER_CASE = "installer_case", _("Installationsärende")
    TEAM_DECISION = "team_decision", _("Teambeslut")


# Record types whose status is driven by their own life cycle (records.work_orders.services,
# installations, teams): the register's generic close/reopen/cancel leave them alone.
OWN_LIFE_CYCLE = frozenset({RecordType.WORK_ORDER, RecordType.INSTALLER_CASE, RecordType.TEAM_DECISION})


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Öppen")
    CLOSED = "closed", _("Avslutad")
    CANCELLED = "cancelled", _("Makulerad")


class Case(models.Model):
    record_type = models.CharField(_("posttyp"), max_length=40, choices=RecordType.choices, default=RecordType.CASE)
    series = models.ForeignKey(
        NumberSeries, verbose_name=_("nummerserie"), related_name="cases", on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(_("år"), db_index=True)
    serial = models.PositiveIntegerField(_("löpnummer"))
    reference = models.CharField(_("diarienummer"), max_length=60, unique=True)
    process = models.ForeignKey(Node, verbose_name=_("process"), related_name="cases", on_delete=models.PROTECT)
    title = models.CharField(_("ärendemening"), max_length=500)
    description = models.TextField(_("beskrivning"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_on = models.DateField(_("registrerat"), db_index=True)
    closed_on = models.DateField(_("avslutat"), null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handläggare"),
        null=True,
        blank=True,
        related_name="responsible_cases",
        on_delete=models.PROTECT,
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerat av"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    # Confidentiality: a legal ground makes the case confidential; the mask_* flags choose what
    # people without access do not see (see records.register.access, the one place that applies them).
    legal_ground = models.CharField(
        _("sekretessgrund"), max_length=120, blank=True, help_text=_("T.ex. OSL 26 kap. 1 §. Tomt = ingen sekretess.")
    )
    public_title = models.CharField(
        _("offentlig ärendemening"), max_length=500, blank=True, help_text=_("Visas för den som inte har åtkomst.")
    )
    mask_title = models.BooleanField(_("dölj ärendemening"), default=True)
    mask_description = models.BooleanField(_("dölj beskrivning"), default=True)
    mask_parties = models.BooleanField(_("dölj parter"), default=True)
    mask_document_titles = models.BooleanField(_("dölj handlingarnas rubriker och filer"), default=True)
    mask_counterparts = models.BooleanField(_("dölj avsändare/mottagare"), default=True)
    updated_at = models.DateTimeField(_("senast ändrat"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["series", "year", "serial"], name="unique_serial_per_series_and_year"),
        ]
        indexes = [
            models.Index(fields=["process", "status"], name="records_case_process_status"),
            models.Index(fields=["status", "-opened_on"], name="records_case_status_opened"),
        ]

    def __str__(self):
        # Never the title: str() ends up in admin messages, logs and widgets for any viewer.
        return self.reference

    @property
    def is_confidential(self) -> bool:
        return bool(self.legal_ground)

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN


class Party(models.Model):
    """Someone a case is about or with: a person or an organisation, with its role."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")
        UNKNOWN = "", _("Okänd")

    case = models.ForeignKey(Case, verbose_name=_("ärende"), related_name="parties", on_delete=models.CASCADE)
    name = models.CharField(_("namn"), max_length=300)
    identity_number = models.CharField(_("person- eller organisationsnummer"), max_length=13, blank=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, blank=True, editable=False)
    role = models.CharField(_("roll"), max_length=100, blank=True, help_text=_("T.ex. sökande, motpart, ombud."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parter")
        ordering = ["case", "id"]

    def __str__(self):
        return self.name


class CaseAccessGrant(models.Model):
    """An explicit right for one user to see a confidential case in full."""

    case = models.ForeignKey(Case, verbose_name=_("ärende"), related_name="access_grants", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        related_name="case_access_grants",
        on_delete=models.CASCADE,
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("beviljad av"), null=True, related_name="+", on_delete=models.PROTECT
    )
    granted_at = models.DateTimeField(_("beviljad"), auto_now_add=True)
    reason = models.CharField(_("skäl"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("åtkomst till sekretessärende")
        verbose_name_plural = _("åtkomster till sekretessärenden")
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="unique_access_grant")]

    def __str__(self):
        return f"{self.case} → {self.user}"
