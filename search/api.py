"""The search API: GET /api/v1/search/?q=... with the page's filters, for any logged-in user or token."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .errors import SearchError, SearchUnavailable
from .params import API_NAMES, query_from_params

PARAMETERS = [
    OpenApiParameter("q", str, description="Sökord, fraser i citattecken, -uteslut, OR, prefix*, diarienummer."),
    OpenApiParameter("type", str, enum=["case", "document", "process", "guide"]),
    OpenApiParameter("process", str, description="Processkod; träffar i hela delträdet."),
    OpenApiParameter("record_type", str),
    OpenApiParameter("status", str),
    OpenApiParameter("year", int),
    OpenApiParameter("sort", str, enum=["relevance", "date"]),
    OpenApiParameter("page", int),
    OpenApiParameter("page_size", {"type": "integer", "minimum": 1, "maximum": 100}, description="1–100, standard 20."),
    OpenApiParameter("as_you_type", bool, description="Sista ordet matchas som början av ord."),
]


class SearchView(APIView):
    permission_classes = [IsAuthenticated]
    swedish_title = _("Sök")
    swedish_description = _(
        "Sök i ärenden, handlingar, processer och guider med samma filter som söksidan; du ser bara det du får se."
    )

    @extend_schema(parameters=PARAMETERS, responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT})
    def get(self, request):
        try:
            results = query_from_params(request.query_params, request.user, API_NAMES).execute()
        except SearchUnavailable as error:
            return Response({"detail": error.message}, status=503)
        except SearchError as error:
            return Response({"detail": error.message}, status=400)
        data = results.as_dict()
        for item, hit in zip(data["results"], results.hits, strict=True):
            item.update(
                url=hit.url,
                date=hit.date.isoformat() if hit.date else None,
                status=hit.status,
                exact=hit.exact,
                masked=hit.masked,
                type_label=hit.type_label,
            )
        data.update(
            page=results.page,
            page_size=results.page_size,
            pages=results.pages,
            sort=results.sort,
            notices=results.notices,
        )
        return Response(data)
