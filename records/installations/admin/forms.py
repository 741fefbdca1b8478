"""Forms of the installer case, team and decision pages; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from records.installations import access as who
from records.installations.models.installer_cases import InstallerCaseType
from records.installations.models.teams import Competence, Team
from records.installations.services.moves import CONSENT, POWER_OF_ATTORNEY
from records.register.admin.fields import MultipleFileField, PersonField


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
