"""API views of the cms app: the guides of a process, for the registrar's back office."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from classification.models import Node

from .selectors import guides_for_process


class GuideLinkSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.URLField()
    audience = serializers.CharField(help_text="registrars, contractors, installers or staff")
    audience_label = serializers.CharField()


class ProcessGuidesView(APIView):
    """Live guides that explain a process (404 when the code is not a process of the plan)."""

    swedish_title = _("Guider för processen")
    swedish_description = _(
        "Publicerade guider som förklarar en process (404 när koden inte är en process i strukturen)."
    )

    @extend_schema(responses=GuideLinkSerializer(many=True), operation_id="process_guides")
    def get(self, request, code):
        node = get_object_or_404(Node, code=code, kind=Node.KindChoices.PROCESS)
        data = [
            {
                "title": guide.title,
                "url": request.build_absolute_uri(guide.get_url(request)),
                "audience": guide.audience,
                "audience_label": str(guide.get_audience_display()),
            }
            for guide in guides_for_process(node)
        ]
        return Response(GuideLinkSerializer(data, many=True).data)
