"""Role groups created by migration, with the permissions each role's work needs and no more."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def perms(name):
    group = Group.objects.get(name=name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_it_creates_the_five_role_groups_on_a_fresh_database():
    # The test database is built by running every migration from scratch.
    assert {"Registrator", "Arkivarie", "Handläggare", "Redaktör", "Läsare"} <= set(
        Group.objects.values_list("name", flat=True)
    )


def test_it_can_run_the_role_migration_again_without_duplicates():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("records.migrations.0003_roles")
    before = {name: perms(name) for name in migration.ROLES}
    readers = Group.objects.get(name="Läsare")
    readers.permissions.remove(*readers.permissions.filter(content_type__app_label__in=["records", "classification"]))
    migration.create_roles(apps, None)
    migration.create_roles(apps, None)
    assert {name: perms(name) for name in migration.ROLES} == before  # other apps' grants untouched too
    assert Group.objects.filter(name="Registrator").count() == 1


def test_it_lets_registrars_register_and_change_but_not_delete_or_edit_the_plan():
    granted = perms("Registrator")
    assert {
        "records.add_case",
        "records.change_case",
        "records.add_document",
        "records.add_documentfile",
        "records.view_case",
        "classification.view_node",
    } <= granted
    assert not {p for p in granted if p.startswith("records.delete_") and p != "records.delete_party"}
    assert "classification.change_node" not in granted


def test_it_lets_archivists_change_the_plan_and_only_read_the_register():
    granted = perms("Arkivarie")
    assert {"classification.change_node", "classification.add_node", "records.view_case"} <= granted
    assert not {p for p in granted if p.startswith("records.") and not p.startswith("records.view_")}
    assert "classification.delete_node" not in granted


def test_it_lets_case_officers_work_on_cases_but_not_register_them():
    granted = perms("Handläggare")
    assert {"records.view_case", "records.change_case", "records.add_document"} <= granted
    assert "records.add_case" not in granted


def test_it_gives_readers_view_only_and_editors_nothing_in_the_register():
    assert all(p.split(".")[1].startswith("view_") for p in perms("Läsare"))
    assert not {p for p in perms("Redaktör") if p.startswith(("records.", "classification."))}
