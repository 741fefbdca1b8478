"""Messages: queued in the service's transaction, sent by a Celery task on commit through the configured sender,
retried with backoff when sending fails, visible (failed, with the error) and never lost silently."""

import datetime

import pytest
import time_machine
from celery.exceptions import Retry

from records import tasks
from records.messaging import outbox as notifications
from records.messaging import senders
from records.models import Message, MessageStatus
from records.work_orders import services as work_orders
from tests.records.work_factories import ContractorFactory, contractor_user, make_work_order, orderer

pytestmark = pytest.mark.django_db
SENT = []


class RecordingSender:
    def send(self, message):
        SENT.append((message.channel, message.recipient, message.body))
        return "gw-42"


class BrokenSender:
    def send(self, message):
        raise ConnectionError("SMS-tjänsten svarar inte")


class FlakySender:
    """Fails twice, then works."""

    calls = 0

    def send(self, message):
        FlakySender.calls += 1
        if FlakySender.calls <= 2:
            raise TimeoutError(f"försök {FlakySender.calls}")
        return "ok"


@pytest.fixture(autouse=True)
def reset():
    SENT.clear()
    FlakySender.calls = 0


@pytest.fixture
def accepted(seed_plan):
    contractor = ContractorFactory()
    worker = contractor_user(contractor)
    return make_work_order(user=orderer(), contractor=contractor, status="accepterad", by=worker), worker


def complete(order, worker, capture):
    with capture(execute=True):
        work_orders.complete_work_order(order, worker, action_performed="Klart")
    return Message.objects.get(kind="work_order_completed")


def test_the_default_sender_writes_to_the_log_and_the_table(accepted, django_capture_on_commit_callbacks, caplog):
    order, worker = accepted
    with caplog.at_level("INFO", logger="records.messaging.senders"):
        sms = complete(order, worker, django_capture_on_commit_callbacks)
    assert sms.status == MessageStatus.SENT and sms.attempts == 1 and sms.sent_at is not None
    assert sms.sender == "records.messaging.senders.LogSender"
    assert any("SMS till 070-000 00 00" in record.getMessage() for record in caplog.records)


def test_nothing_is_sent_before_the_transaction_commits(accepted, django_capture_on_commit_callbacks):
    order, worker = accepted
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        work_orders.complete_work_order(order, worker, action_performed="Klart")
    assert Message.objects.get(kind="work_order_completed").status == MessageStatus.PENDING and callbacks


def test_a_gateway_plugs_in_by_setting(accepted, settings, django_capture_on_commit_callbacks):
    settings.ORDNA_SMS_SENDER = "tests.records.messaging.test_notifications.RecordingSender"
    order, worker = accepted
    sms = complete(order, worker, django_capture_on_commit_callbacks)
    assert [("sms", "070-000 00 00", sms.body)] == SENT
    assert (sms.status, sms.provider_reference, sms.sender) == (
        "sent",
        "gw-42",
        "tests.records.messaging.test_notifications.RecordingSender",
    )


def test_a_failed_send_is_retried_and_then_sent(accepted, settings, django_capture_on_commit_callbacks):
    settings.ORDNA_SMS_SENDER = "tests.records.messaging.test_notifications.FlakySender"
    order, worker = accepted
    sms = complete(order, worker, django_capture_on_commit_callbacks)
    assert (sms.status, sms.attempts, FlakySender.calls) == ("sent", 3, 3)
    assert sms.last_error == "TimeoutError: försök 2"  # the errors on the way stay visible


def test_a_send_that_keeps_failing_is_visible_as_failed_and_the_users_change_stands(
    accepted, settings, django_capture_on_commit_callbacks
):
    settings.ORDNA_SMS_SENDER = "tests.records.messaging.test_notifications.BrokenSender"
    order, worker = accepted
    sms = complete(order, worker, django_capture_on_commit_callbacks)  # no exception reaches the contractor
    assert sms.status == MessageStatus.FAILED and sms.last_error == "ConnectionError: SMS-tjänsten svarar inte"
    assert sms.attempts == tasks.send_message.max_retries + 1
    order.refresh_from_db()
    assert order.status == "utford"

    settings.ORDNA_SMS_SENDER = "tests.records.messaging.test_notifications.RecordingSender"
    with django_capture_on_commit_callbacks(execute=True):  # queued again, handed over on commit
        assert notifications.resend(Message.objects.filter(pk=sms.pk)) == 1
    sms.refresh_from_db()
    assert sms.status == MessageStatus.SENT and SENT


