"""Guide editing on a fresh database: the guide index, groups Redaktör and Granskare, the review workflow."""

import uuid

from django.db import migrations

# Kept in step with cms/services.py, which repairs the same setup on a running site.
EDITOR_GROUP = "Redaktör"
REVIEWER_GROUP = "Granskare"
WORKFLOW_NAME = "Granskning av guide"
TASK_NAME = "Granskare godkänner guiden"
GROUP_PAGE_PERMISSIONS = {
    EDITOR_GROUP: ("add_page", "change_page"),
    REVIEWER_GROUP: ("add_page", "change_page", "publish_page"),
}
# Editors put screenshots in their steps: they may upload and choose images, nothing more.
EDITOR_IMAGE_PERMISSIONS = ("add_image", "choose_image")
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _next_child_path(Page, parent):
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    )
    if last is None:
        number = 1
    else:
        number = 0
        for char in last.path[-STEPLEN:]:
            number = number * len(ALPHABET) + ALPHABET.index(char)
        number += 1
    segment = ""
    for _position in range(STEPLEN):
        number, remainder = divmod(number, len(ALPHABET))
        segment = ALPHABET[remainder] + segment
    return parent.path + segment


def _guide_index(apps):
    """The existing guide index, or a new published one under the default site's root page."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    GuideIndexPage = apps.get_model("cms", "GuideIndexPage")

    index_type, _created = ContentType.objects.get_or_create(app_label="cms", model="guideindexpage")
    existing = GuideIndexPage.objects.first()
    if existing is not None:
        return existing
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    parent = site.root_page if site else Page.objects.filter(depth=1).first()
    if parent is None:
        return None  # No page tree at all: cms.services.ensure_guide_index() sets up later.
    slug = "guider"
    if Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1, slug=slug).exists():
        slug = "guider-1"
    index = GuideIndexPage.objects.create(
        title="Guider",
        draft_title="Guider",
        slug=slug,
        content_type=index_type,
        path=_next_child_path(Page, parent),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        live=True,
        has_unpublished_changes=False,
        locale_id=parent.locale_id or Locale.objects.values_list("pk", flat=True).first(),
        translation_key=uuid.uuid4(),
        intro="Steg-för-steg-guider till processerna: hur du registrerar, beställer och följer upp.",
    )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    return index


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def set_up_editing(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GuideReviewTask = apps.get_model("cms", "GuideReviewTask")

    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    groups = {}
    for name in GROUP_PAGE_PERMISSIONS:
        groups[name], _created = Group.objects.get_or_create(name=name)
        groups[name].permissions.add(access_admin)

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for codename in EDITOR_IMAGE_PERMISSIONS:
            permission = _permission(apps, "wagtailimages", "image", codename, codename.replace("_", " "))
            GroupCollectionPermission.objects.get_or_create(
                group=groups[EDITOR_GROUP], collection=root_collection, permission=permission
            )

    index = _guide_index(apps)
    if index is None:
        return
    for name, codenames in GROUP_PAGE_PERMISSIONS.items():
        for codename in codenames:
            permission = _permission(apps, "wagtailcore", "page", codename, codename.replace("_", " "))
            GroupPagePermission.objects.get_or_create(group=groups[name], page_id=index.pk, permission=permission)

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GuideReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task_type, _created = ContentType.objects.get_or_create(app_label="cms", model="guidereviewtask")
        task = GuideReviewTask.objects.create(name=TASK_NAME, active=True, content_type=task_type)
    task.groups.add(groups[REVIEWER_GROUP])
    if not WorkflowTask.objects.filter(workflow=workflow, task_id=task.pk).exists():
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)
    WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        # After the documents app has handed "choose" to every admin group, so editors do not get it.
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    # Reversing leaves the groups, the workflow and the index in place: they may hold content by then.
    operations = [migrations.RunPython(set_up_editing, migrations.RunPython.noop)]
