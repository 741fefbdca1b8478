"""API tokens that expire: DRF's token authentication, refusing a token older than ORDNA_API_TOKEN_DAYS.

Revoking a token is deleting it (the admin's Token list); its user gets a new one from an administrator."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token.created < timezone.now() - timedelta(days=settings.ORDNA_API_TOKEN_DAYS):
            raise exceptions.AuthenticationFailed("Token har gått ut. Be en administratör om en ny.")
        return user, token
