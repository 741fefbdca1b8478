"""Retention permissions for the role groups: archivists keep the schedule and dispose; others read."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RULES_VIEW = ["retention.view_retentionrule", "retention.view_caseretention", "retention.view_legalhold"]
ARCHIVIST = RULES_VIEW + [
    "retention.add_retentionrule",
    "retention.change_retentionrule",
    "retention.delete_retentionrule",
    "retention.view_retention_report",
    "retention.add_legalhold",
    "retention.change_legalhold",
    "retention.view_disposallist",
    "retention.add_disposallist",
    "retention.change_disposallist",
    "retention.approve_disposallist",
    "retention.execute_disposallist",
    "retention.view_disposalitem",
    "retention.change_disposalitem",
    "retention.view_disposalrecord",
]

ROLES = {
    "Arkivarie": ARCHIVIST,
    # Registrars see the schedule, the holds and what was disposed of (the register's own log).
    "Registrator": RULES_VIEW + ["retention.view_disposalrecord"],
    "Handläggare": ["retention.view_retentionrule", "retention.view_caseretention"],
    "Läsare": ["retention.view_retentionrule", "retention.view_caseretention"],
    "Redaktör": [],
}


def grant(apps, schema_editor):
    for label in ("contenttypes", "auth", "retention"):
        config = apps.get_app_config(label)
        config.models_module = True  # historical app configs have none; create_permissions skips those
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
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
        ("retention", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
