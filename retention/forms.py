"""Forms of the retention pages and admin: report filters, drawing a list, confirming execution."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from classification.models import Node
from classification.rules import normalise_code


class ReportFilterForm(forms.Form):
    as_of = forms.DateField(
        label=_("Gallringsbart per"), widget=forms.DateInput(attrs={"type": "date"}), input_formats=["%Y-%m-%d"]
    )
    process = forms.CharField(
        label=_("Process (kod)"), required=False, help_text=_("T.ex. 2.9 för allt under processgruppen.")
    )

    def clean_process(self):
        code = normalise_code(self.cleaned_data.get("process") or "")
        if not code:
            return None
        node = Node.objects.filter(code=code).first()
        if node is None:
            raise forms.ValidationError(
                _("Processen %(code)s finns inte i klassificeringsstrukturen.") % {"code": code}
            )
        return node


def report_filter(data) -> ReportFilterForm:
    """The filter form bound to the query, today by default."""
    values = {"as_of": timezone.localdate().isoformat(), "process": ""}
    values.update({key: data[key] for key in ("as_of", "process") if data.get(key)})
    return ReportFilterForm(values)


class DrawListForm(forms.Form):
    name = forms.CharField(label=_("Listans namn"), max_length=120)
    as_of = forms.DateField(
        label=_("Gallringsbart per"), widget=forms.DateInput(attrs={"type": "date"}), input_formats=["%Y-%m-%d"]
    )
    process = forms.CharField(label=_("Process (kod)"), required=False)
    note = forms.CharField(label=_("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ExecuteForm(forms.Form):
    confirmation = forms.CharField(
        label=_("Skriv listans namn för att bekräfta"),
        max_length=120,
        help_text=_("Gallringen går inte att ångra: handlingar, filer och personuppgifter förstörs."),
    )
