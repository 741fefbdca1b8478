"""Error pages: Swedish and in the product's look on every path; under /api/ the answer is JSON."""

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import csrf_exempt

API_PREFIX = "/api/"
# The first sentence is also the API's detail.
DETAILS = {
    400: "Felaktig begäran.",
    403: "Åtkomst nekad.",
    404: "Sidan finns inte.",
    500: "Något gick fel hos oss. Felet är loggat; försök igen om en stund.",
}


def _answer(request, status):
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": DETAILS[status]}, status=status)
    return render(request, f"{status}.html", status=status)


def bad_request(request, exception):
    return _answer(request, 400)


def permission_denied(request, exception):
    return _answer(request, 403)


def page_not_found(request, exception):
    return _answer(request, 404)


def server_error(request):
    """Rendered without the request's context: whatever failed (the database, the session) may fail again."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": DETAILS[500]}, status=500)
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the form was old, or cookies are off; Django's own page is English."""
    return render(request, "403_csrf.html", status=403)


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """An API path that matches no endpoint (a letter where an id goes, a mistyped action): the JSON 404 the
    endpoints give, rather than the guide pages' catch-all or, for a POST, its CSRF refusal."""
    return _answer(request, 404)
