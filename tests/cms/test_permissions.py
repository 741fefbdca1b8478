"""Who may do what with guides: Redaktör writes and submits, Granskare publishes, neither goes elsewhere."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from cms.models import GuideReviewTask
from cms.services import EDITOR_GROUP, REVIEWER_GROUP, WORKFLOW_NAME, ensure_guide_index
from tests.cms.factories import build_guide, guide_form_data

pytestmark = pytest.mark.django_db


def page_codenames(group_name, page):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def test_the_migration_gives_editors_add_and_change_and_reviewers_publish_on_the_index(guide_index):
    assert page_codenames(EDITOR_GROUP, guide_index) == {"add_page", "change_page"}
    assert page_codenames(REVIEWER_GROUP, guide_index) == {"add_page", "change_page", "publish_page"}
    assert GroupPagePermission.objects.filter(group__name=EDITOR_GROUP).count() == 2


def test_the_migration_assigns_the_review_workflow_to_the_index(guide_index):
    guide = build_guide(guide_index, publish=False)
    workflow = guide.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    [task] = [t.specific for t in workflow.tasks]
    assert isinstance(task, GuideReviewTask)
    assert [g.name for g in task.groups.all()] == [REVIEWER_GROUP]


def test_editors_have_no_model_permissions_beyond_admin_access(editor):
    assert editor.get_all_permissions() == {"wagtailadmin.access_admin"}


def test_setting_up_again_changes_nothing(guide_index):
    before = GroupPagePermission.objects.count(), GuideReviewTask.objects.count(), Group.objects.count()
    assert ensure_guide_index() == guide_index
    assert (GroupPagePermission.objects.count(), GuideReviewTask.objects.count(), Group.objects.count()) == before


def test_an_editor_can_open_the_admin_and_edit_guides(client, editor, guide_index):
    guide = build_guide(guide_index)
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:add", args=["cms", "guidepage", guide_index.pk])).status_code == 200


def test_an_editor_cannot_publish_directly(client, editor, guide_index):
    guide = build_guide(guide_index, publish=False)
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    assert "action-publish" not in client.get(edit_url).content.decode()
    client.post(edit_url, guide_form_data(**{"action-publish": "Publicera"}))
    guide.refresh_from_db()
    assert not guide.live


def test_an_editor_cannot_add_pages_outside_the_guide_index(client, editor, guide_index):
    client.force_login(editor)
    site_root = guide_index.get_parent()
    response = client.get(reverse("wagtailadmin_pages:add", args=["wagtailcore", "page", site_root.pk]))
    assert response.status_code in (302, 403)
    assert not Page.objects.filter(depth=site_root.depth + 1).exclude(pk=guide_index.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/cms/users/",
        "/cms/groups/",
        "/cms/workflows/list/",
        "/cms/snippets/",
        "/cms/sites/",
        "/cms/redirects/",
        "/cms/settings/",
    ],
)
def test_an_editor_cannot_reach_other_admin_areas(client, editor, url):
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code in (302, 403, 404), url
    if response.status_code == 302:
        assert (
            response["Location"] in (reverse("wagtailadmin_home"), "/cms/login/?next=" + url)
            or "login" in response["Location"]
        )


def test_an_editor_cannot_use_the_django_admin(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_a_staff_editor_still_sees_nothing_in_the_django_admin(client, make_user):
    staff_editor = make_user(groups=[EDITOR_GROUP], is_staff=True)
    client.force_login(staff_editor)
    assert client.get("/admin/classification/node/").status_code == 403


def test_a_reviewer_can_publish_directly(client, reviewer, guide_index):
    guide = build_guide(guide_index, publish=False)
    client.force_login(reviewer)
    client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), guide_form_data(**{"action-publish": "Publicera"}))
    guide.refresh_from_db()
    assert guide.live


def test_the_dashboard_reminds_of_guides_due_for_review(client, editor, guide_index):
    import datetime

    from django.utils import timezone

    build_guide(guide_index, title="Gammal guide", last_reviewed=timezone.localdate() - datetime.timedelta(days=500))
    build_guide(guide_index, title="Färsk guide")
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Guider som behöver granskas" in html
    assert "Gammal guide" in html.split("Guider som behöver granskas")[1]
    assert "Färsk guide" not in html.split("Guider som behöver granskas")[1].split("</table>")[0]


def test_the_editor_warns_when_a_guide_is_over_a_year_old(client, editor, guide_index):
    import datetime

    from django.utils import timezone

    old = build_guide(guide_index, title="Gammal", last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    fresh = build_guide(guide_index, title="Färsk")
    client.force_login(editor)
    assert "data-review-reminder" in client.get(reverse("wagtailadmin_pages:edit", args=[old.pk])).content.decode()
    assert (
        "data-review-reminder" not in client.get(reverse("wagtailadmin_pages:edit", args=[fresh.pk])).content.decode()
    )


def test_the_admin_speaks_swedish(client, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'lang="sv"' in html
    assert "Sidor" in html and "Guider som behöver granskas" not in html
