"""Response headers the whole site shares: the Content-Security-Policy per area, no caching of files."""

from csp.middleware import CSPMiddleware
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy, with the directives of ORDNA_CSP_REPLACE_BY_PREFIX replaced for their area."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only:
            for prefix, directives in settings.ORDNA_CSP_REPLACE_BY_PREFIX.items():
                if request.path_info.startswith(prefix):
                    parts.replace = {**directives, **(parts.replace or {})}
        return parts
