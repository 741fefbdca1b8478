"""Number series of work orders (AO1234), installer cases (OK-0003826) and team decisions (TB 2026/1),
and the role groups of the people who handle them, with the least permissions their work needs.

Contractors and installers are external users: they are staff only to use the admin, where the
querysets show them their own organisation's objects (records.external_access).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SERIES = [
    ("arbetsorder", "Arbetsorder", "AO{serial}", False),
    ("installationsarende", "Installationsärenden", "OK-{serial:07d}", False),
    ("teambeslut", "Teambeslut", "TB {year}/{serial}", True),
]

ROLES = {
    # The ordering organisation (e.g. HLU officers): orders, answers questions, cancels, marks invoiced.
    "Beställare": [
        "records.view_workorder", "records.add_workorder", "records.manage_workorder",
        "records.view_contractor", "records.view_message",
    ],
    # A contractor's people: their own orders only (accept, notes, questions, complete).
    "Entreprenör": ["records.view_workorder"],
    # Electrical installers: their drafts, cases and teams.
    "Installatör": [
        "records.view_installercase", "records.add_installercase",
        "records.view_installerdraft", "records.add_installerdraft", "records.change_installerdraft",
        "records.delete_installerdraft",
        "records.view_team", "records.add_team", "records.change_team",
    ],
    # The grid owner's staff: status, notes, cancelling, moves across companies, decisions.
    "Kundservice": [
        "records.view_installercase", "records.manage_installercase",
        "records.view_team", "records.view_teamdecision", "records.add_teamdecision", "records.view_message",
    ],
}


def create_series_and_roles(apps, schema_editor):
    NumberSeries = apps.get_model("records", "NumberSeries")
    for code, name, pattern, yearly in SERIES:
        NumberSeries.objects.get_or_create(code=code, defaults={"name": name, "pattern": pattern, "prefix": "", "yearly": yearly})
    for label in ("contenttypes", "auth", "records"):
        config = apps.get_app_config(label)
        original = getattr(config, "models_module", None)
        config.models_module = original or True  # historical app configs have none; create_permissions skips those
        try:
            create_permissions(config, apps=apps, verbosity=0)
        finally:
            config.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for code in codes:
            app_label, codename = code.split(".")
            wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.add(*wanted)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("records", "0005_work_orders_installer_cases_teams"),
    ]

    operations = [migrations.RunPython(create_series_and_roles, migrations.RunPython.noop)]
