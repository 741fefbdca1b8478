"""Refusing requests no view should see: control characters in the path, the query or form fields, and
bodies over DATA_UPLOAD_MAX_MEMORY_SIZE on the API (answered as JSON, as every API error is).

Uploaded file names need no check here: Django's multipart parser already drops control characters from them.
"""

import re

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig
from django.http import JsonResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
# PostgreSQL text cannot hold NUL, and no control character belongs in a URL. Text typed by people
# (query values, form fields) may hold tab and line breaks; nothing else below 0x20, nor DEL.
CONTROL_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RequestChecksMiddleware:
    """Answer 400 before any view runs when a request carries control characters, and 413 (JSON) when an
    API request's body is over the size Django reads into memory."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_api = request.path_info.startswith(API_PREFIX)
        try:
            problem = bad_characters(request)
        except RequestDataTooBig:
            if not is_api:
                raise  # Django's own 400 page
            return too_big_response()
        if problem:
            if is_api:
                return JsonResponse({"detail": problem}, status=400)
            raise BadRequest(problem)
        return self.get_response(request)


def bad_characters(request) -> str:
    """A Swedish message naming where a control character was found, or "" when there is none."""
    if CONTROL_IN_PATH.search(request.path_info):
        return _("Adressen innehåller otillåtna tecken (styrtecken).")
    for name, value in _pairs(request.GET):
        if CONTROL_IN_TEXT.search(name) or CONTROL_IN_TEXT.search(value):
            return _("Parametern ”%(name)s” innehåller otillåtna tecken (styrtecken).") % {"name": _printable(name)}
    if request.method == "POST" and request.content_type in FORM_TYPES:
        for name, value in _pairs(request.POST):
            if CONTROL_IN_TEXT.search(name) or CONTROL_IN_TEXT.search(value):
                return _("Fältet ”%(name)s” innehåller otillåtna tecken (styrtecken).") % {"name": _printable(name)}
    return ""


def too_big_response() -> JsonResponse:
    megabytes = f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024):.3g}".replace(".", ",")
    return JsonResponse(
        {"detail": _("Begäran är för stor: högst %(limit)s MB utöver bifogade filer tas emot.") % {"limit": megabytes}},
        status=413,
    )


def _pairs(query_dict):
    for name, values in query_dict.lists():
        for value in values:
            yield name, value


def _printable(name: str) -> str:
    return CONTROL_IN_PATH.sub("?", name)[:100]
