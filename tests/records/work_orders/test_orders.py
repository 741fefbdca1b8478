"""Work orders: ordered by the ordering organisation, accepted by their contractor before anything else,
notes and questions until completed, pictures after acceptance, completion with the action performed
and an SMS to the tenant, cancelling and invoicing internally; refusals change nothing."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from common.errors import DomainError
from records.models import (
    CaseStatus,
    Message,
    RecordType,
    WorkOrder,
    WorkOrderNote,
    WorkOrderStatus,
)
from records.register.services import close_case
from records.register.timeline import build_timeline
from records.work_orders import access as who
from records.work_orders import services as service
from records.work_orders.lifecycle import can_see_pictures
from tests.records.work_factories import ContractorFactory, contractor_user, make_work_order, orderer, picture

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    contractor = ContractorFactory()
    return {
        "contractor": contractor,
        "worker": contractor_user(contractor, username="rorfixaren"),
        "orderer": orderer(username="hlu.handlaggare"),
    }


@pytest.fixture
def order(setup):
    return make_work_order(user=setup["orderer"], contractor=setup["contractor"])


def snapshot(order):
    order = WorkOrder.objects.get(pk=order.pk)
    return (
        order.status,
        order.accepted_at,
        order.completed_at,
        order.case.status,
        order.notes.count(),
        order.case.documents.count(),
        Message.objects.count(),
        WorkOrder.history.filter(id=order.pk).count(),
    )


def test_it_registers_an_order_as_a_case_numbered_ao_in_its_own_series(setup, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = make_work_order(user=setup["orderer"], contractor=setup["contractor"])
        second = make_work_order(user=setup["orderer"], contractor=setup["contractor"])
    assert (first.reference, second.reference) == ("AO1", "AO2")
    assert first.case.record_type == RecordType.WORK_ORDER and first.case.process.code == "2.9.1"
    assert first.status == WorkOrderStatus.ORDERED and first.case.status == CaseStatus.OPEN
    mail = Message.objects.filter(kind="work_order_ordered", case=first.case).get()
    assert mail.channel == "email" and mail.recipient == setup["contractor"].email and "AO1" in mail.subject
    assert mail.status == "sent"


def test_it_shows_the_orderer_or_tenant_via_web(setup):
    by_officer = make_work_order(user=setup["orderer"], contractor=setup["contractor"])
    by_tenant = make_work_order(user=setup["orderer"], contractor=setup["contractor"], ordered_via_web=True)
    assert by_officer.orderer_display == setup["orderer"].get_full_name()
    assert by_tenant.orderer_display == "Hyresgäst via webb"


def test_it_rejects_an_order_from_outside_the_ordering_organisation(setup):
    with pytest.raises(PermissionDenied, match="Bara beställande organisation kan skapa arbetsorder"):
        make_work_order(user=setup["worker"], contractor=setup["contractor"])
    assert not WorkOrder.objects.exists()


def test_it_names_every_missing_field_of_a_new_order(setup):
    data = service.WorkOrderData(
        order_type="x", contractor=setup["contractor"], property_name=" ", subject="", tenant_phone="ring mig"
    )
    with pytest.raises(DomainError) as error:
        service.create_work_order(data, user=setup["orderer"])
    assert set(error.value.field_messages()) == {"order_type", "property_name", "subject", "tenant_phone"}


def test_it_puts_orders_on_the_same_object_in_a_batch_and_refuses_another_object(setup):
    first = make_work_order(user=setup["orderer"], contractor=setup["contractor"])
    second = make_work_order(user=setup["orderer"], contractor=setup["contractor"], batch_with=first)
    first.refresh_from_db()
    assert first.batch_id is not None and second.batch_id == first.batch_id
    with pytest.raises(DomainError, match="Bara arbetsorder för samma objekt kan buntas: AO1 gäller"):
        make_work_order(user=setup["orderer"], contractor=setup["contractor"], apartment="9999", batch_with=first)


def test_the_contractor_accepts_before_anything_else(setup, order):
    worker = setup["worker"]
    before = snapshot(order)
    with pytest.raises(
        DomainError, match="Acceptera AO1 först: entreprenören accepterar arbetsordern innan något annat"
    ):
        service.add_note(order, "Tid bokad", worker)
    with pytest.raises(DomainError, match="Acceptera AO1 först"):
        service.add_note(order, "Var finns nyckeln?", worker, question=True)
    with pytest.raises(
        DomainError, match="AO1 är inte accepterad: en arbetsorder accepteras innan den kan klarmarkeras"
    ):
        service.complete_work_order(order, worker, action_performed="Bytt packning")
    assert snapshot(order) == before

    accepted = service.accept_work_order(order, worker)
    assert accepted.status == WorkOrderStatus.ACCEPTED and accepted.accepted_by == worker
    with pytest.raises(DomainError, match="AO1 är redan accepterad; bara en beställd arbetsorder kan accepteras"):
        service.accept_work_order(order, worker)


def test_a_contractor_cannot_touch_another_contractors_order(setup, order):
    other = contractor_user(ContractorFactory(), username="konkurrenten")
    before = snapshot(order)
    for act in (
        lambda: service.accept_work_order(order, other),
        lambda: service.complete_work_order(order, other, action_performed="Klart"),
    ):
        with pytest.raises(
            PermissionDenied, match="AO1 är tilldelad en annan entreprenör; bara den tilldelade entreprenören"
        ):
            act()
    assert snapshot(order) == before
    assert not who.work_orders_for(other).exists()


def test_notes_and_questions_until_completed_and_the_answer_shows_among_the_notes(setup, order):
    worker, boss = setup["worker"], setup["orderer"]
    service.add_note(order, "Beställaren lägger till portkod 1234.", boss)  # the orderer may write before acceptance
    service.accept_work_order(order, worker)
    service.add_note(order, "Tid bokad med hyresgästen tisdag.", worker)
    question = service.add_note(order, "Ska gamla maskinen köras bort?", worker, question=True)
    with pytest.raises(DomainError, match="Beställningsfrågor ställs av entreprenören"):
        service.add_note(order, "Fråga?", boss, question=True)
    with pytest.raises(PermissionDenied, match="Bara beställaren svarar"):
        service.answer_question(question, "Ja", worker)
    answer = service.answer_question(question, "Ja, till återvinningen.", boss)
    with pytest.raises(DomainError, match="Frågan är redan besvarad"):
        service.answer_question(question, "Igen", boss)
    kinds = list(WorkOrderNote.objects.filter(work_order=order).values_list("kind", flat=True))
    assert kinds == ["note", "note", "question", "answer"] and answer.answer_to == question

    service.complete_work_order(order, worker, action_performed="Bytt diskmaskin")
    with pytest.raises(
        DomainError, match="Noteringar och frågor kan göras fram till att arbetsordern är utförd; AO1 är utförd"
    ):
        service.add_note(order, "Glömde säga…", worker)


def test_pictures_are_visible_to_the_contractor_only_after_acceptance(setup):
    boss, worker = setup["orderer"], setup["worker"]
    order = service.create_work_order(
        service.WorkOrderData(
            order_type="fel",
            contractor=setup["contractor"],
            property_name="Demofastigheten 1:1",
            subject="Fuktfläck i taket",
        ),
        user=boss,
        pictures=[picture("fläck.png")],
    )
    assert order.case.files.count() == 1
    assert can_see_pictures(boss, order) and not can_see_pictures(worker, order)
    order = service.accept_work_order(order, worker)
    assert can_see_pictures(worker, order)
    with pytest.raises(PermissionDenied, match="Bara beställaren bifogar bilder"):
        service.add_pictures(order, [picture("egen.png")], worker)


def test_completing_needs_the_action_performed_and_a_units_model_and_serial(setup, django_capture_on_commit_callbacks):
    worker = setup["worker"]
    order = make_work_order(
        user=setup["orderer"],
        contractor=setup["contractor"],
        is_unit=True,
        unit_description="Diskmaskin",
        status="accepterad",
        by=worker,
    )
    before = snapshot(order)
    with pytest.raises(DomainError) as error:
        service.complete_work_order(order, worker, action_performed="  ")
    assert error.value.field_messages() == {
        "action_performed": ["Ange utförd åtgärd: den krävs för att klarmarkera arbetsordern."],
        "unit_model": ["Arbetsordern gäller en enhet: ange modellbeteckning."],
        "unit_serial": ["Arbetsordern gäller en enhet: ange serienummer."],
    }
    assert snapshot(order) == before

    with django_capture_on_commit_callbacks(execute=True):
        done = service.complete_work_order(
            order, worker, action_performed="Bytt till ny diskmaskin", unit_model="DX-500", unit_serial="SN123456"
        )
    assert (
        done.status == WorkOrderStatus.COMPLETED
        and done.case.status == CaseStatus.CLOSED
        and done.completed_by == worker
    )
    sms = Message.objects.get(kind="work_order_completed")
    assert (sms.channel, sms.recipient, sms.status) == ("sms", "070-000 00 00", "sent")
    assert "AO1" in sms.body and "utförd" in sms.body


def test_only_the_ordering_organisation_cancels_and_marks_invoiced(setup, order):
    worker, boss = setup["worker"], setup["orderer"]
    with pytest.raises(
        PermissionDenied, match="Bara beställande organisation kan makulera arbetsorder; kontakta beställaren"
    ):
        service.cancel_work_order(order, worker, "Ingen hemma")
    with pytest.raises(DomainError, match="Ange skälet till makuleringen"):
        service.cancel_work_order(order, boss, " ")
    service.accept_work_order(order, worker)
    service.complete_work_order(order, worker, action_performed="Klart")
    with pytest.raises(PermissionDenied, match="Fakturerad sätts internt av beställande organisation"):
        service.mark_invoiced(order, worker)
    with pytest.raises(DomainError, match="AO1 är utförd och kan inte makuleras"):
        service.cancel_work_order(order, boss, "För sent")
    assert service.mark_invoiced(order, boss).status == WorkOrderStatus.INVOICED

    other = make_work_order(user=boss, contractor=setup["contractor"])
    with pytest.raises(DomainError, match="Bara utförda arbetsorder kan markeras som fakturerade; AO2 är beställd"):
        service.mark_invoiced(other, boss)
    cancelled = service.cancel_work_order(other, boss, "Hyresgästen avbokade besöket")
    assert cancelled.status == WorkOrderStatus.CANCELLED and cancelled.case.status == CaseStatus.CANCELLED
    with pytest.raises(DomainError, match="AO2 är makulerad och kan inte längre hanteras"):
        service.accept_work_order(other, worker)


def test_the_registers_own_close_leaves_a_work_order_alone(setup, order, make_user):
    registrar = make_user(groups=["Registrator"])
    with pytest.raises(DomainError, match=r"AO1 \(arbetsorder\) har en egen livscykel"):
        close_case(order.case, registrar)


def test_every_event_is_on_the_orders_timeline_with_who_and_when(setup, order, django_capture_on_commit_callbacks):
    worker, boss = setup["worker"], setup["orderer"]
    with django_capture_on_commit_callbacks(execute=True):
        service.accept_work_order(order, worker)
        service.add_note(order, "Material beställt.", worker)
        question = service.add_note(order, "Ny eller begagnad?", worker, question=True)
        service.answer_question(question, "Ny.", boss)
        service.complete_work_order(order, worker, action_performed="Monterat ny")
    events = build_timeline(order.case, worker)
    kinds = [e.kind for e in events]
    for kind in (
        "registered",
        "work_order_ordered",
        "work_order_accepted",
        "work_order_note",
        "work_order_question",
        "work_order_answer",
        "work_order_completed",
        "message_sent",
    ):
        assert kind in kinds, kind
    accepted = next(e for e in events if e.kind == "work_order_accepted")
    assert accepted.user == worker.get_full_name() and accepted.at is not None
    assert "Monterat ny" in next(e.summary for e in events if e.kind == "work_order_completed")
    assert "closed" not in kinds  # the order's own "Utförd" says it, not a generic "Ärendet avslutades"


def test_a_completed_order_leaves_the_contractors_list_30_days_after_completion(setup):
    worker = setup["worker"]
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        done = make_work_order(user=setup["orderer"], contractor=setup["contractor"], status="utford", by=worker)
        cancelled = make_work_order(user=setup["orderer"], contractor=setup["contractor"], status="makulerad")
        waiting = make_work_order(user=setup["orderer"], contractor=setup["contractor"])

    def mine():
        return set(who.work_orders_for(worker).values_list("pk", flat=True))

    with time_machine.travel(datetime.datetime(2026, 3, 31, 8, 59, tzinfo=datetime.UTC), tick=False):
        assert mine() == {done.pk, cancelled.pk, waiting.pk}
    with time_machine.travel(datetime.datetime(2026, 3, 31, 9, 1, tzinfo=datetime.UTC), tick=False):
        assert mine() == {waiting.pk}
        # The orderer keeps seeing everything.
        assert who.work_orders_for(setup["orderer"]).count() == 3


def test_disposing_of_an_order_leaves_no_history_notes_or_messages_behind(
    setup, order, django_capture_on_commit_callbacks
):
    from records.erasing import erase_case
    from records.models import Case

    worker = setup["worker"]
    with django_capture_on_commit_callbacks(execute=True):
        service.accept_work_order(order, worker)
        service.add_note(order, "Hyresgästen Tolvan nås på 070-000 00 00.", worker)
        service.complete_work_order(order, worker, action_performed="Klart")
    assert Message.objects.count() == 2
    erase_case(Case.objects.get(pk=order.case_id))
    assert not WorkOrder.objects.exists() and not WorkOrder.history.exists()
    assert not WorkOrderNote.history.exists() and not Message.objects.exists()
