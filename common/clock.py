"""The time every service stamps on what it does: one clock, which demo data and backfills can backdate; and
the one rule for showing a moment to a person: in local time (TIME_ZONE), whatever the database holds."""

import contextvars
import datetime
from contextlib import contextmanager

from django.utils import timezone

_backdated: contextvars.ContextVar[datetime.datetime | None] = contextvars.ContextVar("ordna_backdated", default=None)


def now() -> datetime.datetime:
    return _backdated.get() or timezone.now()


def today() -> datetime.date:
    """The local date (TIME_ZONE) of `now()`."""
    return timezone.localdate(now())


def local_time(moment: datetime.datetime | None, empty: str = "") -> str:
    """A moment as the local wall-clock time, "2026-06-01 06:47"; `empty` for None."""
    return empty if moment is None else timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def local_day(moment: datetime.datetime | None, empty: str = "") -> str:
    """The local date of a moment, "2026-06-01" (a moment at 00:30 in Stockholm is 22:30 the day before in UTC)."""
    return empty if moment is None else timezone.localdate(moment).isoformat()


def local_iso(moment: datetime.datetime | None) -> str | None:
    """ISO 8601 with the local offset, as DRF writes DateTimeFields: "2026-06-01T06:47:00+02:00"."""
    return None if moment is None else timezone.localtime(moment).isoformat()


@contextmanager
def backdated(moment: datetime.datetime):
    """Run services as if it were `moment` (demo data, backfill from an older system)."""
    token = _backdated.set(moment)
    try:
        yield
    finally:
        _backdated.reset(token)


def stamp(instance, user, reason: str = "", on: datetime.date | None = None) -> None:
    """Who, why and when for the history row the next save writes.

    `on` backdates the row to a day (backfill, demo); today's clock time keeps a backfilled day's
    events in the order they were entered. Without it a backdated clock gives the time.
    """
    instance._history_user = user
    if reason:
        instance._change_reason = reason[:100]
    if on is not None and on != timezone.localdate():
        moment = datetime.datetime.combine(on, timezone.localtime().time())
        instance._history_date = timezone.make_aware(moment)
    elif _backdated.get() is not None:
        instance._history_date = now()
