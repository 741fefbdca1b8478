"""Handing one task to Celery within a deadline, or running it here when no broker is configured.

Publishing runs in a short-lived thread that the caller waits for at most PUBLISH_DEADLINE_SECONDS: the
broker's socket timeouts (config/broker.py) normally answer first, and the deadline holds even where a
transport ignores them. After a failed publish this process leaves the broker alone for BREAKER_SECONDS,
so a broker outage costs one request a short wait, not every request; the periodic job tries again.
"""

import threading
import time
import uuid
from datetime import timedelta

from celery import current_app
from django.utils.translation import gettext as _

# Above the broker socket timeout (2 s by default), so that the broker's own error is what gets recorded.
PUBLISH_DEADLINE_SECONDS = 3.0
BREAKER_SECONDS = 30.0
# A task handed over this long ago and never reported done is handed over again: the broker may have lost
# it (a Redis restart without persistence). Longer than Redis's visibility timeout (1 h), after which
# Celery itself delivers an unacknowledged task again.
REDELIVER_AFTER = timedelta(hours=2)
TASK_ID_PREFIX = "outbox"


class BrokerUnavailable(Exception):
    """The broker did not take the task (down, frozen, refused); the entry stays pending."""


class Breaker:
    """Remembers, per process, that the broker just failed, so that requests stop waiting for it."""

    def __init__(self):
        self._open_until = 0.0

    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def trip(self) -> None:
        self._open_until = time.monotonic() + BREAKER_SECONDS

    def reset(self) -> None:
        self._open_until = 0.0


breaker = Breaker()


def runs_in_process() -> bool:
    """No broker configured (the embedded default, tests): tasks run in the process that commits."""
    return bool(current_app.conf.task_always_eager)


def task_named(name: str):
    return current_app.tasks[name]


def task_id_for(entry_id: int, revision: int) -> str:
    """A Celery task id that names its outbox entry, so the worker can report the entry done."""
    return f"{TASK_ID_PREFIX}-{entry_id}-{revision}-{uuid.uuid4().hex}"


def entry_of(task_id: str | None) -> tuple[int, int] | None:
    """(entry id, revision) from a task id made by task_id_for; None for any other task."""
    parts = (task_id or "").split("-")
    if len(parts) != 4 or parts[0] != TASK_ID_PREFIX or not (parts[1].isdigit() and parts[2].isdigit()):
        return None
    return int(parts[1]), int(parts[2])


def publish(task, args: list, kwargs: dict, task_id: str) -> None:
    """Send the task to the broker, or raise BrokerUnavailable within PUBLISH_DEADLINE_SECONDS."""
    outcome: dict = {}

    def send():
        try:
            task.apply_async(args=args, kwargs=kwargs, task_id=task_id)
        except Exception as error:  # noqa: BLE001 - handed to the waiting caller
            outcome["error"] = error

    # A daemon thread: one stuck on a broker that ignores its timeouts must not keep the process alive.
    sender = threading.Thread(target=send, name=f"outbox-publish-{task_id}", daemon=True)
    sender.start()
    sender.join(PUBLISH_DEADLINE_SECONDS)
    if sender.is_alive():
        breaker.trip()
        raise BrokerUnavailable(
            _("Kön svarade inte inom %(seconds)s sekunder.") % {"seconds": f"{PUBLISH_DEADLINE_SECONDS:g}"}
        )
    if "error" in outcome:
        breaker.trip()
        error = outcome["error"]
        raise BrokerUnavailable(
            _("Kön tog inte emot uppgiften: %(error)s") % {"error": f"{type(error).__name__}: {error}"}
        ) from error
    breaker.reset()


def run_here(task, args: list, kwargs: dict) -> None:
    """Run the task in this process as a worker would, retrying what it retries, without the waits."""
    retry_on = tuple(getattr(task, "autoretry_for", ()) or ())
    tries = (task.max_retries or 0) + 1 if retry_on else 1
    for attempt in range(1, tries + 1):
        try:
            task(*args, **kwargs)
            return
        except retry_on:
            if attempt == tries:
                raise
