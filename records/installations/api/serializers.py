"""API serializers of installer cases, drafts, teams and decisions: input checked shallowly, rules in the services."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.api_input import InputSerializer
from records.installations.lifecycle import INSTALLER_CASE, locked_reason
from records.installations.models.decisions import DecisionKind
from records.installations.models.installer_cases import InstallerCaseStatus, InstallerCaseType
from records.installations.models.teams import Competence, Team
from records.installations.services import installer_cases as installations
from records.installations.services.moves import CONSENT_TITLES
from records.installations.services.teams import ORGANISATION_NUMBER_IS_FIXED, OWNER_IS_FIXED
from records.register.api.serializers import AvailableActionsField, _required, case_files_data, person_data


class InstallerCaseInputSerializer(InputSerializer):
    case_type = serializers.ChoiceField(
        choices=InstallerCaseType.choices,
        required=False,
        allow_blank=True,
        default="",
        error_messages={"invalid_choice": _("”{input}” är ingen ärendetyp.")},
    )
    street_address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    postal_code = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    city = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True, default=None)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True, default=None)
    customer_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    description = serializers.CharField(required=False, allow_blank=True, default="")
    team = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(), required=False, allow_null=True, default=None
    )


class InstallerCaseOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField(source="case.reference")
    case_type = serializers.CharField()
    case_type_label = serializers.CharField(source="get_case_type_display")
    status = serializers.ChoiceField(choices=InstallerCaseStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    street_address = serializers.CharField()
    postal_code = serializers.CharField()
    city = serializers.CharField()
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    installer = serializers.SerializerMethodField()
    team = serializers.SerializerMethodField()
    customer_name = serializers.CharField()
    description = serializers.CharField()
    created_at = serializers.DateTimeField()
    completion_reported_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    cancelled_at = serializers.DateTimeField(allow_null=True)
    cancel_reason = serializers.CharField()
    locked = serializers.SerializerMethodField()
    locked_reason = serializers.SerializerMethodField()

    def get_installer(self, ic) -> dict:
        return person_data(ic.installer)

    def get_team(self, ic) -> dict:
        return {"id": ic.team_id, "name": ic.team.name, "organisation_number": ic.team.organisation_number}

    def get_locked(self, ic) -> bool:
        return bool(locked_reason(ic))

    def get_locked_reason(self, ic) -> str:
        return locked_reason(ic)


class InstallerNoteOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    from_grid_owner = serializers.BooleanField()
    author = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_author(self, note) -> dict | None:
        return person_data(note.author)


class InstallerCaseDetailSerializer(InstallerCaseOutputSerializer):
    notes = InstallerNoteOutputSerializer(many=True, source="notes.all")
    actions = AvailableActionsField(INSTALLER_CASE)
    attachments = serializers.SerializerMethodField()

    def get_attachments(self, ic) -> list[dict]:
        return case_files_data(ic.case, "api-installer-cases-attachment", ic, self.context.get("request"))


class DraftOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case_type = serializers.CharField()
    street_address = serializers.CharField()
    postal_code = serializers.CharField()
    city = serializers.CharField()
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    customer_name = serializers.CharField()
    description = serializers.CharField()
    team = serializers.IntegerField(source="team_id", allow_null=True)
    saved_at = serializers.DateTimeField()
    deleted_in_days = serializers.SerializerMethodField()
    deleted_in = serializers.SerializerMethodField()

    def get_deleted_in_days(self, draft) -> int:
        return installations.days_left(draft)

    def get_deleted_in(self, draft) -> str:
        n = installations.days_left(draft)
        return "Raderas i dag" if n == 0 else f"Raderas om {n} {'dag' if n == 1 else 'dagar'}"


class MoveToMemberSerializer(InputSerializer):
    to_installer = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.filter(is_active=True))
    grounds = serializers.CharField(required=False, allow_blank=True, default="")


class MoveToTeamSerializer(InputSerializer):
    to_team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.all())
    grounds = serializers.CharField(required=False, allow_blank=True, default="")


class AdminMoveSerializer(InputSerializer):
    to_installer = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.filter(is_active=True))
    to_team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.all())
    grounds = serializers.CharField(required=False, allow_blank=True, default="")
    consent = serializers.FileField(required=False, allow_null=True, default=None, allow_empty_file=True, use_url=False)
    consent_kind = serializers.ChoiceField(choices=list(CONSENT_TITLES), required=False, default="consent")


# --- Teams and decisions ----------------------------------------------------------------------


class TeamCreateSerializer(InputSerializer):
    name = serializers.CharField(max_length=200, error_messages=_required(_("Ange teamets namn.")))
    company_name = serializers.CharField(max_length=200, error_messages=_required(_("Ange företagets namn.")))
    organisation_number = serializers.CharField(max_length=20, error_messages=_required(_("Ange organisationsnummer.")))
    competences = serializers.ListField(
        child=serializers.ChoiceField(choices=Competence.choices), required=False, default=list
    )
    certificate = serializers.FileField(
        required=False, allow_null=True, default=None, allow_empty_file=True, use_url=False
    )
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")
    contact_phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    owner = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False, allow_null=True, default=None
    )


class TeamUpdateSerializer(InputSerializer):
    """Name, contact details and competences; the owner and the organisation number never change."""

    refused_fields = {"owner": OWNER_IS_FIXED, "organisation_number": ORGANISATION_NUMBER_IS_FIXED}

    name = serializers.CharField(max_length=200, required=False, error_messages=_required(_("Ange teamets namn.")))
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    competences = serializers.ListField(child=serializers.ChoiceField(choices=Competence.choices), required=False)


class AttachmentSerializer(InputSerializer):
    title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class MemberSerializer(InputSerializer):
    member = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.all(), error_messages=_required(_("Ange installatören."))
    )
    grounds = serializers.CharField(required=False, allow_blank=True, default="")


class TeamOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.SerializerMethodField(help_text=_("Registreringsbeslutets diarienummer."))
    name = serializers.CharField()
    company_name = serializers.CharField()
    organisation_number = serializers.CharField()
    owner = serializers.SerializerMethodField()
    members = serializers.SerializerMethodField()
    competences = serializers.ListField(child=serializers.CharField())
    contact_email = serializers.CharField()
    contact_phone = serializers.CharField()
    is_active = serializers.BooleanField()
    registered_at = serializers.DateTimeField()
    certificate = serializers.SerializerMethodField()

    def get_reference(self, team) -> str:
        decision = team.decisions.filter(kind=DecisionKind.TEAM_REGISTERED).select_related("case").first()
        return decision.case.reference if decision else ""

    def get_owner(self, team) -> dict:
        return person_data(team.owner)

    def get_members(self, team) -> list[dict]:
        return [person_data(m.user) for m in team.memberships.select_related("user")]

    def get_certificate(self, team) -> dict | None:
        if team.certificate_id is None:
            return None
        url = reverse("api-teams-certificate", args=[team.pk])
        request = self.context.get("request")
        return {"name": team.certificate.original_name, "url": request.build_absolute_uri(url) if request else url}


class DecisionCreateSerializer(InputSerializer):
    grounds = serializers.CharField(error_messages=_required(_("Ange beslutsskälen.")))
    team = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(), required=False, allow_null=True, default=None
    )
    attachments = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False), required=False, default=list
    )


class DecisionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField(source="case.reference")
    kind = serializers.ChoiceField(choices=DecisionKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    grounds = serializers.CharField()
    decided_by = serializers.SerializerMethodField()
    decided_at = serializers.DateTimeField()
    team = serializers.IntegerField(source="team_id", allow_null=True)
    target_team = serializers.IntegerField(source="target_team_id", allow_null=True)
    member = serializers.SerializerMethodField()
    installer_cases = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()

    def get_decided_by(self, d) -> dict | None:
        return person_data(d.decided_by)

    def get_member(self, d) -> dict | None:
        return person_data(d.member)

    def get_installer_cases(self, d) -> list[str]:
        return [c.case.reference for c in d.installer_cases.all()]

    def get_attachments(self, d) -> list[dict]:
        return case_files_data(d.case, "api-decisions-attachment", d, self.context.get("request"))
