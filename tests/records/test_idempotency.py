"""Creating through the API with an Idempotency-Key: a retry returns what was created, never a second one; the
same key with another body is refused in Swedish. Cases, work orders and installer cases alike."""

import datetime
import threading

import pytest
import time_machine
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone
from rest_framework.test import APIClient

from idempotency import tasks
from idempotency.models import IdempotencyKey
from records.models import Case, InstallerCase, WorkOrder
from records.register import services as register_services
from tests.records.work_factories import ContractorFactory, installer, make_team, orderer

pytestmark = pytest.mark.django_db
KEY = "6f1c2b0e-6d1b-4b59-9d7c-5a9f3d2e4c11"


def client_for(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.fixture
def api(registrar):
    return client_for(registrar)


def post(api, url, body, key=KEY, **kwargs):
    return api.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY=key, **kwargs)


CASE = {"process": "2.9.1", "title": "Fuktskada i källarförråd"}


def test_a_retry_with_the_same_key_returns_the_case_already_created(api, seed_plan):
    first = post(api, "/api/v1/records/", CASE)
    again = post(api, "/api/v1/records/", CASE)
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"] and again.json()["reference"] == first.json()["reference"]
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert Case.objects.count() == 1


def test_the_same_key_with_another_body_is_refused_and_creates_nothing(api, seed_plan):
    post(api, "/api/v1/records/", CASE)
    other = post(api, "/api/v1/records/", {**CASE, "title": "Läckande kran"})
    assert other.status_code == 422
    assert "Idempotency-Key" in other.json()["detail"] and "annat innehåll" in other.json()["detail"]
    assert Case.objects.count() == 1


def test_without_a_key_every_post_creates(api, seed_plan):
    api.post("/api/v1/records/", CASE, format="json")
    api.post("/api/v1/records/", CASE, format="json")
    assert Case.objects.count() == 2


def test_keys_belong_to_their_user(api, seed_plan, make_user):
    post(api, "/api/v1/records/", CASE)
    colleague = client_for(make_user(groups=["Registrator"], username="kollega"))
    assert post(colleague, "/api/v1/records/", CASE).status_code == 201
    assert Case.objects.count() == 2


def test_a_request_that_failed_can_be_retried_with_its_key(api, seed_plan):
    refused = post(api, "/api/v1/records/", {**CASE, "process": "9.9.9"})
    assert refused.status_code == 400 and not IdempotencyKey.objects.exists()
    assert post(api, "/api/v1/records/", CASE).status_code == 201


@pytest.mark.parametrize("key", ["", " ", "x" * 256, "nyckel med åäö"])
def test_a_malformed_key_is_refused_in_swedish(api, seed_plan, key):
    response = post(api, "/api/v1/records/", CASE, key=key)
    assert response.status_code == 400 and "Idempotency-Key" in response.json()["detail"]
    assert not Case.objects.exists()


def test_a_key_expires_after_a_day_and_is_purged(api, seed_plan):
    post(api, "/api/v1/records/", CASE)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        assert tasks.purge_idempotency_keys() == 1
        assert post(api, "/api/v1/records/", CASE).status_code == 201
    assert Case.objects.count() == 2


def test_expired_keys_are_purged_every_hour(settings):
    assert any(entry["task"] == "idempotency.purge" for entry in settings.CELERY_BEAT_SCHEDULE.values())


def test_a_case_that_is_gone_is_not_silently_created_again(api, seed_plan):
    first = post(api, "/api/v1/records/", CASE)
    Case.objects.filter(pk=first.json()["id"]).delete()
    again = post(api, "/api/v1/records/", CASE)
    assert again.status_code == 409 and "finns inte längre" in again.json()["detail"]
    assert not Case.objects.exists()


def test_the_key_is_stored_with_the_case_in_one_transaction(api, seed_plan):
    post(api, "/api/v1/records/", CASE)
    stored = IdempotencyKey.objects.get()
    assert (stored.user.username, stored.key, stored.endpoint) == ("registrator", KEY, "records")
    assert stored.object_id == Case.objects.get().pk and len(stored.fingerprint) == 64
    with pytest.raises(IntegrityError), transaction.atomic():
        IdempotencyKey.objects.create(user=stored.user, key=KEY, endpoint="records", fingerprint="x", object_id=1)


def test_the_schema_documents_the_header(api, seed_plan):
    schema = api.get("/api/v1/schema/").content.decode()
    assert schema.count("name: Idempotency-Key") == 3 and "in: header" in schema


def test_a_retried_work_order_is_created_once(seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    contractor = ContractorFactory()
    boss = client_for(orderer())
    body = {
        "order_type": "fel",
        "contractor": contractor.pk,
        "property_name": "Demofastigheten 2:1",
        "apartment": "1201",
        "subject": "Kylskåpet kyler inte",
        "tenant_phone": "070-111 22 33",
        "is_unit": True,
    }
    first, again = post(boss, "/api/v1/work-orders/", body), post(boss, "/api/v1/work-orders/", body)
    assert first.status_code == again.status_code == 201 and first.json()["id"] == again.json()["id"]
    assert post(boss, "/api/v1/work-orders/", {**body, "apartment": "1202"}).status_code == 422
    assert WorkOrder.objects.count() == 1


def test_a_retried_installer_case_is_created_once(seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    owner = installer(username="agaren")
    team = make_team(owner)
    body = {
        "team": team.pk,
        "case_type": "sakringsandring",
        "street_address": "Solgatan 20",
        "postal_code": "25220",
        "city": "Helsingborg",
        "latitude": "56.046000",
        "longitude": "12.695000",
    }
    api = client_for(owner)
    first, again = post(api, "/api/v1/installer-cases/", body), post(api, "/api/v1/installer-cases/", body)
    assert first.status_code == again.status_code == 201 and first.json()["id"] == again.json()["id"]
    assert post(api, "/api/v1/installer-cases/", {**body, "city": "Lund"}).status_code == 422
    assert InstallerCase.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_retries_at_the_same_moment_create_one_case(seed_plan, registrar, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("Two writers at once need PostgreSQL; SQLite serialises them (the unique key is tested above).")
    real = register_services.register_case
    inside = threading.Event()

    def slow_register(**kwargs):
        case = real(**kwargs)
        inside.set()
        threading.Event().wait(0.5)  # the other request arrives while this one is still uncommitted
        return case

    monkeypatch.setattr(register_services, "register_case", slow_register)
    responses = []

    def retry(delay):
        try:
            if delay:
                inside.wait(5)
            responses.append(post(client_for(registrar), "/api/v1/records/", CASE))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=retry, args=(delay,)) for delay in (False, True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert sorted(r.status_code for r in responses) == [201, 201]
    assert len({r.json()["id"] for r in responses}) == 1 and Case.objects.count() == 1
