"""Recording follow-up work in the caller's transaction, and handing it over after commit, or later, again.

    enqueue(tasks.index_case, case.pk, dedupe=True)   # inside the transaction that changed the case

The entry commits with the change or not at all. After the commit it is handed to Celery (published to the
broker, or run here when no broker is configured) and marked; an entry the broker did not take stays
pending and the periodic job (`outbox.redispatch`, every minute) hands it over again. Tasks take ids and
are idempotent, so handing one over twice is harmless; losing one is what this module prevents.
"""

import enum
import hashlib
import json
import logging
import time
from datetime import timedelta

from celery.exceptions import NotRegistered
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import publishing
from .models import PENDING, OutboxEntry

logger = logging.getLogger(__name__)

# While one process hands an entry over, others leave it alone this long (a crash in between frees it).
LEASE = timedelta(minutes=5)
# Work that keeps failing in-process is tried again after 1, 2, 4 ... minutes, at most an hour apart;
# after MAX_ATTEMPTS it waits for a person (the admin, `manage.py drain_outbox`) or a new request.
MAX_ATTEMPTS = 12
BATCH = 200
KEY_LENGTH = OutboxEntry._meta.get_field("dedupe_key").max_length
KEEP_FINISHED = timedelta(days=7)


class Outcome(enum.Enum):
    HANDED_OVER = "handed over"
    FAILED = "failed"  # ran here and raised; tried again later
    BROKER_DOWN = "broker down"
    SKIPPED = "skipped"  # someone else has it, or it is no longer pending


def enqueue(task, *args, dedupe: bool = False, **kwargs) -> None:
    """Record that `task(*args, **kwargs)` must run once the current transaction commits.

    With `dedupe`, a pending entry for the same task and arguments takes this request instead of a new row.
    """
    key = _dedupe_key(task.name, args, kwargs) if dedupe else ""
    entry_id = _bump(key) if key else None
    if entry_id is None:
        entry_id = _insert(task.name, list(args), kwargs, key)
    transaction.on_commit(lambda: dispatch(entry_id), robust=True)


def _dedupe_key(name: str, args, kwargs) -> str:
    """The task and its arguments; long arguments (a list of node codes) by their digest, never cut short."""
    arguments = json.dumps([list(args), kwargs], sort_keys=True, separators=(",", ":"))
    key = f"{name}:{arguments}"
    if len(key) > KEY_LENGTH:
        key = f"{name}:sha256:{hashlib.sha256(arguments.encode()).hexdigest()}"
    return key


def _bump(key: str) -> int | None:
    """Join the pending entry with this key, if any. Its new revision tells a handover under way that it
    no longer covers everything (and on PostgreSQL the row lock holds that handover until we commit)."""
    joined = OutboxEntry.objects.filter(PENDING, dedupe_key=key).update(
        revision=F("revision") + 1, next_attempt_at=timezone.now(), attempts=0
    )
    if not joined:
        return None
    return OutboxEntry.objects.filter(PENDING, dedupe_key=key).values_list("pk", flat=True).first()


def _insert(name: str, args: list, kwargs: dict, key: str) -> int:
    try:
        with transaction.atomic():  # a savepoint: a lost race must not break the caller's transaction
            return OutboxEntry.objects.create(task_name=name, args=args, kwargs=kwargs, dedupe_key=key).pk
    except IntegrityError:
        # A concurrent transaction recorded the same work and committed first: join its entry.
        entry_id = _bump(key)
        if entry_id is None:
            raise
        return entry_id


def dispatch(entry_id: int) -> None:
    """Hand one entry over now, after the commit that wrote it. Never raises: what fails stays pending."""
    try:
        _hand_over_pending(entry_id, respect_breaker=True)
    except Exception:
        logger.exception("Outbox entry %s could not be handed over; the periodic job tries again.", entry_id)


def redispatch_due(time_budget: float = 45.0) -> int:
    """The periodic job: hand over pending entries that are due, then those handed over long ago that no
    worker reported done. Stops at the first refusal of the broker (it is down; a minute later we try again).
    Returns how many were handed over."""
    deadline = time.monotonic() + time_budget
    handed = 0
    for batch in (_due_batch, _unfinished_batch):
        while time.monotonic() < deadline:
            rows = batch()
            for entry_id, dispatched_at in rows:
                outcome = _guarded(entry_id, dispatched_at)
                if outcome is Outcome.BROKER_DOWN:
                    return handed
                handed += outcome is Outcome.HANDED_OVER
            if len(rows) < BATCH:
                break
    return handed


def _guarded(entry_id: int, dispatched_at) -> Outcome:
    """One entry of the periodic job; a surprise in one (a database error) must not stop the others."""
    try:
        if dispatched_at:
            return _redeliver(entry_id, dispatched_at)
        return _hand_over_pending(entry_id, respect_breaker=False)
    except Exception:
        logger.exception("Outbox entry %s could not be handed over; it is tried again later.", entry_id)
        return Outcome.FAILED


def _due_batch():
    due = OutboxEntry.objects.filter(PENDING, next_attempt_at__lte=timezone.now(), attempts__lt=MAX_ATTEMPTS)
    return list(due.order_by("next_attempt_at", "pk").values_list("pk", "dispatched_at")[:BATCH])


def _unfinished_batch():
    unfinished = OutboxEntry.objects.filter(
        completed_at__isnull=True,
        dispatched_at__lt=timezone.now() - publishing.REDELIVER_AFTER,
        attempts__lt=MAX_ATTEMPTS,
    )
    return list(unfinished.order_by("dispatched_at", "pk").values_list("pk", "dispatched_at")[:BATCH])


