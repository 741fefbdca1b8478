"""A broker that is down never fails a user's request: registering, closing, a rule change in the admin and
executing a disposal list all answer as usual, and their follow-up work is done once the broker is back."""

import datetime
import time

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from outbox import tasks
from outbox.models import OutboxEntry
from records.messaging import outbox as notifications
from records.models import Case, Message, MessageStatus
from retention import services as retention
from retention.models import CaseRetention, DisposalList, ListStatus, RetentionRule
from search.models import Entry
from tests.retention.factories import RuleFactory, closed_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(registrar):
    client = APIClient()
    client.force_authenticate(registrar)
    return client


def pending(task_name):
    return OutboxEntry.objects.filter(task_name=task_name, dispatched_at__isnull=True)


def test_registering_and_closing_answer_at_once_and_the_index_and_due_date_follow_later(
    api, seed_plan, broker, django_capture_on_commit_callbacks
):
    RuleFactory(node=seed_plan["2.9"], years=2)
    broker.mode = "down"
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        created = api.post("/api/v1/records/", {"process": "2.9.1", "title": "Fuktskada"}, format="json")
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        closed = api.post(f"/api/v1/records/{case_id}/close/", {}, format="json")
    assert closed.status_code == 200, closed.content
    assert time.monotonic() - started < 10
    assert pending("search.index_case").filter(args=[case_id]).exists()
    assert pending("retention.recompute_case").filter(args=[case_id]).exists()
    assert not Entry.objects.filter(case_id=case_id).exists() and not CaseRetention.objects.filter(case_id=case_id)

    broker.mode = "up"
    tasks.redispatch_outbox()
    broker.deliver()
    assert Entry.objects.filter(case_id=case_id).exists()
    assert CaseRetention.objects.get(case_id=case_id).due_date.year == datetime.date.today().year + 2


def test_a_rule_change_in_the_admin_is_saved_and_its_dates_follow_later(
    client, seed_plan, archivist, broker, django_capture_on_commit_callbacks
):
    import re

    from tests.retention.test_admin import RULE_FORM

    with django_capture_on_commit_callbacks(execute=True):
        case = closed_case("2.9.1", datetime.date(2020, 1, 1))
    broker.deliver()
    client.force_login(archivist)
    page = client.post("/admin/retention/retentionrule/add/", RULE_FORM).content.decode()
    token = re.search(r'name="preview_token" value="([0-9a-f]+)"', page).group(1)
    broker.mode = "down"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/retention/retentionrule/add/", {**RULE_FORM, "preview_token": token})
    assert response.status_code == 302 and RetentionRule.objects.count() == 1
    assert pending("retention.recompute_scope").exists()

    broker.mode = "up"
    tasks.redispatch_outbox()
    broker.deliver()
    assert CaseRetention.objects.get(case=case).rule == RetentionRule.objects.get()


def test_executing_a_list_answers_and_the_disposal_runs_once_the_broker_is_back(
    seed_plan, archivist, second_archivist, broker, django_capture_on_commit_callbacks
):
    RuleFactory(node=seed_plan["2.9"], years=2)
    with django_capture_on_commit_callbacks(execute=True):
        closed_case("2.9.1", datetime.date(2020, 3, 1), title="Felanmälan")
    broker.deliver()
    disposal_list = retention.draw_disposal_list(name="Gallring 2026:1", as_of=datetime.date.today(), user=archivist)
    disposal_list = retention.submit_for_review(disposal_list, user=archivist)
    disposal_list = retention.approve_list(disposal_list, user=second_archivist)
    broker.mode = "down"
    with django_capture_on_commit_callbacks(execute=True):
        retention.execute_list(disposal_list, user=archivist, confirmation="Gallring 2026:1")
    disposal_list.refresh_from_db()
    assert disposal_list.status == ListStatus.EXECUTING and pending("retention.run_disposal").exists()

    broker.mode = "up"
    tasks.redispatch_outbox()
    with django_capture_on_commit_callbacks(execute=True):
        broker.deliver()
    assert DisposalList.objects.get().status == ListStatus.EXECUTED
    assert not Case.objects.filter(title="Felanmälan").exists()


def test_a_message_queued_while_the_broker_is_down_is_sent_once_it_is_back(
    seed_plan, broker, django_capture_on_commit_callbacks
):
    broker.mode = "down"
    with django_capture_on_commit_callbacks(execute=True):
        message = notifications.queue_email(to="a@example.org", subject="Hej", body="Hej", kind="test")
    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING and pending("records.send_message").exists()

    broker.mode = "up"
    tasks.redispatch_outbox()
    broker.deliver()
    assert Message.objects.get().status == MessageStatus.SENT


def test_the_periodic_resume_of_an_interrupted_list_survives_a_broker_outage(
    seed_plan, archivist, second_archivist, broker, django_capture_on_commit_callbacks
):
    from retention.tasks import resume_interrupted_disposals

    RuleFactory(node=seed_plan["2.9"], years=2)
    with django_capture_on_commit_callbacks(execute=True):
        closed_case("2.9.1", datetime.date(2020, 3, 1), title="Felanmälan")
    broker.deliver()
    disposal_list = retention.draw_disposal_list(name="Gallring 2026:1", as_of=datetime.date.today(), user=archivist)
    disposal_list = retention.approve_list(
        retention.submit_for_review(disposal_list, user=archivist), user=second_archivist
    )
    with django_capture_on_commit_callbacks(execute=True):
        retention.execute_list(disposal_list, user=archivist, confirmation="Gallring 2026:1")
    broker.messages.clear()  # the worker died with it
    DisposalList.objects.update(execution_started_at=timezone.now() - datetime.timedelta(minutes=20))

    broker.mode = "down"
    with django_capture_on_commit_callbacks(execute=True):
        assert resume_interrupted_disposals() == 1  # the periodic job itself does not fail
    assert pending("retention.run_disposal").exists()
    broker.mode = "up"
    tasks.redispatch_outbox()
    with django_capture_on_commit_callbacks(execute=True):
        broker.deliver()
    assert DisposalList.objects.get().status == ListStatus.EXECUTED
