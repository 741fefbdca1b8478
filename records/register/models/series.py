"""Number series and their per-year counters: where reference numbers come from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Counters of series that do not restart each year (AO1234, OK-0003826) are kept under year 0.
CONTINUOUS = 0


class NumberSeries(models.Model):
    """A sequence of reference numbers, e.g. the register's `BOP 2026/42` or work orders' `AO1234`.

    `pattern` is a str.format pattern with `{prefix}`, `{year}` and `{serial}` (e.g.
    `OK-{serial:07d}`). A blank `prefix` means the setting ORDNA_REFERENCE_PREFIX.
    """

    code = models.SlugField(_("kod"), max_length=40, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    pattern = models.CharField(_("format"), max_length=100, default="{prefix} {year}/{serial}")
    prefix = models.CharField(_("prefix"), max_length=20, blank=True)
    yearly = models.BooleanField(_("börjar om varje år"), default=True)

    class Meta:
        verbose_name = _("nummerserie")
        verbose_name_plural = _("nummerserier")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def counter_year(self, year: int) -> int:
        return year if self.yearly else CONTINUOUS

    def format(self, year: int, serial: int) -> str:
        prefix = self.prefix or settings.ORDNA_REFERENCE_PREFIX
        return self.pattern.format(prefix=prefix, year=year, serial=serial)


class SeriesCounter(models.Model):
    """The last serial handed out in a series for a year; locked while a number is allocated."""

    series = models.ForeignKey(NumberSeries, related_name="counters", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("år"))
    last_serial = models.PositiveIntegerField(_("senast tilldelade löpnummer"), default=0)

    class Meta:
        verbose_name = _("räknare")
        verbose_name_plural = _("räknare")
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="unique_counter_per_series_and_year")]

    def __str__(self):
        return f"{self.series.code} {self.year}: {self.last_serial}"
