"""Response headers the whole site shares: the Content-Security-Policy per area, no caching of files."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import FileResponse
from django.utils.cache import patch_cache_control


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy, with the directives of ORDNA_CSP_REPLACE_BY_PREFIX replaced for their area."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only:
            for prefix, directives in settings.ORDNA_CSP_REPLACE_BY_PREFIX.items():
                if request.path_info.startswith(prefix):
                    parts.replace = {**directives, **(parts.replace or {})}
        return parts


class PrivateFilesMiddleware:
    """A file the site hands out (a record's file, a PDF, an export, a CMS document) is someone's to see:
    no shared cache keeps it and the browser leaves no copy on disk. One rule here rather than a header in
    each of the views that serve files, so that a new download cannot forget it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if isinstance(response, FileResponse) or response.has_header("Content-Disposition"):
            patch_cache_control(response, private=True, no_store=True)
        return response
