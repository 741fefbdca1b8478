"""Retention rules: keep or dispose, on a process node or on a document type, with the authority."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from classification.models import DocumentType, Node

from ..choices import Action, TriggerChoices
from ..dates import Trigger
from ..wording import rule_phrase, target_label


class RetentionRuleQuerySet(models.QuerySet):
    def for_nodes(self):
        return self.filter(node__isnull=False)

    def for_document_types(self):
        return self.filter(document_type__isnull=False)

    def in_plan_order(self):
        """Rules in the plan's order; a document type's rule right after its process's, in the types' order."""
        return self.select_related("node", "document_type__node").order_by(
            Coalesce("node__tree_id", "document_type__node__tree_id"),
            Coalesce("node__lft", "document_type__node__lft"),
            F("document_type__position").asc(nulls_first=True),
            "id",
        )


class RetentionRule(models.Model):
    """One line of the retention schedule (informationshanteringsplan).

    Exactly one target: a node of the plan (inherited by everything beneath it) or a document
    type of a process (beats the process's rule for documents of that type).
    """

    node = models.ForeignKey(
        Node, verbose_name=_("nod"), null=True, blank=True, related_name="retention_rules", on_delete=models.PROTECT
    )
    document_type = models.ForeignKey(
        # CASCADE: a plan import may drop a document type; its documents then follow the process's rule.
        DocumentType,
        verbose_name=_("handlingstyp"),
        null=True,
        blank=True,
        related_name="retention_rules",
        on_delete=models.CASCADE,
    )
    action = models.CharField(_("åtgärd"), max_length=30, choices=Action.choices)
    years = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    months = models.PositiveSmallIntegerField(_("månader"), null=True, blank=True)
    trigger = models.CharField(
        _("räknas från"), max_length=30, choices=TriggerChoices.choices, default=Trigger.CASE_CLOSED, blank=True
    )
    authority = models.CharField(
        _("gallringsbeslut"), max_length=200, blank=True, help_text=_("Beslutet regeln vilar på, t.ex. GA 2019/3.")
    )
    note = models.TextField(_("anmärkning"), blank=True)
    updated_at = models.DateTimeField(_("senast ändrad"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ändrad av"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )

    objects = RetentionRuleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("gallringsregel")
        verbose_name_plural = _("informationshanteringsplan (gallringsregler)")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(node__isnull=False) & Q(document_type__isnull=True))
                | (Q(node__isnull=True) & Q(document_type__isnull=False)),
                name="retention_rule_exactly_one_target",
                violation_error_message=_(
                    "En regel gäller antingen en nod eller en handlingstyp, inte båda eller ingen."
                ),
            ),
            models.UniqueConstraint(
                fields=["node"],
                condition=Q(node__isnull=False),
                name="retention_one_rule_per_node",
                violation_error_message=_("Noden har redan en gallringsregel; ändra den i stället."),
            ),
            models.UniqueConstraint(
                fields=["document_type"],
                condition=Q(document_type__isnull=False),
                name="retention_one_rule_per_document_type",
                violation_error_message=_("Handlingstypen har redan en gallringsregel; ändra den i stället."),
            ),
            models.CheckConstraint(
                condition=Q(action__in=Action.values),
                name="retention_rule_known_action",
                violation_error_message=_("Okänd åtgärd."),
            ),
            models.CheckConstraint(
                condition=Q(trigger__in=[*TriggerChoices.values, ""]),
                name="retention_rule_known_trigger",
                violation_error_message=_("Okänd utgångspunkt för gallringsfristen."),
            ),
            models.CheckConstraint(
                condition=~Q(action=Action.PRESERVE) | (Q(years__isnull=True) & Q(months__isnull=True)),
                name="retention_preserve_has_no_period",
                violation_error_message=_("Det som bevaras har ingen gallringsfrist."),
            ),
            models.CheckConstraint(
                # IS NOT NULL spelled out: a CHECK passes when its condition is NULL.
                condition=~Q(action=Action.DISPOSE)
                | Q(years__isnull=False, years__gt=0)
                | Q(months__isnull=False, months__gt=0),
                name="retention_dispose_has_period",
                violation_error_message=_("Ange gallringsfristen (år och/eller månader) för det som gallras."),
            ),
        ]

    def __str__(self):
        return f"{target_label(self)}: {rule_phrase(self)}"

    @property
    def total_months(self) -> int:
        return (self.years or 0) * 12 + (self.months or 0)

    @property
    def source_node(self) -> Node:
        """The node the rule sits on (a document type's rule sits on its process)."""
        return self.node if self.node_id else self.document_type.node

    @property
    def signature(self) -> str:
        """What decides a record's fate under this rule; a disposal list compares it at execution."""
        return f"{self.pk}|{self.action}|{self.total_months}|{self.trigger}|{self.authority}"

    @classmethod
    def effective_for(cls, process: Node, document_type: DocumentType | None = None) -> "RetentionRule | None":
        """The rule in force: the document type's own rule, else the process's, else the nearest ancestor's."""
        if document_type is not None and document_type.node_id == process.pk:
            own = cls.objects.filter(document_type=document_type).select_related("document_type__node").first()
            if own is not None:
                return own
        ancestors = process.get_ancestors(ascending=False, include_self=True)
        return cls.objects.filter(node__in=ancestors).select_related("node").order_by("-node__level").first()
