"""Flooding the API: each user, and each anonymous address, gets a number of requests per minute, then a 429."""

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from rest_framework.test import APIClient

from config.env import envrate


@pytest.fixture
def rates(settings):
    """The suite runs without limits; these tests set small ones."""

    def set_rates(anon=None, user=None):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user}}

    cache.clear()
    yield set_rates
    cache.clear()


def assert_throttled_in_swedish(response):
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    detail = str(response.data["detail"])
    assert detail.startswith("För många anrop") and "sekund" in detail and "Expected" not in detail


@pytest.mark.django_db
def test_it_throttles_each_user_per_minute(rates, make_user):
    rates(user="3/min")
    first, second = APIClient(), APIClient()
    first.force_authenticate(make_user())
    second.force_authenticate(make_user())
    for _ in range(3):
        assert first.get("/api/v1/processes/").status_code == 200
    assert_throttled_in_swedish(first.get("/api/v1/processes/"))
    assert second.get("/api/v1/processes/").status_code == 200  # the other user has their own count


@pytest.mark.django_db
def test_it_throttles_anonymous_callers_per_address(rates):
    rates(anon="1/min")
    api = APIClient()
    assert api.get("/api/v1/schema/", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert_throttled_in_swedish(api.get("/api/v1/schema/", REMOTE_ADDR="10.0.0.1"))


def test_the_production_rates_come_from_the_environment(monkeypatch):
    assert envrate("ORDNA_API_RATE_ANON", "60/min") == "60/min"
    monkeypatch.setenv("ORDNA_API_RATE_USER", "1000/hour")
    assert envrate("ORDNA_API_RATE_USER", "600/min") == "1000/hour"


def test_it_rejects_a_rate_it_cannot_read(monkeypatch):
    monkeypatch.setenv("ORDNA_API_RATE_USER", "lots")
    with pytest.raises(ImproperlyConfigured, match="ORDNA_API_RATE_USER"):
        envrate("ORDNA_API_RATE_USER", "600/min")


def test_the_throttles_apply_to_every_api_view():
    classes = django_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]
    assert classes == ["config.throttling.AnonRateThrottle", "config.throttling.UserRateThrottle"]