def hand_over_now(entry_ids, *, in_process: bool | None = None) -> int:
    """Hand these entries over now, due or not, given up or not (the admin's action, `drain_outbox`);
    `in_process` runs them here whatever the broker. Stops at the first refusal; returns how many went."""
    handed = 0
    unfinished = OutboxEntry.objects.filter(pk__in=list(entry_ids), completed_at__isnull=True)
    for entry_id, dispatched_at in unfinished.order_by("pk").values_list("pk", "dispatched_at"):
        if dispatched_at:
            outcome = _redeliver(entry_id, dispatched_at, in_process=in_process)
        else:
            outcome = _hand_over_pending(entry_id, respect_breaker=False, force=True, in_process=in_process)
        if outcome is Outcome.BROKER_DOWN:
            break
        handed += outcome is Outcome.HANDED_OVER
    return handed


def drain(*, in_process: bool = False) -> tuple[int, int]:
    """Hand over every pending entry now (`manage.py drain_outbox`). Returns (handed over, still pending)."""
    handed = hand_over_now(
        OutboxEntry.objects.filter(PENDING).values_list("pk", flat=True), in_process=True if in_process else None
    )
    return handed, OutboxEntry.objects.filter(PENDING).count()


def purge_finished(older_than: timedelta = KEEP_FINISHED) -> int:
    """Delete entries done more than a week ago; pending and unfinished ones stay."""
    deleted, _ = OutboxEntry.objects.filter(completed_at__lt=timezone.now() - older_than).delete()
    return deleted


def _hand_over_pending(
    entry_id: int, *, respect_breaker: bool, force: bool = False, in_process: bool | None = None
) -> Outcome:
    in_process = publishing.runs_in_process() if in_process is None else in_process
    if not in_process and respect_breaker and publishing.breaker.is_open():
        return Outcome.BROKER_DOWN
    now = timezone.now()
    claim = OutboxEntry.objects.filter(PENDING, pk=entry_id)
    if not force:
        claim = claim.filter(next_attempt_at__lte=now)
    if not claim.update(next_attempt_at=now + LEASE):
        return Outcome.SKIPPED
    entry = OutboxEntry.objects.get(pk=entry_id)
    if in_process:
        return _run_here(entry)
    try:
        _publish(entry)
    except publishing.BrokerUnavailable as error:
        OutboxEntry.objects.filter(pk=entry_id).update(next_attempt_at=timezone.now(), last_error=str(error)[:2000])
        logger.warning("Outbox entry %s (%s) stays pending: %s", entry_id, entry.task_name, error)
        return Outcome.BROKER_DOWN
    except NotRegistered:
        # A task renamed or removed by an upgrade: nothing to retry; the admin shows it.
        OutboxEntry.objects.filter(pk=entry_id).update(
            attempts=MAX_ATTEMPTS,
            last_error=_("Det finns ingen uppgift med namnet %(name)s.") % {"name": entry.task_name},
        )
        logger.error("Outbox entry %s names no known task: %s", entry_id, entry.task_name)
        return Outcome.FAILED
    # Noted only if nobody asked for the work again meanwhile; else it stays pending and goes again.
    OutboxEntry.objects.filter(pk=entry_id, revision=entry.revision).update(
        dispatched_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
    )
    return Outcome.HANDED_OVER


def _redeliver(entry_id: int, dispatched_at, *, in_process: bool | None = None) -> Outcome:
    """Hand over again an entry no worker reported done (lost by the broker, or failed for good there)."""
    if not OutboxEntry.objects.filter(pk=entry_id, dispatched_at=dispatched_at, completed_at__isnull=True).update(
        dispatched_at=timezone.now()
    ):
        return Outcome.SKIPPED
    entry = OutboxEntry.objects.get(pk=entry_id)
    if publishing.runs_in_process() if in_process is None else in_process:
        return _run_here(entry)
    try:
        _publish(entry)
    except publishing.BrokerUnavailable as error:
        OutboxEntry.objects.filter(pk=entry_id).update(dispatched_at=dispatched_at, last_error=str(error)[:2000])
        return Outcome.BROKER_DOWN
    OutboxEntry.objects.filter(pk=entry_id).update(attempts=F("attempts") + 1)
    return Outcome.HANDED_OVER


def _publish(entry: OutboxEntry) -> None:
    task = publishing.task_named(entry.task_name)
    publishing.publish(task, entry.args, entry.kwargs, publishing.task_id_for(entry.pk, entry.revision))


def _run_here(entry: OutboxEntry) -> Outcome:
    try:
        task = publishing.task_named(entry.task_name)
        publishing.run_here(task, entry.args, entry.kwargs)
    except Exception as error:
        logger.exception("Outbox entry %s (%s) failed in-process; it is tried again later.", entry.pk, entry.task_name)
        attempts = entry.attempts + 1
        OutboxEntry.objects.filter(pk=entry.pk).update(
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=timezone.now() + min(timedelta(minutes=2 ** (attempts - 1)), timedelta(hours=1)),
        )
        return Outcome.FAILED
    now = timezone.now()
    OutboxEntry.objects.filter(pk=entry.pk, revision=entry.revision).update(
        dispatched_at=now, completed_at=now, attempts=F("attempts") + 1, last_error=""
    )
    return Outcome.HANDED_OVER
