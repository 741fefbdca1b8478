"""/api/v1/installer-cases/ and /api/v1/installer-drafts/: sending, notes, attachments, status, cancelling, moves."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from common.api_input import NoInputSerializer, body_fields
from common.parsers import JSONParser
from idempotency.api import IDEMPOTENCY_KEY_PARAMETER, IDEMPOTENCY_RESPONSES, create_once
from records.installations import access as who
from records.installations.api import serializers as s
from records.installations.models.installer_cases import InstallerCase
from records.installations.models.installer_cases import InstallerCaseStatus as S
from records.installations.services import installer_cases as service
from records.installations.services import moves
from records.installations.services.installer_cases import CASE_FIELDS, InstallerCaseData
from records.register.api.serializers import ActionReasonSerializer, EventSerializer, TextSerializer, valid
from records.register.models.documents import DocumentFile
from records.register.timeline import build_timeline


def _case_data(data) -> InstallerCaseData:
    return InstallerCaseData(**{name: data.get(name) for name in CASE_FIELDS})


@extend_schema(tags=["installer-cases"])
class InstallerCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.InstallerCaseOutputSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    lookup_value_regex = r"\d+"
    swedish_titles = {
        "list": _("Installationsärenden"),
        "retrieve": _("Installationsärende"),
        "create": _("Skicka installationsärende"),
        "notes": _("Anteckning"),
        "attachments": _("Lägg till bilaga"),
        "attachment": _("Bilaga"),
        "start_planning": _("Påbörja planering"),
        "start_execution": _("Påbörja utförande"),
        "report_completion": _("Färdiganmäl"),
        "close": _("Avsluta installationsärende"),
        "cancel": _("Makulera installationsärende"),
        "request_cancellation": _("Begär makulering"),
        "move_to_member": _("Flytta till en teammedlem"),
        "move_to_team": _("Flytta till ett annat team"),
        "move_as_administrator": _("Flytta som administratör"),
        "history": _("Installationsärendets historik"),
    }
    swedish_description = _(
        "Installatörers ärenden till nätägaren: skicka, anteckningar, bilagor, status, makulering och flyttar."
    )
    swedish_descriptions = {"create": _("Skicka ett ärende till nätägaren (registreras som OK-…, status NY).")}

    def get_queryset(self):
        queryset = who.installer_cases_for(self.request.user).select_related("case", "installer", "team")
        params = self.request.query_params
        if params.get("status"):
            queryset = queryset.filter(status=params["status"])
        if params.get("case_type"):
            queryset = queryset.filter(case_type=params["case_type"])
        return queryset

    def present(self, ic, status_code=status.HTTP_200_OK):
        ic = self.get_queryset().prefetch_related("notes__author").get(pk=ic.pk)
        return Response(
            s.InstallerCaseDetailSerializer(ic, context=self.get_serializer_context()).data, status=status_code
        )

    @extend_schema(responses=s.InstallerCaseDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        return self.present(self.get_object())

    @extend_schema(
        request=s.InstallerCaseInputSerializer,
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        responses={201: s.InstallerCaseDetailSerializer, **IDEMPOTENCY_RESPONSES},
    )
    def create(self, request, *args, **kwargs):
        """Send a case to the grid owner (registered as OK-…, status NY)."""
        data = valid(s.InstallerCaseInputSerializer, body_fields(request, files=("attachments",)))
        return create_once(
            request,
            endpoint="installer-cases",
            model=InstallerCase,
            create=lambda: service.send_installer_case(
                _case_data(data), user=request.user, team=data["team"], attachments=request.FILES.getlist("attachments")
            ),
            respond=lambda ic: self.present(ic, status.HTTP_201_CREATED),
        )

    def _act(self, serializer_class, change, files=()):
        ic = self.get_object()
        data = valid(serializer_class or NoInputSerializer, body_fields(self.request, files=files))
        data.update({key: self.request.FILES[key] for key in files if key in self.request.FILES})
        change(ic, data)
        return self.present(ic)

    @extend_schema(request=TextSerializer, responses=s.InstallerCaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def notes(self, request, pk=None):
        return self._act(TextSerializer, lambda ic, d: service.add_note(ic, d["text"], request.user))

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "Attachment", {"file": serializers.FileField(), "title": serializers.CharField()}
            )
        },
        responses=s.InstallerCaseDetailSerializer,
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def attachments(self, request, pk=None):
        def change(ic, data):
            if data.get("file") is None:
                raise serializers.ValidationError({"file": ["Välj en fil."]})
            service.add_attachment(ic, data["file"], request.user, data["title"])

        return self._act(s.AttachmentSerializer, change, files=("file",))

    @extend_schema(responses={(200, "*/*"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path=r"attachments/(?P<file_id>\d+)", url_name="attachment")
    def attachment(self, request, pk=None, file_id=None):
        ic = self.get_object()
        stored = get_object_or_404(DocumentFile, pk=file_id, case_id=ic.case_id)
        return FileResponse(stored.file.open("rb"), filename=stored.original_name, content_type=stored.content_type)

    def _status(self, to_status):
        return self._act(None, lambda ic, d: service.change_status(ic, to_status, self.request.user))

    @extend_schema(request=None, responses=s.InstallerCaseDetailSerializer)
    @action(detail=True, methods=["post"], url_path="start-planning")
    def start_planning(self, request, pk=None):
        return self._status(S.PLANNING)

    @extend_schema(request=None, responses=s.InstallerCaseDetailSerializer)
    @action(detail=True, methods=["post"], url_path="start-execution")
    def start_execution(self, request, pk=None):
        return self._status(S.EXECUTION)

    @extend_schema(request=None, responses=s.InstallerCaseDetailSerializer)
    @action(detail=True, methods=["post"], url_path="report-completion")
    def report_completion(self, request, pk=None):
        return self._status(S.COMPLETION_REPORTED)

    @extend_schema(request=None, responses=s.InstallerCaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._status(S.CLOSED)

    @extend_schema(request=ActionReasonSerializer, responses=s.InstallerCaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._act(
            ActionReasonSerializer, lambda ic, d: service.cancel_installer_case(ic, request.user, d["reason"])
        )

    @extend_schema(request=ActionReasonSerializer, responses=s.InstallerCaseDetailSerializer)
    @action(detail=True, methods=["post"], url_path="request-cancellation")
    def request_cancellation(self, request, pk=None):
        return self._act(
            ActionReasonSerializer, lambda ic, d: service.request_cancellation(ic, d["reason"], request.user)
        )

    @extend_schema(request=s.MoveToMemberSerializer, responses=s.InstallerCaseDetailSerializer)
    @action(detail=True, methods=["post"], url_path="move-to-member")
    def move_to_member(self, request, pk=None):
        return self._act(
            s.MoveToMemberSerializer,
            lambda ic, d: moves.move_to_member([ic], d["to_installer"], request.user, d["grounds"]),
        )

    @extend_schema(request=s.MoveToTeamSerializer, responses=s.InstallerCaseDetailSerializer)
    @action(detail=True, methods=["post"], url_path="move-to-team")
    def move_to_team(self, request, pk=None):
        return self._act(
            s.MoveToTeamSerializer, lambda ic, d: moves.move_to_team([ic], d["to_team"], request.user, d["grounds"])
        )

    @extend_schema(request={"multipart/form-data": s.AdminMoveSerializer}, responses=s.InstallerCaseDetailSerializer)
    @action(detail=True, methods=["post"], url_path="move-as-administrator")
    def move_as_administrator(self, request, pk=None):
        return self._act(
            s.AdminMoveSerializer,
            lambda ic, d: moves.move_as_administrator(
                [ic],
                to_installer=d["to_installer"],
                to_team=d["to_team"],
                user=request.user,
                grounds=d["grounds"],
                consent=d.get("consent"),
                consent_kind=d["consent_kind"],
            ),
            files=("consent",),
        )

    @extend_schema(
        responses=inline_serializer(
            "InstallerCaseHistory", {"reference": serializers.CharField(), "events": EventSerializer(many=True)}
        )
    )
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        ic = self.get_object()
        return Response(
            {"reference": ic.reference, "events": [e.as_dict() for e in build_timeline(ic.case, request.user)]}
        )


@extend_schema(tags=["installer-cases"])
class InstallerDraftViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """Saved, unsent cases: no number, deleted 14 days after they were last saved (see deleted_in)."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.DraftOutputSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    swedish_titles = {
        "list": _("Utkast"),
        "retrieve": _("Utkast"),
        "create": _("Spara utkast"),
        "partial_update": _("Ändra utkast"),
        "destroy": _("Radera utkast"),
        "send": _("Skicka utkastet"),
    }
    swedish_description = _(
        "Sparade, ej skickade installationsärenden: inget nummer, raderas 14 dagar efter att de senast sparades."
    )

    def get_queryset(self):
        return who.drafts_for(self.request.user)

    @extend_schema(request=s.InstallerCaseInputSerializer, responses={201: s.DraftOutputSerializer})
    def create(self, request, *args, **kwargs):
        data = valid(s.InstallerCaseInputSerializer, body_fields(request))
        draft = service.save_draft(_case_data(data), user=request.user, team=data["team"])
        return Response(s.DraftOutputSerializer(draft).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.InstallerCaseInputSerializer, responses=s.DraftOutputSerializer)
    def partial_update(self, request, *args, **kwargs):
        draft = self.get_object()
        current = {name: getattr(draft, name) for name in CASE_FIELDS}
        current["team"] = draft.team_id
        data = valid(
            s.InstallerCaseInputSerializer,
            {**{k: v for k, v in current.items() if v is not None}, **body_fields(request)},
        )
        draft = service.save_draft(_case_data(data), user=request.user, team=data["team"], draft=draft)
        return Response(s.DraftOutputSerializer(draft).data)

    @extend_schema(request=None, responses={201: s.InstallerCaseDetailSerializer})
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        draft = self.get_object()
        valid(NoInputSerializer, body_fields(request, files=("attachments",)))
        ic = service.send_draft(draft, request.user, attachments=request.FILES.getlist("attachments"))
        return Response(
            s.InstallerCaseDetailSerializer(ic, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )
