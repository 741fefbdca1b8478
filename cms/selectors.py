"""Read-only queries other apps use to find guides: by process, and those due for review."""

from django.db.models import QuerySet
from wagtail.permission_policies.pages import PagePermissionPolicy

from classification.models import Node

from .models import GuideIndexPage, GuidePage, review_due_before


def guides_for_process(node: Node) -> QuerySet[GuidePage]:
    """Live, public guides that explain a process, for the registration form and the process page."""
    return GuidePage.objects.live().public().filter(guide_processes__node=node).distinct().order_by("title")


def guide_index() -> GuideIndexPage | None:
    return GuideIndexPage.objects.first()


def guides_due_for_review(user=None) -> QuerySet[GuidePage]:
    """Guides last reviewed over a year ago, oldest first; only those `user` may edit when given."""
    guides = GuidePage.objects.filter(last_reviewed__lt=review_due_before()).order_by("last_reviewed", "title")
    if user is not None:
        editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
        guides = guides.filter(pk__in=editable.values("pk"))
    return guides
