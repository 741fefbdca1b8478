"""Allocating reference numbers: gap-free per series and year, safe with concurrent registrars."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from records.register.models.series import NumberSeries, SeriesCounter

REGISTER_SERIES = "diarium"


@dataclass(frozen=True)
class Allocation:
    year: int
    serial: int
    reference: str


def register_series() -> NumberSeries:
    """The register's own series (created by migration 0002; recreated if a test flush removed it)."""
    series, _created = NumberSeries.objects.get_or_create(
        code=REGISTER_SERIES, defaults={"name": "Diarium", "pattern": "{prefix} {year}/{serial}", "yearly": True}
    )
    return series


def allocate_reference(series: NumberSeries, year: int) -> Allocation:
    """Take the next serial of `series` for `year`.

    Must run inside the transaction that stores the case: the counter row stays locked until
    that transaction ends, so concurrent registrars queue on it, and a rollback gives the number
    back (no gaps, no duplicates). The increment is an UPDATE first, which takes the row lock on
    PostgreSQL and the write lock on SQLite before anything is read; select_for_update then
    re-reads the locked row.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("allocate_reference() must be called inside the transaction that stores the case.")
    counter_year = series.counter_year(year)
    counters = SeriesCounter.objects.filter(series=series, year=counter_year)
    if not counters.update(last_serial=F("last_serial") + 1):
        # First number of the year. Concurrent first inserts are resolved by the unique
        # constraint: the loser waits for the winner's commit and then does nothing.
        SeriesCounter.objects.bulk_create(
            [SeriesCounter(series=series, year=counter_year, last_serial=0)], ignore_conflicts=True
        )
        counters.update(last_serial=F("last_serial") + 1)
    serial = counters.select_for_update().values_list("last_serial", flat=True).get()
    return Allocation(year=year, serial=serial, reference=series.format(year, serial))
