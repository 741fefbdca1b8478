"""The stored retention of each case: the rule in force, where it comes from, and the due date."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from classification.models import Node
from records.models import Case

from .rules import Action, RetentionRule

# What a due record asks of the archivist: dispose, or review (vid inaktualitet).
REPORT_ACTIONS = {Action.DISPOSE: "gallras", Action.DISPOSE_WHEN_OBSOLETE: "granskas"}


class CaseRetention(models.Model):
    """Kept right by the recompute services (on rule changes, closing, reopening, reclassification).

    `action` is the case's outcome: preserved if any of its parts (the case under its process's
    rule, its documents under their document types' rules) is preserved, else reviewed if any part
    is "vid inaktualitet", else disposed; `due_date` is the latest of the parts' dates and is
    empty while the case is open or when nothing is ever due.
    """

    case = models.OneToOneField(
        Case, verbose_name=_("ärende"), primary_key=True, related_name="retention", on_delete=models.CASCADE
    )
    # Copied from the case so the report filters and groups without joining the register.
    process = models.ForeignKey(Node, verbose_name=_("process"), related_name="+", on_delete=models.PROTECT)
    rule = models.ForeignKey(
        RetentionRule, verbose_name=_("regel"), null=True, blank=True, related_name="case_retentions",
        on_delete=models.SET_NULL,
    )
    source_node = models.ForeignKey(
        Node, verbose_name=_("regeln sitter på"), null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    action = models.CharField(_("åtgärd"), max_length=30, choices=Action.choices, blank=True)
    trigger_date = models.DateField(_("räknas från"), null=True, blank=True)
    due_date = models.DateField(_("gallringsbar från"), null=True, blank=True)
    computed_at = models.DateTimeField(_("beräknad"))

    class Meta:
        verbose_name = _("gallringsdatum för ärende")
        verbose_name_plural = _("gallringsdatum för ärenden")
        indexes = [
            models.Index(fields=["due_date", "action"], name="retention_due_action"),
            models.Index(fields=["process", "due_date"], name="retention_process_due"),
        ]
        permissions = [("view_retention_report", _("Kan se gallringsrapporten"))]

    def __str__(self):
        return f"{self.case_id}: {self.action} {self.due_date or '–'}"

    @property
    def report_action(self) -> str | None:
        return REPORT_ACTIONS.get(self.action)
