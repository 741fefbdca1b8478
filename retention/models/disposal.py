"""Disposal lists (gallringslistor) and their items: draft, review, approval, execution."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from classification.models import Node
from records.models import Case

from .rules import Action, RetentionRule


class ListStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    IN_REVIEW = "in_review", _("Under granskning")
    APPROVED = "approved", _("Godkänd")
    EXECUTING = "executing", _("Verkställs")
    EXECUTED = "executed", _("Verkställd")
    CANCELLED = "cancelled", _("Avbruten")


# Lists whose pending items still claim their cases (a case is on at most one of them).
OPEN_STATUSES = (ListStatus.DRAFT, ListStatus.IN_REVIEW, ListStatus.APPROVED, ListStatus.EXECUTING)


class DisposalList(models.Model):
    name = models.CharField(_("namn"), max_length=120, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=ListStatus.choices, default=ListStatus.DRAFT)
    as_of = models.DateField(_("gallringsbart per"))
    process = models.ForeignKey(
        Node, verbose_name=_("urval: process"), null=True, blank=True, related_name="+", on_delete=models.PROTECT
    )
    note = models.TextField(_("anteckning"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("upprättad av"), null=True, related_name="+", on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("upprättad"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("till granskning"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("godkänd av"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    approved_at = models.DateTimeField(_("godkänd"), null=True, blank=True)
    executed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verkställd av"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    execution_started_at = models.DateTimeField(_("verkställighet påbörjad"), null=True, blank=True)
    executed_at = models.DateTimeField(_("verkställd"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("avbruten"), null=True, blank=True)
    # The disposal certificate (gallringsprotokoll), filed as a case under 2.6.2.
    certificate_case = models.ForeignKey(
        Case, verbose_name=_("gallringsprotokoll"), null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    certificate_reference = models.CharField(_("gallringsprotokollets diarienummer"), max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gallringslista")
        verbose_name_plural = _("gallringslistor")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("approve_disposallist", _("Kan godkänna gallringslistor")),
            ("execute_disposallist", _("Kan verkställa gallringslistor")),
        ]

    def __str__(self):
        return self.name


class ItemState(models.TextChoices):
    PENDING = "pending", _("Väntar")
    DISPOSED = "disposed", _("Gallrad")
    EXCLUDED = "excluded", _("Undantagen")


class ExclusionStage(models.TextChoices):
    REVIEW = "review", _("vid granskning")
    EXECUTION = "execution", _("vid verkställighet")


class DisposalItem(models.Model):
    """One case on a list, with what was approved (rule, due date, process) to check again at execution."""

    disposal_list = models.ForeignKey(
        DisposalList, verbose_name=_("gallringslista"), related_name="items", on_delete=models.CASCADE
    )
    # SET_NULL: the case row goes when it is disposed of; the item keeps its number.
    case = models.ForeignKey(
        Case, verbose_name=_("ärende"), null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    case_key = models.BigIntegerField(_("ärendets id"), editable=False)
    case_reference = models.CharField(_("diarienummer"), max_length=60)
    process = models.ForeignKey(Node, verbose_name=_("process"), related_name="+", on_delete=models.PROTECT)
    rule = models.ForeignKey(
        RetentionRule, verbose_name=_("regel"), null=True, related_name="+", on_delete=models.SET_NULL
    )
    rule_signature = models.CharField(_("regelns innehåll"), max_length=300)
    rule_description = models.CharField(_("regel"), max_length=400)
    action = models.CharField(_("åtgärd"), max_length=30, choices=Action.choices)
    due_date = models.DateField(_("gallringsbar från"))
    state = models.CharField(_("läge"), max_length=20, choices=ItemState.choices, default=ItemState.PENDING)
    exclusion_reason = models.TextField(_("skäl för undantag"), blank=True)
    exclusion_stage = models.CharField(_("undantagen"), max_length=20, choices=ExclusionStage.choices, blank=True)
    excluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undantagen av"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    processed_at = models.DateTimeField(_("hanterad"), null=True, blank=True)
    # Storage names still to delete after the disposal committed (emptied once they are gone).
    files_to_delete = models.JSONField(default=list, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["files_to_delete"])

    class Meta:
        verbose_name = _("post i gallringslista")
        verbose_name_plural = _("poster i gallringslistan")
        ordering = ["disposal_list", "due_date", "case_key"]
        constraints = [
            models.UniqueConstraint(fields=["disposal_list", "case_key"], name="retention_one_item_per_case_and_list"),
        ]
        indexes = [models.Index(fields=["disposal_list", "state"], name="retention_item_list_state")]

    def __str__(self):
        return self.case_reference
