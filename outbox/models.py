"""One row per piece of work that must follow a commit: which task, with which arguments, and how far it got."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PENDING = Q(dispatched_at__isnull=True, completed_at__isnull=True)


class OutboxEntry(models.Model):
    """Written in the transaction whose commit calls for the work; handed to Celery (or run) after it.

    Pending until handed over (`dispatched_at`); done when the task reported success (`completed_at`).
    A `dedupe_key` keeps one pending entry per key (e.g. one index update per case): a second request
    bumps `revision` instead, so a handover that was under way when it came is not taken as covering it.
    """

    task_name = models.CharField(_("uppgift"), max_length=200)
    args = models.JSONField(_("argument"), default=list, blank=True)
    kwargs = models.JSONField(_("namngivna argument"), default=dict, blank=True)
    dedupe_key = models.CharField(_("nyckel"), max_length=255, blank=True)
    revision = models.PositiveIntegerField(_("version"), default=0)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    next_attempt_at = models.DateTimeField(_("nästa försök"), default=timezone.now)
    dispatched_at = models.DateTimeField(_("lämnad till kön"), null=True, blank=True)
    completed_at = models.DateTimeField(_("klar"), null=True, blank=True)
    last_error = models.TextField(_("senaste fel"), blank=True)

    class Meta:
        verbose_name = _("bakgrundsuppgift")
        verbose_name_plural = _("bakgrundsuppgifter")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=PENDING & ~Q(dedupe_key=""),
                name="outbox_one_pending_entry_per_key",
            )
        ]
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=PENDING, name="outbox_pending_due"),
            models.Index(
                fields=["dispatched_at"],
                condition=Q(completed_at__isnull=True, dispatched_at__isnull=False),
                name="outbox_unfinished",
            ),
            models.Index(fields=["completed_at"], condition=Q(completed_at__isnull=False), name="outbox_finished"),
        ]

    def __str__(self):
        return f"{self.task_name}{tuple(self.args)}"
