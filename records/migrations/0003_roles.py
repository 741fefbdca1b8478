"""The role groups and the permissions their work needs in the classification plan and the register.

Permissions are normally created after all migrations ran (post_migrate), so on a fresh database
they do not exist yet here: create them first for the apps involved, then assign.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CLASSIFICATION_VIEW = [
    "classification.view_node",
    "classification.view_documenttype",
    "classification.view_crossreference",
]
CLASSIFICATION_CHANGE = [
    "classification.add_node",
    "classification.change_node",
    "classification.add_documenttype",
    "classification.change_documenttype",
    "classification.delete_documenttype",
    "classification.add_crossreference",
    "classification.change_crossreference",
    "classification.delete_crossreference",
]
RECORDS_VIEW = [
    "records.view_case",
    "records.view_party",
    "records.view_document",
    "records.view_documentfile",
]

ROLES = {
    # Registers and keeps the register: every case, its documents, files, parties and grants.
    "Registrator": CLASSIFICATION_VIEW
    + RECORDS_VIEW
    + [
        "records.add_case",
        "records.change_case",
        "records.add_party",
        "records.change_party",
        "records.delete_party",
        "records.add_document",
        "records.change_document",
        "records.add_documentfile",
        "records.view_caseaccessgrant",
        "records.add_caseaccessgrant",
        "records.view_numberseries",
    ],
    # Keeps the plan; reads the register (confidential cases masked unless granted).
    "Arkivarie": CLASSIFICATION_VIEW + CLASSIFICATION_CHANGE + RECORDS_VIEW + ["records.view_numberseries"],
    # Works on the cases they are responsible for (checked per case in records.access).
    "Handläggare": CLASSIFICATION_VIEW
    + RECORDS_VIEW
    + [
        "records.change_case",
        "records.add_party",
        "records.change_party",
        "records.delete_party",
        "records.add_document",
        "records.change_document",
        "records.add_documentfile",
    ],
    # Guide pages only: the cms app's own migration gives this group its permissions.
    "Redaktör": [],
    "Läsare": CLASSIFICATION_VIEW + RECORDS_VIEW,
}


def create_roles(apps, schema_editor):
    for label in ("contenttypes", "auth", "classification", "records"):
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
        ("classification", "0001_initial"),
        ("records", "0002_register_series"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
