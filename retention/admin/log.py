"""The disposal log (gallringsloggen) in the admin: read by archivists and registrars, changed by no one."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from common.admin import ReadOnlyAdmin

from ..models import DisposalRecord


@admin.register(DisposalRecord)
class DisposalRecordAdmin(ReadOnlyAdmin):
    list_display = [
        "reference",
        "process_code",
        "title",
        "opened_on",
        "closed_on",
        "rule_description",
        "list_name",
        "approved_by_name",
        "executed_by_name",
        "disposed_at",
    ]
    list_filter = ["list_name", "process_code"]
    search_fields = ["reference", "title", "list_name"]
    date_hierarchy = "disposed_at"
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def get_actions(self, request):
        return {}

    @admin.display(description=_("gallringslista"))
    def list_link(self, record):
        return record.list_name
