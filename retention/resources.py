"""The schedule as a spreadsheet (django-import-export): export every rule; import checks each row like the admin."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources

from common.tabular import CleanedExportMixin

from .models import RetentionRule, TriggerChoices
from .services import rules as rule_services

COLUMNS = {
    "node": "Kod",
    "document_type": "Handlingstyp",
    "action": "Åtgärd",
    "years": "År",
    "months": "Månader",
    "trigger": "Räknas från",
    "authority": "Beslut",
    "note": "Anmärkning",
}


class RetentionRuleResource(CleanedExportMixin, resources.ModelResource):
    """One row per rule: a process rule leaves "Handlingstyp" empty. Labels or codes are accepted on import."""

    node = fields.Field(attribute="node", column_name=COLUMNS["node"])
    document_type = fields.Field(attribute="document_type", column_name=COLUMNS["document_type"])
    action = fields.Field(attribute="action", column_name=COLUMNS["action"])
    years = fields.Field(attribute="years", column_name=COLUMNS["years"])
    months = fields.Field(attribute="months", column_name=COLUMNS["months"])
    trigger = fields.Field(attribute="trigger", column_name=COLUMNS["trigger"])
    authority = fields.Field(attribute="authority", column_name=COLUMNS["authority"])
    note = fields.Field(attribute="note", column_name=COLUMNS["note"])

    class Meta:
        model = RetentionRule
        fields = list(COLUMNS)
        export_order = list(COLUMNS)
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def import_data(self, dataset, *args, **kwargs):
        # A schedule is one document: one bad row and nothing of it is saved.
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, *args, **kwargs)

    # --- Export ---------------------------------------------------------------------------------

    def get_queryset(self):
        return RetentionRule.objects.in_plan_order()

    def dehydrate_node(self, rule):
        return rule.source_node.code

    def dehydrate_document_type(self, rule):
        return rule.document_type.name if rule.document_type_id else ""

    def dehydrate_action(self, rule):
        return str(rule.get_action_display())

    def dehydrate_trigger(self, rule):
        return str(TriggerChoices(rule.trigger).label) if rule.trigger else ""

    # --- Import ---------------------------------------------------------------------------------

    def _target(self, row):
        return rule_services.resolve_target(row.get(COLUMNS["node"]), row.get(COLUMNS["document_type"]) or "")

    def get_or_init_instance(self, instance_loader, row):
        try:
            node, document_type = self._target(row)
        except ValidationError:
            return RetentionRule(), True  # import_instance reports the error on the row
        existing = RetentionRule.objects.filter(
            **({"document_type": document_type} if document_type else {"node": node})
        ).first()
        return (existing, False) if existing else (RetentionRule(), True)

    def import_instance(self, instance, row, **kwargs):
        node, document_type = self._target(row)
        data = rule_services.RuleData(
            action=str(row.get(COLUMNS["action"]) or ""),
            node=None if document_type else node,
            document_type=document_type,
            years=row.get(COLUMNS["years"]),
            months=row.get(COLUMNS["months"]),
            trigger=str(row.get(COLUMNS["trigger"]) or ""),
            authority=str(row.get(COLUMNS["authority"]) or ""),
            note=str(row.get(COLUMNS["note"]) or ""),
        )
        for name, value in rule_services.clean_rule(data, instance if instance.pk else None).items():
            setattr(instance, name, value)

    def do_instance_save(self, instance, is_create):
        saved = rule_services.save_rule(
            rule_services.rule_data(instance),
            user=self.user,
            rule=None if is_create else instance,
            reason=_("Import av informationshanteringsplan"),
        )
        instance.pk = saved.pk
