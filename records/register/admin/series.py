"""Number series in the admin: read-only, so no one can move a counter by hand."""

from django.contrib import admin
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from common.admin import ReadOnlyAdmin
from records.register.models.series import NumberSeries, SeriesCounter


@admin.register(NumberSeries)
class NumberSeriesAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "pattern", "yearly", "counters"]
    readonly_fields = ["code", "name", "pattern", "prefix", "yearly"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("counters", SeriesCounter.objects.order_by("-year")))
        )

    @admin.display(description=_("senast tilldelade per år"))
    def counters(self, series):
        return ", ".join(f"{c.year or '–'}: {c.last_serial}" for c in series.counters.all()) or "–"
