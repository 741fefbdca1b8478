"""Forms of the work order, installer case and team pages in the admin; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from records.installations import access as who
from records.installations.services.moves import CONSENT, POWER_OF_ATTORNEY
from records.models import Competence, Contractor, InstallerCaseType, Team, WorkOrder, WorkOrderNote, WorkOrderType


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
        return who.person(user)


# --- Work orders ------------------------------------------------------------------------------


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


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": _("Skriv något.")}
    )


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


class AttachmentsForm(forms.Form):
    files = MultipleFileField(label=_("Filer"))


class ReasonRequiredForm(forms.Form):
    reason = forms.CharField(label=_("Skäl"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}), required=False)


# --- Installer cases, teams, decisions --------------------------------------------------------


class InstallerCaseForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    case_type = forms.ChoiceField(label=_("Ärendetyp"), choices=[("", "–")] + InstallerCaseType.choices, required=False)
    street_address = forms.CharField(label=_("Adress"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postnummer"), max_length=10, required=False)
    city = forms.CharField(label=_("Ort"), max_length=100, required=False)
    latitude = forms.DecimalField(label=_("Latitud"), max_digits=9, decimal_places=6, required=False)
    longitude = forms.DecimalField(label=_("Longitud"), max_digits=9, decimal_places=6, required=False)
    customer_name = forms.CharField(label=_("Kund"), max_length=200, required=False)
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    attachments = MultipleFileField(label=_("Bilagor"), required=False, help_text=_("Skickas med ärendet."))
    send = forms.BooleanField(
        label=_("Skicka till nätägaren nu"),
        required=False,
        help_text=_("Annars sparas ärendet som utkast, som raderas 14 dagar efter att det senast sparades."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(memberships__user=user, is_active=True).distinct()


class MoveToMemberForm(forms.Form):
    to_installer = PersonField(label=_("Till installatör"), queryset=None)
    grounds = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_installer"].queryset = team.members.order_by("first_name", "last_name")


class MoveToTeamForm(forms.Form):
    to_team = forms.ModelChoiceField(label=_("Till team"), queryset=Team.objects.none())
    grounds = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, installer_case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_team"].queryset = Team.objects.filter(
            organisation_number=installer_case.team.organisation_number, is_active=True
        ).exclude(pk=installer_case.team_id)


class AdminMoveForm(forms.Form):
    to_team = forms.ModelChoiceField(label=_("Till team"), queryset=Team.objects.filter(is_active=True))
    to_installer = PersonField(label=_("Till installatör"), queryset=who.installer_users())
    consent = forms.FileField(
        label=_("Kundens medgivande"), required=False, help_text=_("Krävs vid flytt till ett annat företag.")
    )
    consent_kind = forms.ChoiceField(
        label=_("Bilagan är"),
        choices=[
            (CONSENT, _("kundens skriftliga medgivande")),
            (POWER_OF_ATTORNEY, _("ny fullmakt (produktionsanläggning)")),
        ],
    )
    grounds = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_installer"].queryset = who.installer_users()


class TeamRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Teamets namn"), max_length=200)
    company_name = forms.CharField(label=_("Företag"), max_length=200)
    organisation_number = forms.CharField(
        label=_("Organisationsnummer"), max_length=20, help_text=_("Enskild firma: personnummer.")
    )
    competences = forms.MultipleChoiceField(
        label=_("Har behörighet för"), choices=Competence.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    certificate = forms.FileField(label=_("Auktorisationsbevis"), required=False)
    contact_email = forms.EmailField(label=_("E-post"), required=False)
    contact_phone = forms.CharField(label=_("Mobiltelefon"), max_length=30, required=False)
    owner = PersonField(
        label=_("Teamägare"),
        queryset=None,
        required=False,
        help_text=_("Tomt = du själv. Bara nätägarens handläggare registrerar åt någon annan."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = who.installer_users()


class MemberForm(forms.Form):
    member = PersonField(label=_("Installatör"), queryset=None)
    grounds = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, team=None, adding=True, **kwargs):
        super().__init__(*args, **kwargs)
        members = team.members.all()
        self.fields["member"].queryset = (
            who.installer_users().exclude(pk__in=members)
            if adding
            else members.exclude(pk=team.owner_id).order_by("first_name", "last_name")
        )


class DecisionForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.all(), required=False)
    grounds = forms.CharField(label=_("Beslut och skäl"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    attachments = MultipleFileField(label=_("Bilagor"), required=False)
