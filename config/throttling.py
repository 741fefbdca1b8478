"""API throttles: DRF's per-user and per-address rates, answering 429 in Swedish with Retry-After."""

from rest_framework import exceptions, throttling
from rest_framework.settings import api_settings


class Throttled(exceptions.Throttled):
    default_detail = "För många anrop."
    extra_detail_singular = "Försök igen om {wait} sekund."
    extra_detail_plural = "Försök igen om {wait} sekunder."


class SwedishRateThrottle:
    """Reads its rate when asked (DRF binds the rates at import, which settings changes never reach) and
    refuses with the Swedish message: DRF's own says the wait in English."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        if super().allow_request(request, view):
            return True
        raise Throttled(wait=self.wait())


class AnonRateThrottle(SwedishRateThrottle, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(SwedishRateThrottle, throttling.UserRateThrottle):
    pass
