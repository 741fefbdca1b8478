"""Retention shown on the register's case page without records importing retention.

The records app owns the case admin; retention adds one read-only inline to it (the stored
CaseRetention row, with the rule, its source and the date in words, and each document's).
Adding an inline to the registered ModelAdmin instance keeps the records code untouched and
needs no template override; the inline saves nothing (no add/change/delete permission).
"""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from records.models import Case

from ..models import CaseRetention
from ..services.compute import RuleBook
from ..services.describe import describe_document_retention, describe_retention


class CaseRetentionInline(admin.StackedInline):
    model = CaseRetention
    fk_name = "case"
    can_delete = False
    extra = 0
    max_num = 0
    verbose_name = _("gallring och bevarande")
    verbose_name_plural = _("gallring och bevarande")
    fields = ["in_words", "due_date", "documents_in_words", "computed_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("retention.view_caseretention")

    @admin.display(description=_("regel i kraft"))
    def in_words(self, retention):
        return describe_retention(retention.case)

    @admin.display(description=_("handlingar"))
    def documents_in_words(self, retention):
        case = retention.case
        book = RuleBook()
        documents = case.documents.select_related("document_type", "case__process").order_by("number")
        rows = [(f"{case.reference}-{d.number}", describe_document_retention(d, book)) for d in documents]
        if not rows:
            return "–"
        return format_html(
            "<ul style='margin:0;padding-left:1em'>{}</ul>",
            format_html_join("", "<li><strong>{}</strong>: {}</li>", rows),
        )


def attach_to_case_admin(site=admin.site) -> None:
    case_admin = site._registry.get(Case)
    if case_admin is None or CaseRetentionInline in case_admin.inlines:
        return
    case_admin.inlines = [*case_admin.inlines, CaseRetentionInline]


attach_to_case_admin()
