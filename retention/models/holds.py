"""Legal holds (spärrar): a case, or a whole subtree of the plan, that must not be disposed of."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from classification.models import Node
from records.models import Case


class LegalHoldQuerySet(models.QuerySet):
    def active(self):
        return self.filter(released_at__isnull=True)

    def covering(self, case: Case):
        """Active holds on the case itself, on its process or any node above it, or on a subtree the
        case was under while the hold was active (see HeldCase)."""
        nodes = case.process.get_ancestors(include_self=True)
        held = HeldCase.objects.filter(case=case).values("hold_id")
        return self.active().filter(Q(case=case) | Q(node__in=nodes) | Q(pk__in=held))


class LegalHold(models.Model):
    case = models.ForeignKey(
        Case, verbose_name=_("ärende"), null=True, blank=True, related_name="legal_holds", on_delete=models.SET_NULL
    )
    node = models.ForeignKey(
        Node,
        verbose_name=_("nod (med allt under)"),
        null=True,
        blank=True,
        related_name="legal_holds",
        on_delete=models.PROTECT,
    )
    # Kept when the case row goes, so the hold's history still says what it was on.
    case_reference = models.CharField(_("diarienummer"), max_length=60, blank=True, editable=False)
    reason = models.TextField(_("skäl"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("satt av"), null=True, related_name="+", on_delete=models.PROTECT
    )
    set_at = models.DateTimeField(_("satt"), auto_now_add=True)
    released_at = models.DateTimeField(_("hävd"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hävd av"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    release_reason = models.TextField(_("skäl för hävning"), blank=True)

    objects = LegalHoldQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gallringsspärr")
        verbose_name_plural = _("gallringsspärrar")
        ordering = ["-set_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=True) | Q(node__isnull=True),
                name="retention_hold_one_target",
                violation_error_message=_("En spärr gäller antingen ett ärende eller en nod i strukturen."),
            ),
        ]

    def __str__(self):
        return f"{self.target_label}: {self.reason[:60]}"

    @property
    def target_label(self) -> str:
        if self.node_id:
            return _("%(code)s med allt under") % {"code": self.node.code}
        return self.case_reference or str(self.case_id)

    @property
    def is_active(self) -> bool:
        return self.released_at is None


class HeldCase(models.Model):
    """A case a subtree hold holds: under the node when the hold was placed, or filed or moved there
    while it was active. Recorded so that the hold follows the case wherever it is reclassified to;
    it stops holding the case only when the hold is released."""

    hold = models.ForeignKey(LegalHold, verbose_name=_("spärr"), related_name="held_cases", on_delete=models.CASCADE)
    case = models.ForeignKey(Case, verbose_name=_("ärende"), related_name="+", on_delete=models.CASCADE)
    process_code = models.CharField(_("process när ärendet spärrades"), max_length=40)
    held_at = models.DateTimeField(_("spärrat"), auto_now_add=True)

    class Meta:
        verbose_name = _("ärende under gallringsspärr")
        verbose_name_plural = _("ärenden under gallringsspärr")
        constraints = [models.UniqueConstraint(fields=["hold", "case"], name="retention_held_case_once")]

    def __str__(self):
        return f"{self.hold_id}: {self.case_id}"
