"""The schedule in the admin: rules with preview-and-confirm, spreadsheet import/export and history."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from .. import services
from ..models import RetentionRule
from ..resources import RetentionRuleResource
from ..wording import rule_phrase, target_label
from .forms import RetentionRuleForm


@admin.register(RetentionRule)
class RetentionRuleAdmin(ImportExportMixin, SimpleHistoryAdmin):
    form = RetentionRuleForm
    resource_classes = [RetentionRuleResource]
    list_display = ["target", "rule", "authority", "updated_at"]
    list_filter = ["action", "trigger"]
    search_fields = ["node__code", "node__title", "document_type__name", "document_type__node__code", "authority"]
    list_select_related = ["node", "document_type__node"]
    change_form_template = "admin/retention/retentionrule/change_form.html"
    delete_confirmation_template = "admin/retention/retentionrule/delete_confirmation.html"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "node_code",
                    "document_type_name",
                    "action",
                    ("years", "months"),
                    "trigger",
                    "authority",
                    "note",
                    "preview_token",
                ]
            },
        ),
    ]

    @admin.display(description=_("gäller"), ordering="node__sort_key")
    def target(self, rule):
        return target_label(rule)

    @admin.display(description=_("regel"))
    def rule(self, rule):
        return rule_phrase(rule)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class WithUser(form_class):
            def __init__(self, *args, **inner):
                super().__init__(*args, user=request.user, **inner)

        return WithUser

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "user": request.user}

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # each removal is previewed on its own page
        return actions

    def save_model(self, request, obj, form, change):
        saved = services.save_rule(form.rule_data, user=request.user, rule=obj if change else None)
        obj.pk = saved.pk
        obj.refresh_from_db()

    def delete_model(self, request, obj):
        services.delete_rule(obj, user=request.user)

    def render_delete_form(self, request, context):
        obj = context.get("object")
        if obj is not None:
            context["preview"] = services.preview_rule_deletion(obj)
        return super().render_delete_form(request, context)
