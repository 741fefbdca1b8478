"""Parties and documents inline on the case page; saving goes through records.register.services (see CaseAdmin.save_formset)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from classification.models import DocumentType
from records.register import access
from records.register.admin.forms import DocumentInlineForm, DocumentInlineFormSet, PartyInlineForm
from records.register.lifecycle import CASE
from records.register.models.cases import CaseAccessGrant, Party
from records.register.models.documents import Document


def _allows(action: str, request, case) -> bool:
    return case is None or CASE.allows(action, request.user, case)


class PartyInline(admin.TabularInline):
    model = Party
    form = PartyInlineForm
    extra = 0
    fields = ["name", "identity_number", "role"]

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and _allows("edit_parties", request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _allows("edit_parties", request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _allows("edit_parties", request, obj)


class DocumentInline(admin.TabularInline):
    model = Document
    form = DocumentInlineForm
    formset = DocumentInlineFormSet
    extra = 1
    fields = [
        "number",
        "direction",
        "document_date",
        "document_type",
        "document_type_text",
        "title",
        "counterpart",
        "registered_on",
        "file_links",
        "upload",
    ]
    readonly_fields = ["number", "registered_on", "file_links"]
    verbose_name_plural = _("handlingar (med filer)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document_type").prefetch_related("files")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        process = obj.process if obj is not None else getattr(request, "_records_process", None)
        field = formset.form.base_fields.get("document_type")
        if field is not None:
            # Offer the document types of the case's process only.
            field.queryset = DocumentType.objects.filter(node=process) if process else DocumentType.objects.none()
        return formset

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if _allows("add_document", request, obj) else 0

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and _allows("add_document", request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _allows("edit_document", request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # registered documents are kept; cancel the case instead

    @admin.display(description=_("filer"))
    def file_links(self, document):
        if not document.pk:
            return "–"
        files = list(document.files.all())
        if not files:
            return "–"
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a> <span class="quiet">({})</span>',
            ((reverse("records:file-download", args=[f.pk]), f.original_name, f.content_type) for f in files),
        )


class AccessGrantInline(admin.TabularInline):
    """Who was given access to a confidential case; revoking (the delete box) goes through the service."""

    model = CaseAccessGrant
    fk_name = "case"
    extra = 0
    fields = ["user", "reason", "granted_by", "granted_at"]
    readonly_fields = fields
    verbose_name_plural = _("åtkomst till sekretessärendet (ges med knappen ”Ge åtkomst”)")

    def has_view_permission(self, request, obj=None):
        if obj is None:  # asked for the queryset; the case-level check below decides what is shown
            return access.can_view_register(request.user)
        return obj.is_confidential and access.has_full_access(request.user, obj)

    def has_add_permission(self, request, obj):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return obj is not None and access.can_manage(request.user, obj)
