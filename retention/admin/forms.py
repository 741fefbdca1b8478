"""Admin forms: a rule entered by code, checked by the services, saved only after its preview is confirmed."""

import hashlib

from django import forms
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _

from common.errors import DomainError

from ..models import RetentionRule
from ..services import preview_rule_change
from ..services.rules import RuleData, clean_rule, resolve_target

CONFIRMED_FIELDS = ["action", "years", "months", "trigger", "authority", "note"]


class RetentionRuleForm(forms.ModelForm):
    """The archivist sees what the change moves (a preview) and saves again to confirm it."""

    node_code = forms.CharField(
        label=_("Nod (kod)"), max_length=40, help_text=_("T.ex. 2.9 – gäller allt under noden.")
    )
    document_type_name = forms.CharField(
        label=_("Handlingstyp"),
        max_length=300,
        required=False,
        help_text=_("Lämna tomt för en regel på noden; annars en av processens handlingstyper."),
    )
    preview_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = RetentionRule
        fields = CONFIRMED_FIELDS

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.preview, self.rule_data = user, None, None
        self.fields["trigger"].required = False
        rule = self.instance
        if rule.pk and not self.is_bound:
            self.initial["node_code"] = rule.source_node.code
            self.initial["document_type_name"] = rule.document_type.name if rule.document_type_id else ""

    def _token(self, data: RuleData) -> str:
        parts = [
            str(self.instance.pk or ""),
            self.cleaned_data.get("node_code", ""),
            self.cleaned_data.get("document_type_name", ""),
        ]
        parts += [str(getattr(data, name)) for name in CONFIRMED_FIELDS]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        existing = self.instance if self.instance.pk else None
        try:
            node, document_type = resolve_target(cleaned.get("node_code"), cleaned.get("document_type_name") or "")
            data = RuleData(
                action=cleaned.get("action") or "",
                node=None if document_type else node,
                document_type=document_type,
                years=cleaned.get("years"),
                months=cleaned.get("months"),
                trigger=cleaned.get("trigger") or "",
                authority=cleaned.get("authority") or "",
                note=cleaned.get("note") or "",
            )
            values = clean_rule(data, existing)
        except DomainError as error:
            self._add_service_errors(error)
            return cleaned
        # Normalised values (e.g. no trigger for "bevaras") are what the model checks and stores.
        cleaned.update({name: values[name] for name in CONFIRMED_FIELDS})
        self.rule_data = data
        token = self._token(data)
        if cleaned.get("preview_token") != token:
            self.preview = preview_rule_change(data, rule=existing, user=self.user)
            self.data = self.data.copy()
            self.data["preview_token"] = token
            raise forms.ValidationError(_now("Kontrollera vad ändringen gör (nedan) och spara igen för att bekräfta."))
        return cleaned

    def _add_service_errors(self, error: DomainError) -> None:
        fields = {"node": "node_code", "document_type": "document_type_name"}
        for name, messages in error.field_messages().items():
            field = fields.get(name, name)
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
