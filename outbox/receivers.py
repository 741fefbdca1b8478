"""The worker's report: a task handed over by the outbox that finished is marked done (or its error noted)."""

from celery import states
from celery.signals import task_postrun
from django.dispatch import receiver
from django.utils import timezone

from . import publishing
from .models import OutboxEntry


@receiver(task_postrun, dispatch_uid="outbox_task_finished")
def task_finished(sender=None, task_id=None, retval=None, state=None, **kwargs):
    entry = publishing.entry_of(task_id)
    if entry is None:
        return  # not handed over by the outbox (a periodic job, a direct call)
    entry_id, revision = entry
    if state == states.SUCCESS:
        # Only the revision that was handed over: a request that came after it is still pending.
        OutboxEntry.objects.filter(pk=entry_id, revision=revision).update(completed_at=timezone.now(), last_error="")
    elif state == states.FAILURE:
        # Celery gave up retrying; the periodic job hands it over again after a while (REDELIVER_AFTER).
        OutboxEntry.objects.filter(pk=entry_id).update(last_error=f"{type(retval).__name__}: {retval}"[:2000])
