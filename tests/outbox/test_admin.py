"""The outbox in the admin: an administrator sees what waits and why, and can hand it over now; nobody edits it."""

import pytest

from outbox.models import OutboxEntry
from records.register import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(seed_plan, broker, django_capture_on_commit_callbacks):
    broker.mode = "down"
    with django_capture_on_commit_callbacks(execute=True):
        services.register_case(process="2.9.1", title="Fuktskada", user=None)
    return OutboxEntry.objects.filter(dispatched_at__isnull=True)


def test_an_administrator_sees_the_waiting_work_and_hands_it_over(client, make_user, waiting, broker):
    client.force_login(make_user(is_superuser=True))
    page = client.get("/admin/outbox/outboxentry/?state=pending").content.decode()
    assert "search.index_case" in page and "retention.recompute_case" in page
    refused = waiting.exclude(last_error="").get()  # the first one tried; the other was not even tried
    detail = client.get(f"/admin/outbox/outboxentry/{refused.pk}/change/").content.decode()
    assert "Connection refused" in detail

    broker.mode = "up"
    response = client.post(
        "/admin/outbox/outboxentry/",
        {"action": "hand_over_now", "_selected_action": list(waiting.values_list("pk", flat=True))},
        follow=True,
    )
    assert "2 uppgifter lämnades över." in response.content.decode()
    assert not waiting.exists() and sorted(broker.task_names()) == ["retention.recompute_case", "search.index_case"]


def test_nobody_adds_changes_or_deletes_work_and_registrars_do_not_see_it(client, make_user, waiting):
    client.force_login(make_user(is_superuser=True))
    entry = waiting.first()
    assert client.get("/admin/outbox/outboxentry/add/").status_code == 403
    assert client.post(f"/admin/outbox/outboxentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    client.force_login(make_user(groups=["Registrator"], username="registrator"))
    assert client.get("/admin/outbox/outboxentry/").status_code == 403
