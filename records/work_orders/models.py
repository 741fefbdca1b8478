"""Work orders (arbetsorder): orders to contractors, registered as cases numbered AO1234."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from records.register.models.cases import Case

TENANT_VIA_WEB = _("Hyresgäst via webb")


class WorkOrderType(models.TextChoices):
    FAULT = "fel", _("Fel")
    HLU = "hlu", _("HLU")
    UNPLANNED_MAINTENANCE = "uh_oplanerat", _("UH Oplanerat")
    ADD_ON = "tillval", _("Tillval")
    MAINTENANCE = "underhall", _("Underhåll")


class WorkOrderStatus(models.TextChoices):
    ORDERED = "bestalld", _("Beställd")
    ACCEPTED = "accepterad", _("Accepterad")
    COMPLETED = "utford", _("Utförd")
    INVOICED = "fakturerad", _("Fakturerad")
    CANCELLED = "makulerad", _("Makulerad")


class Contractor(models.Model):
    """A contracting company; its people log in as external users and see only its orders."""

    name = models.CharField(_("namn"), max_length=200)
    organisation_number = models.CharField(_("organisationsnummer"), max_length=13, unique=True)
    email = models.EmailField(_("e-post för nya arbetsorder"))
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("användare"), related_name="contractor_organisations", blank=True
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    history = HistoricalRecords(m2m_fields=[users])

    class Meta:
        verbose_name = _("entreprenör")
        verbose_name_plural = _("entreprenörer")
        ordering = ["name"]

    def __str__(self):
        return self.name


class WorkOrderBatch(models.Model):
    """A bunt: several orders for the same object, handled together."""

    property_name = models.CharField(_("fastighet"), max_length=200)
    apartment = models.CharField(_("lägenhet/objekt"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("bunt")
        verbose_name_plural = _("buntar")
        ordering = ["-id"]

    def __str__(self):
        return _("Bunt %(n)s") % {"n": self.pk}


class WorkOrder(models.Model):
    case = models.OneToOneField(Case, verbose_name=_("ärende"), related_name="work_order", on_delete=models.CASCADE)
    order_type = models.CharField(_("typ"), max_length=20, choices=WorkOrderType.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=WorkOrderStatus.choices, default=WorkOrderStatus.ORDERED
    )
    property_name = models.CharField(_("fastighet"), max_length=200)
    apartment = models.CharField(_("lägenhet/objekt"), max_length=50, blank=True)
    address = models.CharField(_("adress"), max_length=200, blank=True)
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beställare"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    ordered_via_web = models.BooleanField(_("beställd av hyresgäst via webb"), default=False)
    tenant_name = models.CharField(_("hyresgäst"), max_length=200, blank=True)
    tenant_phone = models.CharField(_("telefonnummer att använda"), max_length=30, blank=True)
    subject = models.TextField(_("avser"))
    priority = models.CharField(_("prio"), max_length=50, blank=True, help_text=_("T.ex. HLU Ny HG."))
    batch = models.ForeignKey(
        WorkOrderBatch, verbose_name=_("bunt"), null=True, blank=True, related_name="orders", on_delete=models.PROTECT
    )
    contractor = models.ForeignKey(
        Contractor, verbose_name=_("entreprenör"), related_name="orders", on_delete=models.PROTECT
    )
    is_unit = models.BooleanField(
        _("gäller en enhet"), default=False, help_text=_("T.ex. en vitvara: modell och serienummer krävs.")
    )
    unit_description = models.CharField(_("enhet"), max_length=200, blank=True)
    unit_model = models.CharField(_("modellbeteckning"), max_length=200, blank=True)
    unit_serial = models.CharField(_("serienummer"), max_length=200, blank=True)
    action_performed = models.TextField(_("utförd åtgärd"), blank=True)
    ordered_at = models.DateTimeField(_("beställd"))
    accepted_at = models.DateTimeField(_("accepterad"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepterad av"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    completed_at = models.DateTimeField(_("utförd"), null=True, blank=True, db_index=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utförd av"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    invoiced_at = models.DateTimeField(_("fakturerad"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("makulerad"), null=True, blank=True)
    cancel_reason = models.CharField(_("skäl till makulering"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("arbetsorder")
        verbose_name_plural = _("arbetsorder")
        ordering = ["-ordered_at", "-id"]
        permissions = [("manage_workorder", _("Kan beställa, besvara, fakturera och makulera arbetsorder"))]
        indexes = [
            models.Index(fields=["contractor", "status"], name="records_wo_contractor_status"),
            models.Index(fields=["status", "order_type"], name="records_wo_status_type"),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return self.case.reference

    @property
    def orderer_display(self) -> str:
        if self.ordered_via_web:
            return str(TENANT_VIA_WEB)
        user = self.ordered_by
        return "" if user is None else (user.get_full_name() or user.get_username())

    @property
    def object_display(self) -> str:
        parts = [self.property_name]
        if self.apartment:
            parts.append(_("lgh %(n)s") % {"n": self.apartment})
        if self.address:
            parts.append(self.address)
        return ", ".join(str(p) for p in parts)


class WorkOrderNote(models.Model):
    """A note, an order question (Beställningsfråga) or the orderer's answer to one."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Notering")
        QUESTION = "question", _("Beställningsfråga")
        ANSWER = "answer", _("Svar")

    work_order = models.ForeignKey(
        WorkOrder, verbose_name=_("arbetsorder"), related_name="notes", on_delete=models.CASCADE
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.NOTE)
    text = models.TextField(_("text"))
    answer_to = models.OneToOneField(
        "self", verbose_name=_("svar på"), null=True, blank=True, related_name="answer", on_delete=models.CASCADE
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("av"), null=True, related_name="+", on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("skriven"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notering")
        verbose_name_plural = _("noteringar")
        ordering = ["work_order", "created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"
