"""Retention's REST endpoints: a record's retention in words and dates, and the retention report."""

import math
import re

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from common import clock
from records.models import Case
from records.register import access

from .forms import report_filter
from .models import REPORT_ACTIONS
from .services.compute import RuleBook, compute_case, compute_document
from .services.describe import describe_document_retention, describe_retention
from .services.holds import holds_covering, moved_out_warning
from .services.report import due_queryset, report_rows
from .wording import short_rule


def page_number(raw: str, count: int, page_size: int) -> int:
    """The page asked for: 400 unless a positive whole number, 404 past the last page (as DRF's lists answer)."""
    if not re.fullmatch(r"[0-9]+", raw) or not raw.strip("0"):
        raise serializers.ValidationError({"page": [_("Ange sidan som ett positivt heltal.")]})
    pages = max(1, math.ceil(count / page_size))
    # Compared as text first: a page of thousands of digits is past the end, and too long for int().
    if len(raw.lstrip("0")) > len(str(pages)) or int(raw) > pages:
        raise NotFound(
            ngettext(
                "Sidan finns inte; rapporten har %(n)d sida.", "Sidan finns inte; rapporten har %(n)d sidor.", pages
            )
            % {"n": pages}
        )
    return int(raw)


class CanSeeRetention(permissions.BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return access.can_view_register(user) and user.has_perm("retention.view_caseretention")


class CanSeeReport(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.has_perm("retention.view_retention_report")


def _rule(rule):
    if rule is None:
        return None
    return {
        "id": rule.pk,
        "node": rule.source_node.code,
        "document_type": rule.document_type.name if rule.document_type_id else None,
        "action": rule.action,
        "years": rule.years,
        "months": rule.months,
        "trigger": rule.trigger or None,
        "authority": rule.authority,
        "description": short_rule(rule),
    }


RULE = inline_serializer(
    "RetentionRuleRef",
    {
        "id": serializers.IntegerField(),
        "node": serializers.CharField(),
        "document_type": serializers.CharField(allow_null=True),
        "action": serializers.CharField(),
        "years": serializers.IntegerField(allow_null=True),
        "months": serializers.IntegerField(allow_null=True),
        "trigger": serializers.CharField(allow_null=True),
        "authority": serializers.CharField(),
        "description": serializers.CharField(),
    },
)


@extend_schema(
    tags=["retention"],
    responses=inline_serializer(
        "RecordRetention",
        {
            "reference": serializers.CharField(),
            "process": serializers.CharField(),
            "rule": RULE,
            "action": serializers.CharField(allow_null=True, help_text="gallras, granskas, bevaras or null (no rule)"),
            "due": serializers.DateField(allow_null=True),
            "description": serializers.CharField(),
            "hold": serializers.BooleanField(),
            "documents": serializers.ListField(child=serializers.DictField()),
        },
    ),
)
class RecordRetentionView(GenericAPIView):
    """The rule in force for a record, where it comes from, its due date and holds; and each document's."""

    permission_classes = [CanSeeRetention]
    swedish_title = _lazy("Ärendets gallring")
    swedish_description = _lazy(
        "Gallringsregeln som gäller för ärendet, var den kommer ifrån, gallringsdatum och spärrar; "
        "likadant för varje handling."
    )

    def get(self, request, pk):
        case = get_object_or_404(Case.objects.select_related("process"), pk=pk)
        book = RuleBook()
        computed = compute_case(case, book)
        holds = list(holds_covering(case))
        documents = []
        for document in case.documents.select_related("document_type", "case__process").order_by("number"):
            outcome = compute_document(document, book)
            documents.append(
                {
                    "reference": f"{case.reference}-{document.number}",
                    "rule": _rule(outcome.rule),
                    "due": outcome.due_date,
                    "description": describe_document_retention(document, book),
                }
            )
        action = REPORT_ACTIONS.get(computed.action) or (computed.action or None)
        body = {
            "reference": case.reference,
            "process": case.process.code,
            "rule": _rule(computed.rule),
            "action": action,
            "due": computed.due_date,
            "description": describe_retention(case, book, with_holds=False),
            "hold": bool(holds),
            "documents": documents,
        }
        if holds and request.user.has_perm("retention.view_legalhold"):
            body["holds"] = [
                {
                    "id": h.pk,
                    "on": str(h.target_label),
                    "reason": h.reason,
                    "set_at": clock.local_iso(h.set_at),
                    "warning": moved_out_warning(h, case),
                }
                for h in holds
            ]
        return Response(body)


REPORT_ROW = inline_serializer(
    "RetentionReportRow",
    {
        "reference": serializers.CharField(),
        "process": serializers.CharField(),
        "title": serializers.CharField(help_text="Ärendemeningen, maskerad när den är sekretessbelagd."),
        "closed": serializers.DateField(),
        "rule": serializers.CharField(),
        "due": serializers.DateField(),
        "action": serializers.CharField(help_text="gallras eller granskas"),
        "hold": serializers.BooleanField(),
    },
)
REPORT = inline_serializer(
    "RetentionReport",
    {
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": serializers.ListField(child=REPORT_ROW),
    },
)


@extend_schema(
    tags=["retention"],
    parameters=[
        OpenApiParameter("as_of", OpenApiTypes.DATE, description=_("Datum ÅÅÅÅ-MM-DD (standard: i dag)")),
        OpenApiParameter("process", str, description=_("Processkod; allt under noden.")),
        OpenApiParameter("page", {"type": "integer", "minimum": 1}, description=_("Sidan, 100 rader per sida.")),
    ],
    responses=REPORT,
)
class ReportView(GenericAPIView):
    """The retention report as JSON rows (the same keys as `manage.py retention_report`), 100 per page."""

    permission_classes = [CanSeeReport]
    page_size = 100
    swedish_title = _lazy("Gallringsrapport")
    swedish_description = _lazy(
        "Gallringsrapporten som JSON-rader (samma nycklar som `manage.py retention_report`), 100 per sida."
    )

    def get(self, request):
        form = report_filter(request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError({name: [str(m) for m in errors] for name, errors in form.errors.items()})
        as_of, process = form.cleaned_data["as_of"], form.cleaned_data["process"]
        count = due_queryset(as_of, process).count()
        page = page_number(request.query_params.get("page", "1"), count, self.page_size)
        rows = list(report_rows(as_of, process, request.user, offset=(page - 1) * self.page_size, limit=self.page_size))

        def link(number):
            if number < 1 or (number - 1) * self.page_size >= count:
                return None
            query = request.query_params.copy()
            query["page"] = str(number)
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        return Response({"count": count, "next": link(page + 1), "previous": link(page - 1), "results": rows})
