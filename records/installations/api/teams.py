"""/api/v1/teams/ and /api/v1/decisions/: registering teams, members in and out, and the decisions they produce."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from common.api_input import body_fields
from common.parsers import JSONParser
from records.installations import access as who
from records.installations.api import serializers as s
from records.installations.services import decisions as decision_service
from records.installations.services import teams as service
from records.installations.services.decisions import Attachment
from records.register.api.serializers import valid
from records.register.models.documents import DocumentFile


@extend_schema(tags=["teams"])
class TeamViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.TeamOutputSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]
    swedish_titles = {
        "list": _("Team"),
        "retrieve": _("Team"),
        "create": _("Registrera team"),
        "partial_update": _("Ändra team"),
        "add_member": _("Lägg till medlem"),
        "remove_member": _("Ta bort medlem"),
        "certificate": _("Auktorisationsbevis"),
    }
    swedish_description = _("Installatörsteam: registrering, medlemmar in och ut, och beslut om dem.")
    swedish_descriptions = {
        "partial_update": _("Namn, kontaktuppgifter och behörigheter; ägaren och organisationsnumret ändras aldrig.")
    }

    def get_queryset(self):
        return who.teams_for(self.request.user).select_related("owner", "certificate")

    def present(self, team, status_code=status.HTTP_200_OK):
        team = self.get_queryset().get(pk=team.pk)
        return Response(s.TeamOutputSerializer(team, context=self.get_serializer_context()).data, status=status_code)

    @extend_schema(request={"multipart/form-data": s.TeamCreateSerializer}, responses={201: s.TeamOutputSerializer})
    def create(self, request, *args, **kwargs):
        data = valid(s.TeamCreateSerializer, body_fields(request, files=("certificate",), lists=("competences",)))
        data["certificate"] = request.FILES.get("certificate")
        team = service.register_team(user=request.user, **data)
        return self.present(team, status.HTTP_201_CREATED)

    @extend_schema(request=s.TeamUpdateSerializer, responses=s.TeamOutputSerializer)
    def partial_update(self, request, *args, **kwargs):
        """Name, contact details and competences; the owner and the organisation number never change."""
        team = self.get_object()
        changes = valid(s.TeamUpdateSerializer, body_fields(request, lists=("competences",)))
        service.update_team(team, request.user, **changes)
        return self.present(team)

    @extend_schema(request=s.MemberSerializer, responses=s.TeamOutputSerializer)
    @action(detail=True, methods=["post"], url_path="add-member")
    def add_member(self, request, pk=None):
        team = self.get_object()
        data = valid(s.MemberSerializer, body_fields(request))
        service.add_member(team, data["member"], request.user, data["grounds"])
        return self.present(team)

    @extend_schema(request=s.MemberSerializer, responses=s.TeamOutputSerializer)
    @action(detail=True, methods=["post"], url_path="remove-member")
    def remove_member(self, request, pk=None):
        team = self.get_object()
        data = valid(s.MemberSerializer, body_fields(request))
        service.remove_member(team, data["member"], request.user, data["grounds"])
        return self.present(team)

    @extend_schema(responses={(200, "*/*"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def certificate(self, request, pk=None):
        team = self.get_object()
        if team.certificate is None:
            raise Http404
        stored = team.certificate
        return FileResponse(stored.file.open("rb"), filename=stored.original_name, content_type=stored.content_type)


@extend_schema(tags=["teams"])
class DecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.DecisionOutputSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    lookup_value_regex = r"\d+"
    swedish_titles = {
        "list": _("Teambeslut"),
        "retrieve": _("Teambeslut"),
        "create": _("Registrera beslut"),
        "attachment": _("Bilaga"),
    }
    swedish_description = _("Beslut om installatörsteam, med diarienummer, skäl och bilagor.")
    swedish_descriptions = {
        "create": _(
            "Ett annat beslut om ett team, av nätägarens personal (övriga kommer från teamens och ärendenas åtgärder)."
        )
    }

    def get_queryset(self):
        queryset = who.decisions_for(self.request.user).select_related("case", "decided_by", "member")
        params = self.request.query_params
        if params.get("team"):
            queryset = queryset.filter(team_id=params["team"]) if params["team"].isdigit() else queryset.none()
        if params.get("kind"):
            queryset = queryset.filter(kind=params["kind"])
        return queryset.prefetch_related("installer_cases__case")

    @extend_schema(
        request={"multipart/form-data": s.DecisionCreateSerializer}, responses={201: s.DecisionOutputSerializer}
    )
    def create(self, request, *args, **kwargs):
        """Another decision on a team, by the grid owner's staff (the others come from the team and case actions)."""
        payload = body_fields(request, files=("attachments",))
        uploads = request.FILES.getlist("attachments")
        if uploads:
            payload["attachments"] = uploads
        data = valid(s.DecisionCreateSerializer, payload)
        decision = decision_service.register_decision(
            user=request.user,
            grounds=data["grounds"],
            team=data["team"],
            attachments=[Attachment(f.name, f) for f in data["attachments"]],
        )
        decision = self.get_queryset().get(pk=decision.pk)
        return Response(
            s.DecisionOutputSerializer(decision, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(responses={(200, "*/*"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path=r"attachments/(?P<file_id>\d+)", url_name="attachment")
    def attachment(self, request, pk=None, file_id=None):
        decision = self.get_object()
        stored = get_object_or_404(DocumentFile, pk=file_id, case_id=decision.case_id)
        return FileResponse(stored.file.open("rb"), filename=stored.original_name, content_type=stored.content_type)
