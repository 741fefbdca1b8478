"""The stored retention of each case: the rule in force, where it comes from, and the due date."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from classification.models import Node
from records.models import Case

from .rules import Action, RetentionRule

# The report key packs what the report counts by into one integer: the due year, whether the
# record is to be reviewed, and the process (year × 10¹³ + review × 10¹² + process id). Grouping
# and range-scanning one indexed integer is what keeps the report near the cost of a bare count.
YEAR_FACTOR = 10**13
REVIEW_FACTOR = 10**12


class ReportKey(models.Func):
    """report_key's expression in plain built-in SQL, for a stored generated column (NULL when not due)."""

    arity = 3  # due_date, action, process_id
    output_field = models.BigIntegerField()
    template = (
        f"(CAST(EXTRACT(YEAR FROM %(due)s) AS bigint) * {YEAR_FACTOR} "
        f"+ CASE WHEN %(action)s = '{Action.DISPOSE_WHEN_OBSOLETE}' THEN {REVIEW_FACTOR} ELSE 0 END + %(process)s)"
    )
    sqlite_template = (
        f"(CAST(substr(%(due)s, 1, 4) AS integer) * {YEAR_FACTOR} "
        f"+ CASE WHEN %(action)s = '{Action.DISPOSE_WHEN_OBSOLETE}' THEN {REVIEW_FACTOR} ELSE 0 END + %(process)s)"
    )

    def as_sql(self, compiler, connection, template=None, **extra):
        due, action, process = (compiler.compile(expression) for expression in self.get_source_expressions())
        sql = (template or self.template) % {"due": due[0], "action": action[0], "process": process[0]}
        return sql, [*due[1], *action[1], *process[1]]

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template=self.sqlite_template, **extra)


def split_report_key(key: int) -> tuple[int, bool, int]:
    """(due year, to review, process id) from a report key."""
    return key // YEAR_FACTOR, bool(key // REVIEW_FACTOR % 10), key % REVIEW_FACTOR


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
        RetentionRule,
        verbose_name=_("regel"),
        null=True,
        blank=True,
        related_name="case_retentions",
        on_delete=models.SET_NULL,
    )
    source_node = models.ForeignKey(
        Node, verbose_name=_("regeln sitter på"), null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    action = models.CharField(_("åtgärd"), max_length=30, choices=Action.choices, blank=True)
    trigger_date = models.DateField(_("räknas från"), null=True, blank=True)
    due_date = models.DateField(_("gallringsbar från"), null=True, blank=True)
    report_key = models.GeneratedField(
        expression=ReportKey("due_date", "action", "process"),
        output_field=models.BigIntegerField(),
        db_persist=True,
        verbose_name=_("rapportnyckel"),
    )
    computed_at = models.DateTimeField(_("beräknad"))

    class Meta:
        verbose_name = _("gallringsdatum för ärende")
        verbose_name_plural = _("gallringsdatum för ärenden")
        indexes = [
            # The report's rows, in the order they are listed (due date, then case).
            models.Index(fields=["due_date", "case"], name="retention_due_order"),
            # The report's counts: an index-only range scan aggregated in index order (no hashing).
            models.Index(fields=["report_key", "due_date"], name="retention_report_key"),
            models.Index(fields=["process", "due_date"], name="retention_process_due"),
        ]
        constraints = [
            # The report counts "due_date <= day" alone: only what may go has a date.
            models.CheckConstraint(
                condition=models.Q(due_date__isnull=True)
                | models.Q(action__in=[Action.DISPOSE, Action.DISPOSE_WHEN_OBSOLETE]),
                name="retention_only_disposable_is_due",
            ),
        ]
        permissions = [("view_retention_report", _("Kan se gallringsrapporten"))]

    def __str__(self):
        return f"{self.case_id}: {self.action} {self.due_date or '–'}"

    @property
    def report_action(self) -> str | None:
        return REPORT_ACTIONS.get(self.action)
