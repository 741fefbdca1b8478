"""Brute force: an account is locked after repeated wrong passwords from one address, on both logins."""

import logging

import pytest
import time_machine
from django.conf import settings as django_settings
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

PASSWORD = "test-password-123"  # the factories' password
LOGINS = ["/admin/login/", "/cms/login/"]


@pytest.fixture
def login_protection(settings):
    """The test settings switch django-axes off; these tests switch it on with the production limits."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


@pytest.fixture
def rut(make_user):
    return make_user(username="rut", is_superuser=True)


def fail(client, url, times, **extra):
    for _ in range(times):
        response = client.post(url, {"username": "rut", "password": "fel-losenord"}, **extra)
        assert response.status_code in (200, 429)
    return response


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.django_db
@pytest.mark.parametrize("url", LOGINS)
def test_it_locks_the_account_after_five_wrong_passwords(client, rut, login_protection, url):
    fail(client, url, 5)
    response = client.post(url, {"username": "rut", "password": PASSWORD})
    assert response.status_code == 429
    assert not logged_in(client)
    page = response.content.decode()
    assert "Inloggningen är tillfälligt spärrad" in page and "15 minuter" in page
    assert 'class="site-header"' in page  # the product's look


@pytest.mark.django_db
@pytest.mark.parametrize("url", LOGINS)
def test_it_still_lets_the_right_password_in_after_fewer_failures(client, rut, login_protection, url):
    fail(client, url, 4)
    response = client.post(url, {"username": "rut", "password": PASSWORD})
    assert response.status_code == 302 and logged_in(client)


@pytest.mark.django_db
def test_it_locks_the_combination_of_account_and_address_only(client, rut, login_protection):
    fail(client, "/admin/login/", 5, REMOTE_ADDR="10.0.0.66")
    response = client.post("/admin/login/", {"username": "rut", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 302 and logged_in(client)


@pytest.mark.django_db
def test_the_lock_is_released_after_the_cool_off_and_both_are_logged(client, rut, login_protection, caplog):
    caplog.set_level(logging.INFO, logger="ordna.security")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        fail(client, "/admin/login/", 5)
        assert "Inloggning spärrad för användarnamnet 'rut' från 127.0.0.1" in caplog.text
        traveller.shift(django_settings.AXES_COOLOFF_TIME)
        traveller.shift(60)
        response = client.post("/admin/login/", {"username": "rut", "password": PASSWORD})
    assert response.status_code == 302 and logged_in(client)
    assert "Spärren hävd för användarnamnet 'rut' från 127.0.0.1" in caplog.text


def test_axes_checks_every_login_first_and_the_lock_lasts_fifteen_minutes():
    assert django_settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert "django.contrib.auth.backends.ModelBackend" in django_settings.AUTHENTICATION_BACKENDS
    assert django_settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert django_settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert django_settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


@pytest.mark.django_db
def test_the_api_still_accepts_tokens_and_sessions_with_the_lock_on(client, rut, login_protection):
    token = Token.objects.create(user=rut)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/processes/").status_code == 200

    assert client.post("/admin/login/", {"username": "rut", "password": PASSWORD}).status_code == 302
    assert client.get("/api/v1/processes/").status_code == 200


@pytest.mark.django_db
def test_behind_a_proxy_it_locks_the_address_the_proxy_saw_whatever_the_client_wrote(
    client, rut, login_protection, settings
):
    settings.ORDNA_PROXY_COUNT = 1
    fail(client, "/admin/login/", 5, HTTP_X_FORWARDED_FOR="6.6.6.6, 10.0.0.66")
    login = {"username": "rut", "password": PASSWORD}
    spoofed = client.post("/admin/login/", login, HTTP_X_FORWARDED_FOR="7.7.7.7, 10.0.0.66")
    assert spoofed.status_code == 429
    elsewhere = client.post("/admin/login/", login, HTTP_X_FORWARDED_FOR="10.0.0.7")
    assert elsewhere.status_code == 302 and logged_in(client)
