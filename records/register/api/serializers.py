"""API serializers of the register: input checked shallowly here, rules in the services, output from records.register.access views."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.api_input import InputSerializer
from records.register.access import person
from records.register.lifecycle import CASE
from records.register.models.cases import CaseStatus
from records.register.models.documents import Direction, DocumentFile


def _required(message):
    return {"required": message, "blank": message, "null": message}


class PartyInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=300, error_messages=_required(_("Ange partens namn.")))
    identity_number = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    role = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class ConfidentialityFields(InputSerializer):
    legal_ground = serializers.CharField(max_length=120, required=False, allow_blank=True)
    public_title = serializers.CharField(max_length=500, required=False, allow_blank=True)
    mask_title = serializers.BooleanField(required=False)
    mask_description = serializers.BooleanField(required=False)
    mask_parties = serializers.BooleanField(required=False)
    mask_document_titles = serializers.BooleanField(required=False)
    mask_counterparts = serializers.BooleanField(required=False)


class CaseCreateSerializer(ConfidentialityFields):
    process = serializers.CharField(
        max_length=40,
        help_text=_("Processens kod, t.ex. 2.9.1."),
        error_messages=_required(_("Ange en process med dess kod, t.ex. 2.9.1.")),
    )
    title = serializers.CharField(max_length=500, error_messages=_required(_("Ange en ärendemening.")))
    description = serializers.CharField(required=False, allow_blank=True, default="")
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False, allow_null=True
    )
    parties = PartyInputSerializer(many=True, required=False, default=list)


class CaseUpdateSerializer(ConfidentialityFields):
    refused_fields = {
        "process": _(
            "Processen ändras genom omklassificering: POST /api/v1/records/{id}/reclassify/ med process och reason."
        ),
        "status": _("Status ändras med /close/, /reopen/ eller /cancel/."),
        "reference": _("Diarienumret ändras aldrig."),
    }

    title = serializers.CharField(max_length=500, required=False, error_messages=_required(_("Ange en ärendemening.")))
    description = serializers.CharField(required=False, allow_blank=True)
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False, allow_null=True
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=100)


class ReasonSerializer(InputSerializer):
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class CancelSerializer(InputSerializer):
    reason = serializers.CharField(max_length=300, error_messages=_required(_("Ange skälet till makuleringen.")))


class ReclassifySerializer(InputSerializer):
    process = serializers.CharField(max_length=40, error_messages=_required(_("Ange den nya processens kod.")))
    reason = serializers.CharField(max_length=300, error_messages=_required(_("Ange skälet till omklassificeringen.")))


class CloseSerializer(InputSerializer):
    closed_on = serializers.DateField(required=False, allow_null=True)


class DocumentCreateSerializer(InputSerializer):
    direction = serializers.ChoiceField(
        choices=Direction.choices,
        error_messages={
            **_required(_("Välj riktning: incoming, drawn_up eller outgoing.")),
            "invalid_choice": _("”{input}” är ingen riktning: använd incoming, drawn_up eller outgoing."),
        },
    )
    title = serializers.CharField(max_length=500, error_messages=_required(_("Ange en rubrik för handlingen.")))
    document_date = serializers.DateField(required=False, allow_null=True)
    document_type = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("Id för en av processens handlingstyper.")
    )
    document_type_text = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    counterpart = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False),
        required=False,
        default=list,
        help_text=_("En eller flera filer (multipart, fältet files)."),
    )


# --- Output (from records.register.access.CaseView / DocumentView) --------------------------------------


class FileOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    size = serializers.IntegerField()
    content_type = serializers.CharField()
    sha256 = serializers.CharField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, file) -> str:
        url = reverse("api-records-file-download", args=[file.id])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class DocumentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    reference = serializers.CharField()
    direction = serializers.CharField()
    document_date = serializers.DateField(allow_null=True)
    registered_on = serializers.DateField()
    title = serializers.CharField()
    document_type = serializers.CharField(source="type_name")
    counterpart = serializers.CharField()
    files = FileOutputSerializer(many=True)
    files_hidden = serializers.BooleanField()


class PartyOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    identity_number = serializers.CharField()
    kind = serializers.CharField()
    role = serializers.CharField()


class CaseOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    record_type = serializers.CharField()
    process = serializers.CharField(source="process_code")
    process_title = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    opened_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)
    year = serializers.IntegerField()
    responsible = serializers.SerializerMethodField()
    is_confidential = serializers.BooleanField()
    legal_ground = serializers.CharField()
    public_title = serializers.CharField()
    masked_fields = serializers.ListField(child=serializers.CharField())
    full_access = serializers.BooleanField()

    def get_responsible(self, view) -> dict | None:
        user = view.responsible
        return None if user is None else {"id": user.pk, "name": user.get_full_name() or user.get_username()}


class ActionSerializer(serializers.Serializer):
    """One action the requesting user may take now, from the object's life-cycle table."""

    name = serializers.CharField()
    label = serializers.CharField()


def actions_data(lifecycle, user, obj) -> list[dict]:
    """What `user` may do with `obj` now: exactly what the service behind each action would accept."""
    return [{"name": action.name, "label": str(action.label)} for action in lifecycle.available_actions(user, obj)]


@extend_schema_field(ActionSerializer(many=True))
class AvailableActionsField(serializers.Field):
    """The object's available actions for the requesting user (the buttons a client shows)."""

    def __init__(self, lifecycle, **kwargs):
        self.lifecycle = lifecycle
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return actions_data(self.lifecycle, self.context["request"].user, self.context.get("subject", value))


class CaseDetailOutputSerializer(CaseOutputSerializer):
    parties = PartyOutputSerializer(many=True, allow_null=True)
    documents = DocumentOutputSerializer(many=True)
    actions = AvailableActionsField(CASE)


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class EventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    summary = serializers.CharField()
    user = serializers.CharField(allow_null=True)
    reason = serializers.CharField()
    changes = ChangeSerializer(many=True)


def person_data(user):
    return None if user is None else {"id": user.pk, "name": person(user)}


def case_files_data(case, url_name, obj, request):
    files = []
    for stored in DocumentFile.objects.filter(case=case).select_related("document"):
        url = reverse(url_name, args=[obj.pk, stored.pk])
        files.append(
            {
                "id": stored.pk,
                "name": stored.original_name,
                "title": stored.document.title,
                "size": stored.size,
                "content_type": stored.content_type,
                "url": request.build_absolute_uri(url) if request else url,
            }
        )
    return files


class TextSerializer(InputSerializer):
    text = serializers.CharField(error_messages=_required(_("Skriv något.")))


class ActionReasonSerializer(InputSerializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


def valid(serializer_class, data, context=None) -> dict:
    """Validate input with a serializer; a DRF 400 with the messages per field when it is not valid."""
    serializer = serializer_class(data=data, context=context or {})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
