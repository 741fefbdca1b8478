"""Case list filters: process including everything beneath it, year and responsible officer."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from classification.models import Node
from records.register import access
from records.register.models.cases import Case
from records.register.selectors import in_subtree


class ProcessSubtreeFilter(admin.SimpleListFilter):
    title = _("process (med allt under)")
    parameter_name = "process"

    def lookups(self, request, model_admin):
        indent = "\u2003"
        return [
            (node.code, f"{indent * node.level}{node.code} {node.title}")
            for node in Node.objects.only("code", "title", "level", "tree_id", "lft")
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        node = Node.objects.filter(code=self.value()).first()
        return in_subtree(queryset, node) if node else queryset.none()


class YearFilter(admin.SimpleListFilter):
    title = _("år")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Case.objects.order_by("-year").values_list("year", flat=True).distinct()
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        return queryset.filter(year=self.value()) if self.value() and self.value().isdigit() else queryset


class ResponsibleFilter(admin.SimpleListFilter):
    title = _("handläggare")
    parameter_name = "responsible"

    def lookups(self, request, model_admin):
        # Only officers of cases the viewer sees in full: who holds a confidential case is masked too.
        visible = Case.objects.filter(responsible__isnull=False)
        condition = access.access_condition(request.user)
        if condition is not None:
            visible = visible.filter(condition)
        users = (
            get_user_model().objects.filter(pk__in=visible.values("responsible_id")).order_by("first_name", "last_name")
        )
        return [("none", _("Ingen handläggare"))] + [(str(u.pk), u.get_full_name() or u.get_username()) for u in users]

    def queryset(self, request, queryset):
        if self.value() == "none":
            queryset = queryset.filter(responsible__isnull=True)
        elif self.value() and self.value().isdigit():
            queryset = queryset.filter(responsible_id=int(self.value()))
        else:
            return queryset
        condition = access.access_condition(request.user)
        return queryset if condition is None else queryset.filter(condition)
