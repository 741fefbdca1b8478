"""Remove Wagtail's starter groups and workflow: Ordna's roles are Redaktör and Granskare.

Wagtail's own migrations create "Editors" and "Moderators" with page rights on the whole tree
and a "Moderators approval" workflow on the root page. Left in place they would give anyone
added to them rights the role model does not intend. Groups with members are kept untouched.
"""

from django.db import migrations

STARTER_GROUPS = ["Editors", "Moderators"]


def remove_starter_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    for workflow in Workflow.objects.filter(name="Moderators approval"):
        if not WorkflowState.objects.filter(workflow=workflow).exists():
            WorkflowPage.objects.filter(workflow=workflow).delete()
            workflow.active = False
            workflow.save(update_fields=["active"])
    for group in Group.objects.filter(name__in=STARTER_GROUPS):
        if not group.user_set.exists():
            group.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_editing_setup"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(remove_starter_groups, migrations.RunPython.noop)]
