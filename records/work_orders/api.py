"""/api/v1/work-orders/: list, read, order, one endpoint per life-cycle action, invoice references,
the overview counts, the Excel report and the PDF; contractors see and act on their own orders only."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from common.api_input import NoInputSerializer, body_fields
from common.parsers import JSONParser
from idempotency.api import IDEMPOTENCY_KEY_PARAMETER, IDEMPOTENCY_RESPONSES, create_once
from records.register.api.serializers import ActionReasonSerializer, EventSerializer, valid
from records.register.models.documents import DocumentFile
from records.register.timeline import build_timeline
from records.work_orders import access as who
from records.work_orders import overview as work_overview
from records.work_orders import serializers as s
from records.work_orders import services as service
from records.work_orders.export import filtered, xlsx_response
from records.work_orders.invoice_references import resolve_invoice_reference
from records.work_orders.lifecycle import can_see_pictures
from records.work_orders.models import WorkOrder
from records.work_orders.pdf import render_pdf


@extend_schema(tags=["work-orders"])
class WorkOrderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.WorkOrderOutputSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    lookup_value_regex = r"\d+"
    swedish_titles = {
        "list": _lazy("Arbetsorder"),
        "retrieve": _lazy("Arbetsorder"),
        "create": _lazy("Beställ arbetsorder"),
        "accept": _lazy("Acceptera arbetsorder"),
        "notes": _lazy("Anteckning eller beställningsfråga"),
        "answer": _lazy("Svara på beställningsfråga"),
        "complete": _lazy("Rapportera arbetsordern som utförd"),
        "invoice": _lazy("Markera arbetsordern som fakturerad"),
        "cancel": _lazy("Makulera arbetsorder"),
        "pictures": _lazy("Lägg till bilder"),
        "picture": _lazy("Bild"),
        "history": _lazy("Arbetsorderns historik"),
        "pdf": _lazy("Arbetsordern som PDF"),
        "resolve": _lazy("Slå upp fakturareferens"),
        "overview": _lazy("Översikt per status och typ"),
        "export": _lazy("Rapport för Excel"),
    }
    swedish_description = _lazy(
        "Arbetsorder till entreprenörer: beställning, en åtgärd per steg i livscykeln, anteckningar och bilder. "
        "En entreprenör ser och hanterar bara sina egna."
    )
    swedish_descriptions = {
        "resolve": _lazy("Arbetsordern som en fakturareferens pekar ut; bara formen AO1234 godtas."),
        "overview": _lazy("Antal per status och typ, vart och ett med länken till listan det räknar."),
        "export": _lazy("Rapporten för Excel, strömmad."),
    }

    def get_queryset(self):
        queryset = who.work_orders_for(self.request.user).select_related("case__process", "contractor", "ordered_by")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("notes__author")
        return queryset

    def filter_queryset(self, queryset):
        params = self.request.query_params
        return filtered(queryset, params.get("order_type", ""), params.get("status", ""))

    def present(self, order, *, status_code=status.HTTP_200_OK):
        order = self.get_queryset().prefetch_related("notes__author").get(pk=order.pk)
        return Response(
            s.WorkOrderDetailSerializer(order, context=self.get_serializer_context()).data, status=status_code
        )

    @extend_schema(parameters=[OpenApiParameter("status", str), OpenApiParameter("order_type", str)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=s.WorkOrderDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        return Response(s.WorkOrderDetailSerializer(self.get_object(), context=self.get_serializer_context()).data)

    @extend_schema(
        request=s.WorkOrderCreateSerializer,
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        responses={201: s.WorkOrderDetailSerializer, **IDEMPOTENCY_RESPONSES},
    )
    def create(self, request, *args, **kwargs):
        if not who.manages_work_orders(request.user):
            raise PermissionDenied(_("Bara beställande organisation kan skapa arbetsorder."))
        data = valid(s.WorkOrderCreateSerializer, body_fields(request, files=("pictures",)))
        reference = data.pop("batch_with")
        data["batch_with"] = resolve_invoice_reference(reference, request.user) if reference else None
        pictures = request.FILES.getlist("pictures")
        return create_once(
            request,
            endpoint="work-orders",
            model=WorkOrder,
            create=lambda: service.create_work_order(
                service.WorkOrderData(**data), user=request.user, pictures=pictures
            ),
            respond=lambda order: self.present(order, status_code=status.HTTP_201_CREATED),
        )

    def _act(self, serializer_class, change, files=()):
        order = self.get_object()
        data = valid(serializer_class or NoInputSerializer, body_fields(self.request, files=files))
        change(order, data)
        return self.present(order)

    @extend_schema(request=None, responses=s.WorkOrderDetailSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._act(None, lambda o, d: service.accept_work_order(o, request.user))

    @extend_schema(request=s.NoteSerializer, responses=s.WorkOrderDetailSerializer)
    @action(detail=True, methods=["post"])
    def notes(self, request, pk=None):
        return self._act(
            s.NoteSerializer, lambda o, d: service.add_note(o, d["text"], request.user, question=d["question"])
        )

    @extend_schema(request=s.AnswerSerializer, responses=s.WorkOrderDetailSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        def change(order, data):
            if data["question"].work_order_id != order.pk:
                raise serializers.ValidationError(
                    {"question": [_("Frågan hör inte till %(ref)s.") % {"ref": order.reference}]}
                )
            service.answer_question(data["question"], data["text"], request.user)

        return self._act(s.AnswerSerializer, change)

    @extend_schema(request=s.CompleteSerializer, responses=s.WorkOrderDetailSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._act(s.CompleteSerializer, lambda o, d: service.complete_work_order(o, request.user, **d))

    @extend_schema(request=None, responses=s.WorkOrderDetailSerializer)
    @action(detail=True, methods=["post"])
    def invoice(self, request, pk=None):
        return self._act(None, lambda o, d: service.mark_invoiced(o, request.user))

    @extend_schema(request=ActionReasonSerializer, responses=s.WorkOrderDetailSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._act(ActionReasonSerializer, lambda o, d: service.cancel_work_order(o, request.user, d["reason"]))

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "Pictures", {"pictures": serializers.ListField(child=serializers.FileField())}
            )
        },
        responses=s.WorkOrderDetailSerializer,
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def pictures(self, request, pk=None):
        return self._act(
            None, lambda o, d: service.add_pictures(o, request.FILES.getlist("pictures"), request.user), ("pictures",)
        )

    @extend_schema(responses={(200, "*/*"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path=r"pictures/(?P<file_id>\d+)", url_name="picture")
    def picture(self, request, pk=None, file_id=None):
        order = self.get_object()
        if not can_see_pictures(request.user, order):
            raise Http404
        stored = get_object_or_404(DocumentFile, pk=file_id, case_id=order.case_id)
        response = FileResponse(stored.file.open("rb"), filename=stored.original_name, content_type=stored.content_type)
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(
        responses=inline_serializer(
            "WorkOrderHistory", {"reference": serializers.CharField(), "events": EventSerializer(many=True)}
        )
    )
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        order = self.get_object()
        return Response(
            {"reference": order.reference, "events": [e.as_dict() for e in build_timeline(order.case, request.user)]}
        )

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        order = self.get_object()
        response = HttpResponse(render_pdf(order, request.user), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{order.reference}.pdf"'
        return response

    @extend_schema(
        parameters=[OpenApiParameter("ref", str, required=True, description=_("T.ex. AO1234."))],
        responses=s.WorkOrderOutputSerializer,
    )
    @action(detail=False, methods=["get"])
    def resolve(self, request):
        """The work order an invoice reference names; only the exact form AO1234 is accepted."""
        order = resolve_invoice_reference(request.query_params.get("ref"), request.user)
        return Response(s.WorkOrderOutputSerializer(order, context=self.get_serializer_context()).data)

    @extend_schema(
        responses=inline_serializer(
            "WorkOrderOverview", {"rows": serializers.ListField(), "totals": serializers.ListField()}
        )
    )
    @action(detail=False, methods=["get"])
    def overview(self, request):
        """Counts per status and type, each with the list URL it counts."""
        base = request.build_absolute_uri(request.path.replace("overview/", ""))

        def link(status_value, order_type):
            params = "&".join(f"{k}={v}" for k, v in (("status", status_value), ("order_type", order_type)) if v)
            return base + ("?" + params if params else "")

        rows, totals = work_overview.table(self.get_queryset(), link)

        def as_cell(c):
            return {"status": c.status, "order_type": c.order_type, "count": c.count, "url": c.url}

        return Response(
            {
                "rows": [
                    {
                        "status": r.status,
                        "label": r.label,
                        "cells": [as_cell(c) for c in r.cells],
                        "total": as_cell(r.total),
                    }
                    for r in rows
                ],
                "totals": [as_cell(c) for c in totals],
            }
        )

    @extend_schema(
        parameters=[OpenApiParameter("status", str), OpenApiParameter("order_type", str)],
        responses={(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): OpenApiTypes.BINARY},
    )
    @action(detail=False, methods=["get"])
    def export(self, request):
        """The report for Excel, streamed."""
        return xlsx_response(self.filter_queryset(self.get_queryset()))
