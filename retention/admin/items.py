"""Reviewing a disposal list's items: filter, read, exclude with a reason, or restore; nothing else."""

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _

from common.errors import DomainError
from records.models import Case
from records.register import access

from .. import services
from ..models import DisposalItem


class ExclusionForm(forms.Form):
    reason = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 3, "cols": 60}))


@admin.register(DisposalItem)
class DisposalItemAdmin(admin.ModelAdmin):
    list_display = [
        "case_reference",
        "process_code",
        "title",
        "due_date",
        "rule_description",
        "action",
        "state",
        "exclusion_reason",
    ]
    list_filter = ["state", "exclusion_stage", "disposal_list"]
    search_fields = ["case_reference"]
    list_select_related = ["process", "disposal_list"]
    actions = ["exclude_selected", "restore_selected"]
    list_per_page = 100
    fields = [
        "disposal_list",
        "case_reference",
        "process",
        "rule_description",
        "action",
        "due_date",
        "state",
        "exclusion_stage",
        "exclusion_reason",
        "excluded_by",
        "processed_at",
    ]
    readonly_fields = fields

    def get_model_perms(self, request):
        return {}  # reached from a list's page, not from the admin index

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if hasattr(response, "context_data") and "cl" in response.context_data:
            items = list(response.context_data["cl"].result_list)
            cases = access.with_access(Case.objects.filter(pk__in=[i.case_key for i in items]), request.user)
            titles = {case.pk: access.visible_title(case, access.annotated_full_access(case)) for case in cases}
            for item in items:
                item.visible_title = titles.get(item.case_key, _now("(gallrat)"))
        return response

    @admin.display(description=_("process"))
    def process_code(self, item):
        return item.process.code

    @admin.display(description=_("ärendemening"))
    def title(self, item):
        return getattr(item, "visible_title", "")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and request.user.has_perm("retention.change_disposallist")

    @admin.action(description=_("Undanta markerade ärenden från gallring (med skäl)"), permissions=["change"])
    def exclude_selected(self, request, queryset):
        form = ExclusionForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            done = 0
            for item in queryset:
                try:
                    services.exclude_item(item, reason=form.cleaned_data["reason"], user=request.user)
                    done += 1
                except DomainError as error:
                    self.message_user(request, str(error), messages.ERROR)
            self.message_user(request, _now("%(n)d ärenden undantogs.") % {"n": done}, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "items": queryset,
            "title": _now("Undanta från gallring"),
            "action": "exclude_selected",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/retention/disposalitem/exclude.html", context)

    @admin.action(description=_("Återför markerade ärenden till listan"), permissions=["change"])
    def restore_selected(self, request, queryset):
        done = 0
        for item in queryset:
            try:
                services.restore_item(item, user=request.user)
                done += 1
            except DomainError as error:
                self.message_user(request, str(error), messages.ERROR)
        self.message_user(request, _now("%(n)d ärenden återfördes.") % {"n": done}, messages.SUCCESS)
