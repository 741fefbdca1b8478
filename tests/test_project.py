"""The project as a whole: start page, settings from the environment, Celery, demo data, admins."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse

from config import env
from config.celery import app as celery_app

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_the_start_page_tells_each_kind_of_user_where_to_go(client, db):
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    for words in ("Registrator", "Arkivarie", "Redaktör", "Öppna diariet", 'href="/cms/"', 'href="/admin/"'):
        assert words in page
    assert '<html lang="sv">' in page


@pytest.mark.parametrize(
    "value,expected", [("1", True), ("true", True), ("Yes", True), ("0", False), ("off", False), ("", False)]
)
def test_envbool_reads_the_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("X_FLAG", value)
    assert env.envbool("X_FLAG") is expected


def test_typed_settings_fail_loudly_on_bad_values(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env.envbool("X_FLAG")
    monkeypatch.setenv("X_NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured, match="X_NUMBER"):
        env.envint("X_NUMBER", 1)
    monkeypatch.setenv("X_URL", "mysql://db")
    with pytest.raises(ImproperlyConfigured, match="X_URL"):
        env.envurl("X_URL", ("postgres",))


def _settings_in_subprocess(extra_env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL")}
    environment.update(extra_env, DJANGO_SETTINGS_MODULE="config.settings")
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, len(settings.SECRET_KEY))"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def test_secret_key_is_required_when_debug_is_off(tmp_path):
    result = _settings_in_subprocess({"DEBUG": "false", "ORDNA_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_a_local_secret_key_is_generated_and_kept_when_debug_is_on(tmp_path):
    first = _settings_in_subprocess({"DEBUG": "true", "ORDNA_VAR_DIR": str(tmp_path)})
    second = _settings_in_subprocess({"DEBUG": "true", "ORDNA_VAR_DIR": str(tmp_path)})
    assert first.returncode == 0, first.stderr
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50 and first.stdout == second.stdout


@pytest.mark.django_db  # the worker runs Django's start-up checks, which read the plan
def test_a_real_worker_consumes_from_the_configured_broker(settings):
    """Tasks reach a worker over the configured transport: filesystem by default, Redis in CI's second lane."""
    from celery.contrib.testing.worker import start_worker

    previous = celery_app.conf.task_always_eager, celery_app.conf.result_backend
    celery_app.conf.task_always_eager = False
    celery_app.conf.result_backend = "cache+memory://"
    # The app caches its result backend per thread; earlier eager tasks may have built one.
    celery_app._local.__dict__.pop("backend", None)
    try:
        with start_worker(celery_app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
            assert celery_app.send_task("ordna.ping").get(timeout=20) == "pong"
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.result_backend = previous
        celery_app._local.__dict__.pop("backend", None)


def test_the_beat_schedule_is_configured(settings):
    assert isinstance(celery_app.conf.beat_schedule, dict)


@pytest.mark.django_db
def test_load_demo_loads_the_plan_and_shows_the_passwords_once(capsys, client):
    from pathlib import Path

    from django.contrib.auth import get_user_model

    import tasks
    from classification.models import Node

    call_command("load_demo")
    first = capsys.readouterr().out
    assert "lösenordet:" in first and Node.objects.count() == 67
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    password = first.split("lösenordet:")[1].split()[0]
    assert admin.check_password(password)

    # Each kind of user can be tried: the demo users share one password, shown once, and it logs them in.
    roles = next(line for line in first.splitlines() if line.startswith("Demoanvändare, en per roll:"))
    for role in ("demo.registrator (Registrator)", "demo.arkivarie (Arkivarie)", "demo.lasare (Läsare)"):
        assert role in roles
    demo_password = first.split("Demoanvändarna")[1].split("lösenordet:")[1].split()[0]
    login = client.post("/admin/login/", {"username": "demo.registrator", "password": demo_password})
    assert login.status_code == 302 and "_auth_user_id" in client.session
    # `tasks.py serve` prints them last, after everything else it says at start-up.
    assert tasks.startup_text(first, Path("var/worker.log")).splitlines()[-2].endswith(demo_password)

    call_command("load_demo")
    second = capsys.readouterr().out
    assert password not in second and demo_password not in second and Node.objects.count() == 67


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/", "/cms/"])
def test_both_admins_are_in_swedish_behind_one_login(client, make_user, url):
    client.force_login(make_user(is_superuser=True))
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="sv"' in page
    assert any(word in page for word in ("Logga ut", "Sidor", "Instrumentpanel", "Registrering"))


@pytest.mark.django_db
def test_the_api_schema_documents_the_ordna_api(client, make_user):
    client.force_login(make_user())
    response = client.get(reverse("api-schema"))
    assert response.status_code == 200
    schema = response.content.decode()
    assert "/api/v1/where-to-file/" in schema and "/cms/api" not in schema


@pytest.mark.django_db
def test_wagtails_starter_groups_are_gone():
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow

    names = set(Group.objects.values_list("name", flat=True))
    assert not {"Editors", "Moderators"} & names
    assert {"Registrator", "Arkivarie", "Handläggare", "Redaktör", "Läsare", "Granskare"} <= names
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()


@pytest.mark.django_db
def test_the_interface_is_swedish_whatever_the_browser_asks_for(client, make_user):
    client.force_login(make_user(is_superuser=True))
    for url in ("/admin/", "/cms/"):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
        assert 'lang="sv"' in page