def test_a_worker_retries_a_failed_send_with_backoff(seed_plan, settings):
    """The task's own semantics (a worker): a failure is recorded, then retried 30 s, 60 s, ... later."""
    settings.ORDNA_EMAIL_SENDER = "tests.records.messaging.test_notifications.BrokenSender"
    message = Message.objects.create(channel="email", kind="test", recipient="a@example.org", subject="Hej", body="Hej")
    with pytest.raises(Retry) as retry:
        tasks.send_message.apply((message.pk,), throw=True)
    assert retry.value.when == 30
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("failed", 1)
    task = tasks.send_message
    assert task.autoretry_for == (senders.SendFailed,) and task.max_retries == 8 and task.retry_backoff_max == 3600


def test_sending_twice_sends_once(accepted, settings, django_capture_on_commit_callbacks):
    settings.ORDNA_SMS_SENDER = "tests.records.messaging.test_notifications.RecordingSender"
    order, worker = accepted
    sms = complete(order, worker, django_capture_on_commit_callbacks)
    tasks.send_message.delay(sms.pk)
    assert len(SENT) == 1


def test_the_periodic_job_queues_messages_that_never_reached_a_worker(
    seed_plan, settings, django_capture_on_commit_callbacks
):
    settings.ORDNA_EMAIL_SENDER = "tests.records.messaging.test_notifications.RecordingSender"
    with time_machine.travel(datetime.datetime(2026, 2, 2, 8, 0, tzinfo=datetime.UTC), tick=False):
        stuck = Message.objects.create(
            channel="email", kind="test", recipient="a@example.org", subject="Hej", body="Hej"
        )
    with time_machine.travel(datetime.datetime(2026, 2, 2, 8, 5, tzinfo=datetime.UTC), tick=False):
        assert tasks.resend_stale_messages.delay().get() == 0  # still on its way
    with (
        time_machine.travel(datetime.datetime(2026, 2, 2, 8, 11, tzinfo=datetime.UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tasks.resend_stale_messages.delay().get() == 1
    stuck.refresh_from_db()
    assert stuck.status == "sent" and len(SENT) == 1


def test_the_contractor_is_mailed_a_new_order(seed_plan, django_capture_on_commit_callbacks):
    contractor = ContractorFactory(email="order@vvs.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        order = make_work_order(user=orderer(), contractor=contractor)
    mail = Message.objects.get(kind="work_order_ordered")
    assert (mail.recipient, mail.status, mail.case) == ("order@vvs.example.org", "sent", order.case)
    assert "Acceptera den" in mail.body


def test_the_admin_shows_the_messages_and_sends_failed_ones_again(
    accepted, settings, client, make_user, django_capture_on_commit_callbacks
):
    settings.ORDNA_SMS_SENDER = "tests.records.messaging.test_notifications.BrokenSender"
    order, worker = accepted
    sms = complete(order, worker, django_capture_on_commit_callbacks)
    client.force_login(orderer(username="bestallaren"))
    page = client.get("/admin/records/message/").content.decode()
    assert "070-000 00 00" in page and "Misslyckades" in page and "SMS-tjänsten svarar inte" in page
    settings.ORDNA_SMS_SENDER = "tests.records.messaging.test_notifications.RecordingSender"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/records/message/", {"action": "send_again", "_selected_action": [sms.pk]})
    assert response.status_code == 302
    sms.refresh_from_db()
    assert sms.status == "sent"
    client.force_login(worker)
    assert client.get("/admin/records/message/").status_code == 403  # contractors do not see the table


def test_e_mail_can_go_through_djangos_email_backend(
    seed_plan, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.ORDNA_EMAIL_SENDER = "records.messaging.senders.DjangoEmailSender"
    with django_capture_on_commit_callbacks(execute=True):
        make_work_order(user=orderer(), contractor=ContractorFactory(email="order@el.example.org"))
    assert [m.to for m in mailoutbox] == [["order@el.example.org"]] and "AO1" in mailoutbox[0].subject
