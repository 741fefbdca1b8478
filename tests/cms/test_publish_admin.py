"""The publish check through the Wagtail admin: publishing, submitting and approving a guide."""

import pytest
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse

from cms.models import GuidePage
from cms.services import WORKFLOW_NAME
from cms.wagtail_hooks import stop_publication_with_secrets
from tests.cms.factories import build_guide, guide_form_data, step
from tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db
PASSWORD_STEP = ("Logga in", "Lösenord: Sommar2024!")


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=["cms", "guidepage", index.pk])


def submit_guide(client, index, **kwargs):
    """The editor writes a guide and submits it for review; returns the page."""
    data = guide_form_data(processes=[ProcessFactory()], **{"action-submit": "Skicka", **kwargs})
    response = client.post(add_url(index), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return GuidePage.objects.get(slug=data["slug"])


def test_an_editor_submits_a_clean_guide_into_the_review_workflow(client, editor, guide_index):
    client.force_login(editor)
    guide = submit_guide(client, guide_index)
    assert not guide.live
    assert guide.current_workflow_state.workflow.name == WORKFLOW_NAME
    assert guide.guide_processes.count() == 1


def test_it_stops_submission_with_a_password_and_says_where(client, editor, guide_index):
    client.force_login(editor)
    data = guide_form_data(steps=[("Logga in", "Gå till portalen."), PASSWORD_STEP], **{"action-submit": "Skicka"})
    response = client.post(add_url(guide_index), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sidan kan inte publiceras" in html
    assert "Steg 2 › Text" in html
    assert "Sommar2024" not in html.split("Sidan kan inte publiceras")[1].split("</")[0]
    assert not GuidePage.objects.exists()


def test_it_stops_a_personal_identity_number_in_the_title(client, reviewer, guide_index):
    client.force_login(reviewer)
    data = guide_form_data(title="Ärende för 811218-9876", **{"action-publish": "Publicera"})
    response = client.post(add_url(guide_index), data)
    assert response.status_code == 200
    assert "personnummer" in response.content.decode()
    assert not GuidePage.objects.exists()


def test_saving_a_draft_is_not_checked(client, editor, guide_index):
    client.force_login(editor)
    response = client.post(add_url(guide_index), guide_form_data(steps=[PASSWORD_STEP]))
    assert response.status_code == 302
    assert not GuidePage.objects.get().live


def test_a_reviewer_publishing_directly_is_stopped_then_succeeds_when_clean(client, reviewer, guide_index):
    guide = build_guide(guide_index, publish=False)
    client.force_login(reviewer)
    edit_url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    data = guide_form_data(steps=[PASSWORD_STEP], **{"action-publish": "Publicera"})
    response = client.post(edit_url, data)
    assert response.status_code == 200
    assert "något som liknar ett lösenord" in response.content.decode()
    guide.refresh_from_db()
    assert not guide.live

    response = client.post(edit_url, guide_form_data(**{"action-publish": "Publicera"}))
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.live


def _task_state(guide):
    return guide.current_workflow_task_state


def test_a_reviewer_approves_a_clean_guide_and_it_is_published(client, editor, reviewer, guide_index):
    client.force_login(editor)
    guide = submit_guide(client, guide_index)
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "approve", _task_state(guide).pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.live
    assert guide.current_workflow_state is None


def test_approval_is_stopped_when_the_submitted_text_has_a_password(client, editor, reviewer, guide_index):
    # A revision with a password can reach review only around the form (e.g. saved by code); approval checks again.
    client.force_login(editor)
    guide = submit_guide(client, guide_index)
    guide.body = [
        ("step", guide.body[0].block.to_python({"heading": "Logga in", "text": "<p>Lösenord: Sommar2024!</p>"}))
    ]
    guide.save_revision(user=reviewer)
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "approve", _task_state(guide).pk])
    response = client.post(url, {"comment": ""}, follow=True)
    guide.refresh_from_db()
    assert not guide.live
    assert guide.current_workflow_task_state.status == "in_progress"
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[guide.pk])
    messages = [str(m) for m in get_messages(response.wsgi_request)] or [response.content.decode()]
    assert any("Guiden godkändes inte" in m and "Steg 1 › Text" in m for m in messages)


def test_approving_from_the_editor_runs_the_check_on_the_edited_text(client, editor, reviewer, guide_index):
    client.force_login(editor)
    guide = submit_guide(client, guide_index)
    client.force_login(reviewer)
    edit_url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    data = guide_form_data(
        steps=[("Logga in", "token: 8f3kd93jf83kd93jd83kdLQ")],
        **{"action-workflow-action": "true", "workflow-action-name": "approve", "workflow-action-extra-data": "{}"},
    )
    response = client.post(edit_url, data)
    assert response.status_code == 200
    assert "nyckel eller token" in response.content.decode()
    guide.refresh_from_db()
    assert not guide.live


def test_the_before_publish_hook_stops_a_page_with_a_secret(guide_index, reviewer):
    guide = build_guide(guide_index, publish=False, body=[step("Logga in", "Lösenord: Sommar2024!")])
    request = RequestFactory().post("/")
    request.user = reviewer
    request.session = {}
    from django.contrib.messages.storage.fallback import FallbackStorage

    request._messages = FallbackStorage(request)
    response = stop_publication_with_secrets(request, guide)
    assert response.status_code == 302
    assert "Steg 1 › Text" in [str(m) for m in request._messages][0]
    assert stop_publication_with_secrets(request, build_guide(guide_index, title="Ren", publish=False)) is None


def test_each_finding_names_its_place_once(client, reviewer, guide_index):
    # Wagtail puts the field's label before each field error in its summary: the finding must not repeat it.
    client.force_login(reviewer)
    data = guide_form_data(intro="Lösenord: Sommar2024!", steps=[PASSWORD_STEP], **{"action-publish": "Publicera"})
    response = client.post(add_url(guide_index), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ingress: något som liknar ett lösenord" in html
    assert "Ingress: Ingress:" not in html
    assert "Validation error in StreamBlock" not in html
    assert "Innehåll: Publiceringskontrollen" in html
