"""Form fields and small forms the back office pages share: several files in one field, people by name, a text."""

from django import forms
from django.utils.translation import gettext_lazy as _

from records.register.access import person


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return person(user)


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": _("Skriv något.")}
    )


class AttachmentsForm(forms.Form):
    files = MultipleFileField(label=_("Filer"))


class ReasonRequiredForm(forms.Form):
    reason = forms.CharField(label=_("Skäl"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}), required=False)
