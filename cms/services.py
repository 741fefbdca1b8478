"""Setting up guide editing: the guide index, the editor and reviewer groups, and the review workflow."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Page, Site, Workflow, WorkflowPage, WorkflowTask

from .models import GuideIndexPage, GuideReviewTask

# The same names are used by the data migration cms/0002 (which cannot import this module).
EDITOR_GROUP = "Redaktör"
REVIEWER_GROUP = "Granskare"
WORKFLOW_NAME = "Granskning av guide"
TASK_NAME = "Granskare godkänner guiden"
GROUP_PAGE_PERMISSIONS = {
    # Editors write and submit; only reviewers publish (through the workflow or directly).
    EDITOR_GROUP: ("add_page", "change_page"),
    REVIEWER_GROUP: ("add_page", "change_page", "publish_page"),
}
INDEX_SLUG = "guider"


def _site_root() -> Page:
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is not None:
        return site.root_page
    root = Page.get_first_root_node()
    Site.objects.create(hostname="localhost", port=80, root_page=root, is_default_site=True)
    return root


@transaction.atomic
def ensure_guide_index() -> GuideIndexPage:
    """The one guide index (created and published under the site root if missing), set up for editing."""
    index = GuideIndexPage.objects.first()
    if index is None:
        index = GuideIndexPage(
            title=_("Guider"),
            slug=INDEX_SLUG,
            intro=_("Steg-för-steg-guider till processerna: hur du registrerar, beställer och följer upp."),
        )
        _site_root().add_child(instance=index)
        index.save_revision().publish()
    ensure_editing_setup(index)
    return index


def _page_permission(codename: str) -> Permission:
    page_type = ContentType.objects.get_for_model(Page)
    return Permission.objects.get(content_type=page_type, codename=codename)


@transaction.atomic
def ensure_editing_setup(index: Page) -> Workflow:
    """Groups with admin access and page permissions on the index, and the review workflow on it."""
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name, codenames in GROUP_PAGE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(group=group, page=index, permission=_page_permission(codename))

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GuideReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GuideReviewTask.objects.create(name=TASK_NAME)
    task.groups.add(Group.objects.get(name=REVIEWER_GROUP))
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count())
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow
