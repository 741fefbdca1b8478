"""API tokens expire after ORDNA_API_TOKEN_DAYS and are revoked by deleting them in the admin."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture
def token(make_user):
    return Token.objects.create(user=make_user(username="integration"))


def api_with(token):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api


def age(token, days):
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - datetime.timedelta(days=days))


@pytest.mark.django_db
def test_a_token_within_its_lifetime_works(token, settings):
    settings.ORDNA_API_TOKEN_DAYS = 30
    age(token, 29)
    assert api_with(token).get("/api/v1/processes/").status_code == 200


@pytest.mark.django_db
def test_it_rejects_an_expired_token_in_swedish(token, settings):
    settings.ORDNA_API_TOKEN_DAYS = 30
    age(token, 31)
    response = api_with(token).get("/api/v1/processes/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Token har gått ut. Be en administratör om en ny."


@pytest.mark.django_db
def test_an_administrator_revokes_a_token_by_deleting_it_in_the_admin(token, client, make_user):
    client.force_login(make_user(is_superuser=True))
    page = client.get("/admin/authtoken/tokenproxy/")
    assert page.status_code == 200 and "integration" in page.content.decode()
    response = client.post(f"/admin/authtoken/tokenproxy/{token.user.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert api_with(token).get("/api/v1/processes/").status_code == 401


def test_the_lifetime_defaults_to_thirty_days():
    from django.conf import settings

    assert settings.ORDNA_API_TOKEN_DAYS == 30
    assert "config.tokens.ExpiringTokenAuthentication" in settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]
