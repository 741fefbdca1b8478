"""Retention's Celery tasks: they take ids, are idempotent, and are sent on commit.

They are declared here, beside the services they run, rather than in `retention/tasks.py`: the
disposal and rule services queue them, and a tasks module that imports the services while the
services import it back is an import cycle. This module imports only the execution and recompute
services, which queue nothing, and the outbox; `retention/tasks.py` re-exports the tasks for Celery's autodiscovery.
"""

import logging

from celery import shared_task
from django.db import transaction

from outbox.services import enqueue

from .execution import interrupted_lists, run_disposal
from .recompute import recompute_cases, recompute_scope

logger = logging.getLogger(__name__)


@shared_task(name="retention.recompute_case")
def recompute_case_retention(case_id: int) -> None:
    """Store the case's rule and due date again (a missing case is simply skipped)."""
    recompute_cases([case_id])


@shared_task(name="retention.recompute_scope")
def recompute_retention_scope(node_ids: list[int] | None = None) -> None:
    """Recompute the cases under the given nodes (None: the whole register)."""
    recompute_scope(node_ids)


@shared_task(name="retention.run_disposal", acks_late=True)
def run_disposal_list(list_id: int) -> None:
    """Execute (or resume) a disposal list; every item is done at most once."""
    run_disposal(list_id)


@shared_task(name="retention.resume_interrupted_disposals")
def resume_interrupted_disposals(older_than_minutes: int = 15) -> int:
    """Periodic safety net: lists left executing by a crashed worker are picked up again."""
    lists = list(interrupted_lists(older_than_minutes))
    with transaction.atomic():
        for disposal_list in lists:
            logger.warning("Resuming disposal list %s left executing", disposal_list.pk)
            enqueue(run_disposal_list, disposal_list.pk, dedupe=True)
    return len(lists)
