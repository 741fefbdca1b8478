"""Forms of the work order pages; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from records.register.admin.fields import MultipleFileField, TextForm
from records.work_orders.models import Contractor, WorkOrder, WorkOrderNote, WorkOrderType


class WorkOrderCreateForm(forms.Form):
    order_type = forms.ChoiceField(label=_("Typ"), choices=WorkOrderType.choices)
    contractor = forms.ModelChoiceField(label=_("Entreprenör"), queryset=Contractor.objects.filter(is_active=True))
    property_name = forms.CharField(label=_("Fastighet"), max_length=200)
    apartment = forms.CharField(label=_("Lägenhet/objekt"), max_length=50, required=False)
    address = forms.CharField(label=_("Adress"), max_length=200, required=False)
    subject = forms.CharField(label=_("Avser"), widget=forms.Textarea(attrs={"rows": 4}))
    tenant_name = forms.CharField(label=_("Hyresgäst"), max_length=200, required=False)
    tenant_phone = forms.CharField(
        label=_("Telefonnummer att använda"),
        max_length=30,
        required=False,
        help_text=_("Hyresgästen får ett SMS på det här numret när arbetsordern är utförd."),
    )
    priority = forms.CharField(label=_("Prio"), max_length=50, required=False, help_text=_("T.ex. HLU Ny HG."))
    ordered_via_web = forms.BooleanField(label=_("Beställd av hyresgäst via webb"), required=False)
    is_unit = forms.BooleanField(label=_("Gäller en enhet (t.ex. vitvara)"), required=False)
    unit_description = forms.CharField(label=_("Enhet"), max_length=200, required=False)
    batch_with = forms.CharField(
        label=_("Bunta med"),
        max_length=20,
        required=False,
        help_text=_("Arbetsordernummer (AO1234) för en annan order på samma objekt."),
    )
    pictures = MultipleFileField(label=_("Bilder"), required=False)

    def clean_batch_with(self):
        reference = (self.cleaned_data.get("batch_with") or "").strip()
        if not reference:
            return None
        order = WorkOrder.objects.filter(case__reference=reference).first()
        if order is None:
            raise forms.ValidationError(_("Det finns ingen arbetsorder %(ref)s.") % {"ref": reference})
        return order


class AnswerForm(TextForm):
    question = forms.ModelChoiceField(label=_("Fråga"), queryset=WorkOrderNote.objects.none())
    field_order = ["question", "text"]

    def __init__(self, *args, order=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = WorkOrderNote.objects.filter(
            work_order=order, kind=WorkOrderNote.Kind.QUESTION, answer__isnull=True
        )


class CompleteForm(forms.Form):
    action_performed = forms.CharField(
        label=_("Utförd åtgärd"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    unit_model = forms.CharField(label=_("Modellbeteckning (ny enhet)"), max_length=200, required=False)
    unit_serial = forms.CharField(label=_("Serienummer"), max_length=200, required=False)

    def __init__(self, *args, is_unit=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_unit:
            del self.fields["unit_model"], self.fields["unit_serial"]


class PicturesForm(forms.Form):
    pictures = MultipleFileField(label=_("Bilder"))
