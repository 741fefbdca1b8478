"""The role groups of work orders and installer cases, with the least permissions, and the demo data."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Count

from records import demo
from records.installations.lifecycle import locked_reason
from records.models import (
    DecisionKind,
    InstallerCase,
    InstallerCaseStatus,
    InstallerDraft,
    Team,
    TeamDecision,
    WorkOrder,
    WorkOrderStatus,
)
from records.register.services.parties import clean_organisation_number

pytestmark = pytest.mark.django_db


def perms(name):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=name).permissions.select_related("content_type")
    }


def test_the_migration_creates_the_four_groups_with_minimal_permissions():
    assert perms("Entreprenör") == {"records.view_workorder"}
    assert "records.manage_workorder" in perms("Beställare") and not any(
        p.startswith("records.delete_") for p in perms("Beställare")
    )
    installer = perms("Installatör")
    assert {"records.add_installercase", "records.add_team", "records.delete_installerdraft"} <= installer
    assert "records.manage_installercase" not in installer and "records.view_case" not in installer
    staff = perms("Kundservice")
    assert {"records.manage_installercase", "records.view_teamdecision", "records.view_message"} <= staff
    # No external role reads the register itself.
    for name in ("Entreprenör", "Installatör"):
        assert not {"records.view_case", "records.view_document", "records.view_documentfile"} & perms(name)


def test_the_role_migration_can_run_again(settings):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("records.migrations.0006_work_series_and_roles")
    before = {name: perms(name) for name in migration.ROLES}
    migration.create_series_and_roles(apps, None)
    assert {name: perms(name) for name in migration.ROLES} == before


def test_the_demo_has_hundreds_of_orders_cases_teams_and_decisions_in_every_status_once(
    seed_plan, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(out)  # the work demo follows once the register's demo has committed
    counts = (WorkOrder.objects.count(), InstallerCase.objects.count(), TeamDecision.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(out)
    assert (WorkOrder.objects.count(), InstallerCase.objects.count(), TeamDecision.objects.count()) == counts
    assert "demodata finns redan" in out.getvalue()
    assert counts[0] >= 200 and counts[1] >= 100
    assert set(WorkOrder.objects.values_list("status", flat=True)) == set(WorkOrderStatus.values)
    assert set(InstallerCase.objects.values_list("status", flat=True)) == set(InstallerCaseStatus.values)
    assert set(TeamDecision.objects.values_list("kind", flat=True)) == set(DecisionKind.values) - {DecisionKind.OTHER}
    assert InstallerDraft.objects.exists() and any(locked_reason(c) for c in InstallerCase.objects.all())
    assert WorkOrder.objects.exclude(batch=None).values("batch").annotate(n=Count("id")).filter(n__gt=1).exists()
    for team in Team.objects.all():
        assert clean_organisation_number(team.organisation_number) == team.organisation_number  # Luhn-valid
        assert team.organisation_number.startswith("5599")  # fictitious series
    for user in get_user_model().objects.filter(username__startswith="demo."):
        assert not user.has_usable_password() and re.fullmatch(r".+@example\.org", user.email)
    serials = sorted(WorkOrder.objects.values_list("case__serial", flat=True))
    assert serials == list(range(1, len(serials) + 1))
