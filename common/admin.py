"""Admin building blocks that any app uses."""

from django.contrib import admin
from django.contrib.admin.filters import FieldListFilter, SimpleListFilter
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.widgets import url_params_from_lookup_dict


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record kept as it was written (a log, a counter, a message): shown, never added, edited or deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OfferedFiltersOnly:
    """A list is filtered only by the filters it offers (list_filter, date_hierarchy, its search box).

    Django's admin otherwise accepts any lookup on the model's fields from the URL
    (`?title__icontains=`, `?title__regex=^Rehab.*`, `?responsible__exact=4`), whatever the page offers:
    on data with masked fields that answers questions about hidden values. A lookup that no offered
    filter expects is refused, and Django answers the request with 400.
    """

    def lookup_allowed(self, lookup, value, request=None):
        return lookup in self.offered_lookups(request) or self._raw_id_popup_lookup(lookup, value)

    def offered_lookups(self, request) -> set[str]:
        offered = set()
        if self.date_hierarchy:
            offered |= {f"{self.date_hierarchy}__{part}" for part in ("year", "month", "day")}
        list_filter = self.get_list_filter(request) if request is not None else self.list_filter
        for item in list_filter:
            offered |= set(self._filter_parameters(item, request))
        return offered

    def _filter_parameters(self, item, request) -> list[str]:
        if isinstance(item, type) and issubclass(item, SimpleListFilter):
            return [item.parameter_name]
        field_path, filter_class = item if isinstance(item, (list, tuple)) else (item, FieldListFilter.create)
        field = get_fields_from_path(self.model, field_path)[-1]
        spec = filter_class(field, request, {}, self.model, self, field_path=field_path)
        # `?status=closed` is the offered `?status__exact=closed` written by hand.
        return [*spec.expected_parameters(), field_path]

    def _raw_id_popup_lookup(self, lookup, value) -> bool:
        """The popups of raw-id widgets filter by a relation's limit_choices_to, as Django allows."""
        for fk_lookup in self.model._meta.related_fkey_lookups:
            limit = fk_lookup() if callable(fk_lookup) else fk_lookup
            if (lookup, value) in url_params_from_lookup_dict(limit).items():
                return True
        return False
