"""REST API of the classification plan: the tree, one process, and "where do I file this?"."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from .filing import where_to_file
from .models import Node


class NodeSummarySerializer(serializers.ModelSerializer):
    ceased = serializers.BooleanField(source="is_ceased", read_only=True)

    class Meta:
        model = Node
        fields = ["code", "kind", "title", "valid_to", "ceased"]


class NodeDetailSerializer(NodeSummarySerializer):
    parent = serializers.SerializerMethodField()
    document_types = serializers.SerializerMethodField()
    see_also = serializers.SerializerMethodField()
    children = serializers.SerializerMethodField()

    class Meta(NodeSummarySerializer.Meta):
        fields = NodeSummarySerializer.Meta.fields + [
            "parent",
            "description",
            "comments",
            "valid_from",
            "document_types",
            "see_also",
            "children",
        ]

    def get_parent(self, node) -> str | None:
        return node.parent.code if node.parent else None

    def get_document_types(self, node) -> list[str]:
        return [doc_type.name for doc_type in node.document_types.all()]

    def get_see_also(self, node) -> list[dict[str, str]]:
        return [
            {"code": ref.target.code, "sentence": ref.sentence}
            for ref in node.outgoing_references.select_related("target")
        ]

    def get_children(self, node) -> list[str]:
        return [child.code for child in node.get_children()]


class ProcessTreeView(APIView):
    """The whole plan as a nested tree (`?flat=1` for a flat list in tree order)."""

    swedish_title = _lazy("Klassificeringsstruktur")
    swedish_description = _lazy(
        "Hela klassificeringsstrukturen som ett träd (`?flat=1` ger en platt lista i trädordning)."
    )

    @extend_schema(
        operation_id="processes_tree",
        parameters=[OpenApiParameter("flat", OpenApiTypes.BOOL, description="Platt lista i trädordning")],
        responses=NodeSummarySerializer(many=True),
    )
    def get(self, request):
        nodes = list(Node.objects.order_by("tree_id", "lft"))
        if request.query_params.get("flat") in ("1", "true"):
            codes = {node.pk: node.code for node in nodes}
            return Response([dict(NodeSummarySerializer(n).data, parent=codes.get(n.parent_id)) for n in nodes])
        by_id, roots = {}, []
        for node in nodes:
            item = dict(NodeSummarySerializer(node).data, children=[])
            by_id[node.pk] = item
            (by_id[node.parent_id]["children"] if node.parent_id else roots).append(item)
        return Response(roots)


class ProcessDetailView(APIView):
    swedish_title = _lazy("Process")
    swedish_description = _lazy("En nod i klassificeringsstrukturen med handlingstyper, hänvisningar och undernoder.")

    @extend_schema(operation_id="processes_detail", responses=NodeDetailSerializer)
    def get(self, request, code):
        node = get_object_or_404(Node.objects.select_related("parent").prefetch_related("document_types"), code=code)
        return Response(NodeDetailSerializer(node).data)


class WhereToFileView(APIView):
    """`?q=leverantörsfaktura&limit=5`: ranked suggestions with a short Swedish explanation."""

    swedish_title = _lazy("Var registreras handlingen?")
    swedish_description = _lazy(
        "`?q=leverantörsfaktura&limit=5`: processer rangordnade efter hur väl de passar, med en kort förklaring."
    )

    @extend_schema(
        operation_id="where_to_file",
        parameters=[
            OpenApiParameter(
                "q", {"type": "string", "maxLength": 2000}, required=True, description="Beskrivning av handlingen"
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": 50},
                description="Högst så många förslag (1–50, standard 5)",
            ),
        ],
        responses=inline_serializer(
            "FilingSuggestion",
            {
                "code": serializers.CharField(),
                "title": serializers.CharField(),
                "score": serializers.FloatField(),
                "why": serializers.CharField(),
            },
            many=True,
        ),
    )
    def get(self, request):
        text = request.query_params.get("q", "").strip()
        if not text:
            raise ValidationError({"q": [_("Ange en beskrivning av handlingen.")]})
        if len(text) > 2000:
            raise ValidationError({"q": [_("Beskrivningen får vara högst 2000 tecken.")]})
        try:
            limit = int(request.query_params.get("limit", 5))
        except ValueError:
            raise ValidationError({"limit": [_("Ange ett heltal.")]}) from None
        if not 1 <= limit <= 50:
            raise ValidationError({"limit": [_("Ange ett tal mellan 1 och 50.")]})
        return Response(where_to_file(text, limit=limit))
