"""The time the work-order and installer services stamp on what they do; demo data can backdate it."""

import contextvars
import datetime
from contextlib import contextmanager

from django.utils import timezone

_backdated: contextvars.ContextVar[datetime.datetime | None] = contextvars.ContextVar("records_backdated", default=None)


def now() -> datetime.datetime:
    return _backdated.get() or timezone.now()


def today() -> datetime.date:
    return timezone.localdate(now())


@contextmanager
def backdated(moment: datetime.datetime):
    """Run services as if it were `moment` (demo data, backfill from an older system)."""
    token = _backdated.set(moment)
    try:
        yield
    finally:
        _backdated.reset(token)


def stamp(instance, user, reason: str = "") -> None:
    """Who, why and when for the history row the next save writes."""
    instance._history_user = user
    instance._history_date = now()
    if reason:
        instance._change_reason = reason[:100]
