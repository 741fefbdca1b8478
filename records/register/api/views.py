"""The register's REST endpoints: cases, their documents and history; every change through records.register.services."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from classification.models import Node
from common.api_input import body_fields
from common.parsers import JSONParser
from idempotency.api import IDEMPOTENCY_KEY_PARAMETER, IDEMPOTENCY_RESPONSES, create_once
from records.register import access, services
from records.register.api import serializers as s
from records.register.models.cases import Case, CaseStatus
from records.register.models.documents import DocumentFile
from records.register.selectors import cases_for_list, in_subtree
from records.register.services.cases import CONFIDENTIALITY_FIELDS
from records.register.timeline import build_timeline


class RegisterPermission(permissions.BasePermission):
    """Model-level: view for reading, add for registering. Per case the services decide."""

    def has_permission(self, request, view):
        user = request.user
        if getattr(view, "action", None) == "create":
            return access.can_register(user)
        return access.can_view_register(user)


@extend_schema(tags=["records"])
class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [RegisterPermission]
    lookup_value_regex = r"\d+"
    serializer_class = s.CaseOutputSerializer
    swedish_titles = {
        "list": _lazy("Ärenden"),
        "retrieve": _lazy("Ärende"),
        "create": _lazy("Registrera ärende"),
        "partial_update": _lazy("Ändra ärende"),
        "close": _lazy("Avsluta ärende"),
        "reopen": _lazy("Återuppta ärende"),
        "cancel": _lazy("Makulera ärende"),
        "reclassify": _lazy("Omklassificera ärende"),
        "documents": _lazy("Lägg till handling"),
        "history": _lazy("Ärendets historik"),
    }
    swedish_description = _lazy(
        "Diariets ärenden med handlingar och parter, maskerade efter vad du får se. Ändringar görs genom "
        "åtgärderna (avsluta, återuppta, makulera, omklassificera) och syns i historiken."
    )
    swedish_descriptions = {"history": _lazy("Ärendets tidslinje, bara för läsning: historik ändras aldrig.")}
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        queryset = access.with_access(cases_for_list(), self.request.user)
        if self.action != "list":
            return queryset.prefetch_related("parties", Prefetch("documents__files"), "documents__document_type")
        params = self.request.query_params
        if params.get("process"):
            node = Node.objects.filter(code=params["process"].strip()).first()
            if node is None:
                raise serializers.ValidationError(
                    {
                        "process": [
                            _("Processen %(code)s finns inte i klassificeringsstrukturen.")
                            % {"code": params["process"]}
                        ]
                    }
                )
            queryset = in_subtree(queryset, node)
        if params.get("status"):
            if params["status"] not in CaseStatus.values:
                raise serializers.ValidationError(
                    {"status": [_("Okänd status; använd %(values)s.") % {"values": ", ".join(CaseStatus.values)}]}
                )
            queryset = queryset.filter(status=params["status"])
        if params.get("year"):
            if not params["year"].isdigit():
                raise serializers.ValidationError({"year": [_("Ange året med fyra siffror, t.ex. 2026.")]})
            queryset = queryset.filter(year=int(params["year"]))
        if params.get("q"):
            queryset = queryset.filter(access.search_condition(params["q"], self.request.user))
        return queryset

    def present(self, case, *, detail=True):
        view = access.masked(case, self.request.user, with_parties=detail, with_documents=detail)
        serializer_class = s.CaseDetailOutputSerializer if detail else s.CaseOutputSerializer
        context = {**self.get_serializer_context(), "subject": case}  # actions are read from the case itself
        return serializer_class(view, context=context).data

    def _fresh(self, case):
        return self.get_queryset().get(pk=case.pk)

    @extend_schema(
        parameters=[
            OpenApiParameter("process", str, description=_("Processkod; ärenden under noden och allt under den.")),
            OpenApiParameter("status", str, enum=CaseStatus.values),
            OpenApiParameter("year", int),
            OpenApiParameter("q", str, description=_("Sök på diarienummer och ärendemening.")),
        ]
    )
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([self.present(case, detail=False) for case in page])

    @extend_schema(responses=s.CaseDetailOutputSerializer)
    def retrieve(self, request, *args, **kwargs):
        return Response(self.present(self.get_object()))

    @extend_schema(
        request=s.CaseCreateSerializer,
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        responses={201: s.CaseDetailOutputSerializer, **IDEMPOTENCY_RESPONSES},
    )
    def create(self, request, *args, **kwargs):
        data = self._valid(s.CaseCreateSerializer, body_fields(request))
        secrecy = {name: data[name] for name in CONFIDENTIALITY_FIELDS if name in data}

        def register():
            return services.register_case(
                process=data["process"],
                title=data["title"],
                description=data["description"],
                responsible=data.get("responsible"),
                confidentiality=services.Confidentiality(**secrecy) if secrecy else None,
                parties=[services.PartyData(**party) for party in data["parties"]],
                user=request.user,
            )

        return create_once(
            request,
            endpoint="records",
            model=Case,
            create=register,
            respond=lambda case: Response(self.present(self._fresh(case)), status=status.HTTP_201_CREATED),
        )

    @extend_schema(request=s.CaseUpdateSerializer, responses=s.CaseDetailOutputSerializer)
    def partial_update(self, request, *args, **kwargs):
        case = self.get_object()
        data = self._valid(s.CaseUpdateSerializer, body_fields(request))
        reason = data.pop("reason", "")
        services.update_case(case, user=request.user, reason=reason, **data)
        return Response(self.present(self._fresh(case)))

    def _valid(self, serializer_class, data):
        serializer = serializer_class(data=data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _state_change(self, request, serializer_class, change):
        case = self.get_object()
        data = self._valid(serializer_class, body_fields(request))
        change(case, data)
        return Response(self.present(self._fresh(case)))

    @extend_schema(request=s.CloseSerializer, responses=s.CaseDetailOutputSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._state_change(
            request,
            s.CloseSerializer,
            lambda case, data: services.close_case(case, request.user, data.get("closed_on")),
        )

    @extend_schema(request=s.ReasonSerializer, responses=s.CaseDetailOutputSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._state_change(
            request, s.ReasonSerializer, lambda case, data: services.reopen_case(case, request.user, data["reason"])
        )

    @extend_schema(request=s.CancelSerializer, responses=s.CaseDetailOutputSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._state_change(
            request, s.CancelSerializer, lambda case, data: services.cancel_case(case, request.user, data["reason"])
        )

    @extend_schema(request=s.ReclassifySerializer, responses=s.CaseDetailOutputSerializer)
    @action(detail=True, methods=["post"])
    def reclassify(self, request, pk=None):
        return self._state_change(
            request,
            s.ReclassifySerializer,
            lambda case, data: services.reclassify_case(case, data["process"], data["reason"], request.user),
        )

    @extend_schema(
        request={"multipart/form-data": s.DocumentCreateSerializer}, responses={201: s.DocumentOutputSerializer}
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def documents(self, request, pk=None):
        case = self.get_object()
        payload = body_fields(request, files=("files", "file"))
        uploads = request.FILES.getlist("files") + request.FILES.getlist("file")
        if uploads:
            payload["files"] = uploads
        data = self._valid(s.DocumentCreateSerializer, payload)
        document = services.add_document(case, user=request.user, **data)
        case = self._fresh(case)
        view = access.present_document(document, case, access.has_full_access(request.user, case))
        return Response(
            s.DocumentOutputSerializer(view, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        responses=inline_serializer(
            "CaseHistory", {"reference": serializers.CharField(), "events": s.EventSerializer(many=True)}
        )
    )
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """The case's timeline, read-only: no endpoint edits or deletes history."""
        case = self.get_object()
        events = [event.as_dict() for event in build_timeline(case, request.user)]
        return Response({"reference": case.reference, "events": events})


class FileDownloadView(GenericAPIView):
    """A record file, for those allowed to see it (token or session)."""

    permission_classes = [RegisterPermission]
    queryset = DocumentFile.objects.select_related("case", "document")
    swedish_title = _lazy("Fil")
    swedish_description = _lazy("En fil i ett ärende, för den som får läsa den (token eller inloggning).")

    @extend_schema(tags=["records"], responses={(200, "*/*"): OpenApiTypes.BINARY})
    def get(self, request, pk):
        stored = get_object_or_404(self.get_queryset(), pk=pk)
        if not access.can_download(request.user, stored):
            raise PermissionDenied(_("Du har inte behörighet att läsa filen."))
        response = FileResponse(
            stored.file.open("rb"), as_attachment=True, filename=stored.original_name, content_type=stored.content_type
        )
        response["Cache-Control"] = "private, no-store"
        return response
