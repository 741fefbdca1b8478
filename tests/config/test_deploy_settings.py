"""Production settings: `manage.py check --deploy` is clean, HTTPS is enforced, and loopback can opt out."""

import pytest

from tests.config.settings_probe import run_with, settings_with

PRODUCTION = {"DEBUG": "false", "ALLOWED_HOSTS": "diarium.example.se"}


def test_check_deploy_finds_nothing_to_warn_about_in_production(tmp_path):
    result = run_with(PRODUCTION, "manage.py", "check", "--deploy", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    # The project's deployment settings: Django's security checks and those of django-csp and django-axes.
    flagged = [line for line in output.splitlines() if "(security." in line or "(csp." in line or "(axes." in line]
    assert flagged == []


def test_production_defaults_are_safe(tmp_path):
    names = (
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
        "X_FRAME_OPTIONS",
        "SESSION_EXPIRE_AT_BROWSER_CLOSE",
        "SESSION_COOKIE_AGE",
        "SESSION_SAVE_EVERY_REQUEST",
    )
    values = dict(zip(names, settings_with(PRODUCTION, tmp_path, *names), strict=True))
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_PROXY_SSL_HEADER"] is None  # trusting a proxy's header is an explicit choice
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] and values["SESSION_SAVE_EVERY_REQUEST"]
    assert values["SESSION_COOKIE_AGE"] == 60 * 60


def test_the_environment_sets_the_proxy_header_and_plain_http_for_loopback(tmp_path):
    environment = {
        **PRODUCTION,
        "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_COOKIES": "false",
        "ORDNA_SESSION_IDLE_MINUTES": "20",
    }
    names = ("SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE")
    names += ("SESSION_COOKIE_AGE",)
    assert settings_with(environment, tmp_path, *names) == [
        ("HTTP_X_FORWARDED_PROTO", "https"),
        False,
        0,
        False,
        20 * 60,
    ]


def test_it_rejects_a_proxy_header_that_is_not_a_request_header(tmp_path):
    result = run_with(
        {**PRODUCTION, "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"},
        "-c",
        "import django; django.setup()",
        tmp_path=tmp_path,
    )
    assert result.returncode != 0 and "SECURE_PROXY_SSL_HEADER" in result.stderr


@pytest.mark.django_db
def test_a_session_ends_after_an_hour_without_activity(client, make_user):
    import time_machine
    from django.utils import timezone

    client.force_login(make_user(is_superuser=True))
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        traveller.shift(50 * 60)
        assert client.get("/admin/").status_code == 200  # activity keeps it alive
        traveller.shift(50 * 60)
        assert client.get("/admin/").status_code == 200
        traveller.shift(61 * 60)
        assert client.get("/admin/").status_code == 302  # idle too long: back to the login
