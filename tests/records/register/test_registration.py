"""Registering, changing, reclassifying, closing, reopening and cancelling cases through the services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from common.errors import DomainError
from outbox.models import OutboxEntry
from records.models import Case, CaseStatus, Party, SeriesCounter
from records.register import services, signals
from records.register.timeline import build_timeline
from tests.records.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrar(make_user):
    return make_user(groups=["Registrator"], username="registrator")


def nothing_written():
    return Case.objects.count() == 0 and not SeriesCounter.objects.filter(last_serial__gt=0).exists()


def test_it_registers_a_case_with_number_status_and_history(seed_plan, registrar):
    case = services.register_case(
        process="2.9.1",
        title="Vattenskada i trapphus",
        user=registrar,
        parties=[services.PartyData("Fiktiva Fastigheter AB", "556677-8899", "motpart")],
    )
    assert case.reference.startswith("BOP ") and case.status == CaseStatus.OPEN
    assert case.process.code == "2.9.1" and case.opened_on == datetime.date.today()
    party = case.parties.get()
    assert (party.identity_number, party.kind) == ("556677-8899", Party.Kind.ORGANISATION)
    events = build_timeline(case, registrar)
    assert events[0].kind == "registered" and case.reference in events[0].summary
    assert events[0].user == registrar.get_full_name()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("9.9.9", "Processen 9.9.9 finns inte"),
        ("2", "2 är ett verksamhetsområde (VO)"),
        ("2.9", "2.9 är en processgrupp (PG)"),
        ("3.2.5", "Processen 3.2.5 har upphört"),
        ("", "Ange en process"),
    ],
)
def test_it_rejects_filing_outside_an_active_process(seed_plan, registrar, code, message):
    with pytest.raises(DomainError) as caught:
        services.register_case(process=code, title="Något", user=registrar)
    assert message in caught.value.field_messages()["process"][0]
    assert nothing_written()


def test_it_names_the_processes_under_a_group_when_filing_on_it(seed_plan, registrar):
    with pytest.raises(DomainError) as caught:
        services.register_case(process="2.9", title="Något", user=registrar)
    assert "2.9.1" in str(caught.value)


def test_it_rejects_a_missing_title_and_reports_every_field_at_once(seed_plan, registrar):
    with pytest.raises(DomainError) as caught:
        services.register_case(process="9.9", title="   ", user=registrar)
    messages = caught.value.field_messages()
    assert set(messages) == {"process", "title"}
    assert "ärendemening" in messages["title"][0]
    assert nothing_written()


def test_it_rejects_a_confidential_case_without_a_public_title(seed_plan, registrar):
    with pytest.raises(DomainError) as caught:
        services.register_case(
            process="2.3.4",
            title="Rehabilitering av N.N.",
            user=registrar,
            confidentiality=services.Confidentiality(legal_ground="OSL 26 kap. 1 §"),
        )
    assert "public_title" in caught.value.field_messages()
    assert nothing_written()


def test_it_rejects_an_invalid_personal_identity_number(seed_plan, registrar):
    with pytest.raises(DomainError) as caught:
        services.register_case(
            process="2.9.1",
            title="Ett ärende",
            user=registrar,
            parties=[services.PartyData("Tolvan Tolvansson", "19121212-1213")],
        )
    assert "19121212-1213" in caught.value.field_messages()["identity_number"][0]
    assert nothing_written()


def test_it_accepts_a_test_personal_identity_number(seed_plan, registrar):
    case = services.register_case(
        process="2.9.1",
        title="Ett ärende",
        user=registrar,
        parties=[services.PartyData("Tolvan Tolvansson", "191212121212")],
    )
    party = case.parties.get()
    assert (party.identity_number, party.kind) == ("19121212-1212", Party.Kind.PERSON)


def test_it_rejects_registration_by_someone_without_the_permission(seed_plan, make_user):
    reader = make_user(groups=["Läsare"])
    with pytest.raises(PermissionDenied):
        services.register_case(process="2.9.1", title="Något", user=reader)
    assert nothing_written()


def test_it_keeps_the_number_when_reclassifying_and_records_why(seed_plan, registrar):
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    moved = services.reclassify_case(case, "1.2", "Gäller budget, inte fastighet", registrar)
    assert moved.reference == case.reference and moved.process.code == "1.2"
    event = build_timeline(moved, registrar)[-1]
    assert event.kind == "reclassified"
    assert "2.9.1" in event.summary and "1.2" in event.summary
    assert event.reason == "Gäller budget, inte fastighet"


@pytest.mark.parametrize(
    ("target", "reason", "field"),
    [
        ("2.9", "Fel process", "process"),
        ("1.2", " ", "reason"),
        ("2.9.1", "Samma", "process"),
        ("3.2.5", "Upphörd", "process"),
    ],
)
def test_it_rejects_a_bad_reclassification(seed_plan, registrar, target, reason, field):
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    with pytest.raises(DomainError) as caught:
        services.reclassify_case(case, target, reason, registrar)
    assert field in caught.value.field_messages()
    case.refresh_from_db()
    assert case.process.code == "2.9.1"


def test_it_closes_reopens_and_cancels_with_history(seed_plan, registrar):
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    case = services.close_case(case, registrar)
    assert (case.status, case.closed_on) == (CaseStatus.CLOSED, datetime.date.today())
    case = services.reopen_case(case, registrar, reason="Ny skrivelse inkom")
    assert (case.status, case.closed_on) == (CaseStatus.OPEN, None)
    case = services.cancel_case(case, registrar, reason="Dubblettregistrering")
    assert case.status == CaseStatus.CANCELLED
    kinds = [event.kind for event in build_timeline(case, registrar)]
    assert kinds == ["registered", "closed", "reopened", "cancelled"]
    assert build_timeline(case, registrar)[-1].reason == "Dubblettregistrering"


def test_it_rejects_impossible_status_changes(seed_plan, registrar):
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    with pytest.raises(DomainError, match="Bara avslutade"):
        services.reopen_case(case, registrar)
    with pytest.raises(DomainError) as caught:
        services.cancel_case(case, registrar, reason="")
    assert "reason" in caught.value.field_messages()
    cancelled = services.cancel_case(case, registrar, reason="Fel")
    with pytest.raises(DomainError, match="makulerat"):
        services.close_case(cancelled, registrar)
    with pytest.raises(DomainError, match="makulerat"):
        services.update_case(cancelled, user=registrar, title="Ny rubrik")


def test_it_records_changes_with_before_and_after(seed_plan, registrar, make_user):
    officer = make_user(groups=["Handläggare"], first_name="Alva", last_name="Demosson")
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar, title="Gammal rubrik")
    services.update_case(case, user=registrar, title="Ny rubrik", responsible=officer)
    event = build_timeline(case, registrar)[-1]
    changes = {change.field: (change.old, change.new) for change in event.changes}
    assert changes == {"title": ("Gammal rubrik", "Ny rubrik"), "responsible": ("", "Alva Demosson")}


def test_it_refuses_to_change_the_process_or_status_through_update(seed_plan, registrar):
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    with pytest.raises(DomainError, match="omklassificera"):
        services.update_case(case, user=registrar, process=seed_plan["1.2"])


def test_it_lets_a_case_officer_work_only_on_their_own_cases(seed_plan, registrar, make_user):
    officer = make_user(groups=["Handläggare"])
    own = CaseFactory(process=seed_plan["2.9.1"], user=registrar, responsible=officer)
    other = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    assert services.close_case(own, officer).status == CaseStatus.CLOSED
    with pytest.raises(PermissionDenied):
        services.close_case(other, officer)
    with pytest.raises(PermissionDenied):
        services.cancel_case(services.reopen_case(own, officer), officer, reason="Fel")


def test_it_sends_case_changed_in_the_transaction_so_receivers_record_their_work_in_it(seed_plan, registrar):
    received = []

    def receiver(sender, case_id, change, **kwargs):
        received.append((case_id, change))

    signals.case_changed.connect(receiver)
    try:
        with transaction.atomic():
            case = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
            assert received == [(case.pk, signals.CHANGE_REGISTERED)]  # before the commit
            assert OutboxEntry.objects.filter(task_name="search.index_case", args=[case.pk]).exists()
            transaction.set_rollback(True)
        assert not OutboxEntry.objects.exists()  # what the receivers recorded went with the rollback
    finally:
        signals.case_changed.disconnect(receiver)


def test_it_sends_case_deleted_when_a_case_row_is_deleted(seed_plan, registrar, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, case_id, reference, **kwargs):
        received.append(reference)

    signals.case_deleted.connect(receiver)
    try:
        case = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
        with django_capture_on_commit_callbacks(execute=True):
            case.delete()
        assert received == [case.reference]
    finally:
        signals.case_deleted.disconnect(receiver)


def test_it_rejects_a_responsible_officer_who_may_not_handle_cases(seed_plan, registrar, make_user):
    reader = make_user(groups=["Läsare"], first_name="Lars", last_name="Läsarsson")
    with pytest.raises(DomainError) as caught:
        services.register_case(process="2.9.1", title="Något", user=registrar, responsible=reader)
    assert "Lars Läsarsson kan inte vara handläggare" in caught.value.field_messages()["responsible"][0]
    assert nothing_written()
