"""Forms of the registrar's back office; they check input early with the services' own checks."""

from django import forms
from django.contrib.auth import get_user_model
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from common.errors import DomainError
from records.register import access, services
from records.register.models.cases import Case, Party
from records.register.models.documents import Document
from records.register.services.cases import CONFIDENTIALITY_FIELDS
from records.register.services.documents import check_not_in_case
from records.register.services.parties import clean_identity_number
from records.register.uploads import inspect_upload


def add_service_errors(form, error: DomainError, field_map: dict | None = None) -> None:
    for name, messages in error.field_messages().items():
        field = (field_map or {}).get(name, name)
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


class ProcessSearchForm(forms.Form):
    q = forms.CharField(label=_("Beskriv ärendet med några ord"), required=False, max_length=500)
    process = forms.CharField(
        label=_("eller ange processens kod"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"list": "process-codes", "placeholder": "2.9.1"}),
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name()
        return f"{name} ({user.get_username()})" if name else user.get_username()


class CaseFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "responsible" in self.fields:
            field = self.fields["responsible"]
            self.fields["responsible"] = PersonChoiceField(
                queryset=access.case_officers(), required=False, label=field.label, help_text=field.help_text
            )


class CaseRegistrationForm(CaseFormMixin, forms.ModelForm):
    """The second step of "Registrera ärende": the process is chosen, the rest is filled in."""

    process_code = forms.CharField(label=_("Process"), widget=forms.HiddenInput)

    class Meta:
        model = Case
        fields = ["title", "description", "responsible", *CONFIDENTIALITY_FIELDS]
        error_messages = {"title": {"required": _("Ange en ärendemening.")}}

    def clean(self):
        cleaned = super().clean()
        try:
            cleaned["process_node"] = services.resolve_process(cleaned.get("process_code"))
        except DomainError as error:
            add_service_errors(self, error, {"process": None})
        secrecy = {name: cleaned.get(name) for name in CONFIDENTIALITY_FIELDS if name in cleaned}
        try:
            services.Confidentiality(**secrecy).cleaned()
        except DomainError as error:
            add_service_errors(self, error)
        return cleaned


class CaseChangeForm(CaseFormMixin, forms.ModelForm):
    class Meta:
        model = Case
        fields = ["title", "description", "responsible", *CONFIDENTIALITY_FIELDS]
        error_messages = {"title": {"required": _("Ange en ärendemening.")}}

    def clean(self):
        cleaned = super().clean()
        if any(name in self.fields for name in CONFIDENTIALITY_FIELDS):
            secrecy = {name: cleaned.get(name) for name in CONFIDENTIALITY_FIELDS if name in cleaned}
            try:
                services.Confidentiality(**secrecy).cleaned()
            except DomainError as error:
                add_service_errors(self, error)
        return cleaned


class PartyInlineForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = ["name", "identity_number", "role"]
        error_messages = {"name": {"required": _("Ange partens namn.")}}

    def clean_identity_number(self):
        try:
            number, _kind = clean_identity_number(self.cleaned_data.get("identity_number", ""))
        except DomainError as error:
            raise forms.ValidationError(error.field_messages()["identity_number"]) from None
        return number


class DocumentInlineForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Lägg till fil"), required=False, allow_empty_file=True
    )  # our message names the file

    class Meta:
        model = Document
        fields = ["direction", "document_date", "document_type", "document_type_text", "title", "counterpart"]
        error_messages = {
            "title": {"required": _("Ange en rubrik för handlingen.")},
            "direction": {"required": _("Välj riktning.")},
        }

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is None:
            return None
        try:
            inspected = inspect_upload(upload)
            case = getattr(self.instance, "case", None) if self.instance.case_id else None
            if case is not None:
                check_not_in_case(case, inspected.sha256, inspected.name)
        except DomainError as error:
            raise forms.ValidationError([m for messages in error.field_messages().values() for m in messages]) from None
        return upload

    def has_changed(self):
        # A new row that only carries a file still counts as filled in.
        return super().has_changed() or bool(self.files.get(self.add_prefix("upload")))


class DocumentInlineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            upload = getattr(form, "cleaned_data", {}).get("upload")
            if upload is None:
                continue
            inspected = inspect_upload(upload)
            if inspected.sha256 in seen:
                form.add_error(
                    "upload",
                    _("Filen ”%(name)s” är samma fil som ”%(other)s”; samma fil kan bara finnas en gång i ett ärende.")
                    % {"name": inspected.name, "other": seen[inspected.sha256]},
                )
            seen[inspected.sha256] = inspected.name


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Skäl"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RequiredReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Ange ett skäl.")},
    )


class CloseForm(forms.Form):
    closed_on = forms.DateField(
        label=_("Avslutsdatum"),
        required=False,
        help_text=_("Tomt = i dag."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class ReclassifyForm(RequiredReasonForm):
    process = forms.CharField(label=_("Ny process (kod)"), max_length=40)
    field_order = ["process", "reason"]


class GrantAccessForm(RequiredReasonForm):
    user = PersonChoiceField(
        label=_("Användare"), queryset=get_user_model().objects.filter(is_active=True).order_by("username")
    )
    field_order = ["user", "reason"]
