"""Disposal: draw a list, review, approve (not your own), execute by typing its name; what goes and what stays."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage

from classification.models import DocumentType
from common.errors import DomainError
from outbox.models import OutboxEntry
from records.models import Case, Document, DocumentFile, Party
from records.register import services as records_services
from records.register.signals import case_deleted
from retention import services
from retention.models import (
    DisposalList,
    DisposalRecord,
    ItemState,
    ListStatus,
    PermanentRecordError,
)
from retention.services.rules import RuleData
from tests.records.factories import text_file
from tests.retention.factories import (
    RuleFactory,
    closed_case,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_cases(seed_plan, on_commit):
    """Three cases under 2.9 closed in 2020 (due since 2022), one with a file and a party."""
    RuleFactory(node=seed_plan["2.9"], years=2, authority="GA 2019/3")
    with on_commit():
        cases = [closed_case("2.9.1", datetime.date(2020, 3, 1), title=f"Felanmälan {n}") for n in range(3)]
        case = records_services.reopen_case(cases[0], None, "Komplettering")
        records_services.add_party(
            case, records_services.PartyData("Karin Hyresgäst", "19121212-1212", "anmälare"), None
        )
        records_services.add_document(
            case,
            user=None,
            direction="incoming",
            title="Anmälan från Karin",
            files=[text_file("anmalan.txt", "Karin Hyresgäst, Storgatan 1")],
        )
        cases[0] = records_services.close_case(case, None, closed_on=datetime.date(2020, 3, 1))
    return cases


def drawn(user, name="Gallring 2026:1", **kwargs):
    return services.draw_disposal_list(name=name, as_of=datetime.date.today(), user=user, **kwargs)


def approved(due_cases, archivist, second_archivist):
    disposal_list = services.submit_for_review(drawn(archivist), user=archivist)
    return services.approve_list(disposal_list, user=second_archivist)


def execute(disposal_list, user, on_commit):
    with on_commit():
        services.execute_list(disposal_list, user=user, confirmation=disposal_list.name)
    disposal_list.refresh_from_db()
    return disposal_list


def test_a_list_goes_from_draft_through_review_and_approval_to_execution(
    due_cases, archivist, second_archivist, on_commit
):
    disposal_list = drawn(archivist)
    assert disposal_list.status == ListStatus.DRAFT and disposal_list.items.count() == 3
    services.submit_for_review(disposal_list, user=archivist)
    kept = disposal_list.items.get(case_key=due_cases[2].pk)
    services.exclude_item(kept, reason="Behövs i pågående tvist om hissen", user=archivist)
    services.approve_list(disposal_list, user=second_archivist)
    disposal_list = execute(disposal_list, archivist, on_commit)
    assert disposal_list.status == ListStatus.EXECUTED
    states = dict(disposal_list.items.values_list("case_reference", "state"))
    assert states == {
        due_cases[0].reference: "disposed",
        due_cases[1].reference: "disposed",
        due_cases[2].reference: "excluded",
    }
    assert Case.objects.filter(pk=due_cases[2].pk).exists()
    assert not Case.objects.filter(pk__in=[due_cases[0].pk, due_cases[1].pk]).exists()


def test_disposal_removes_content_files_personal_data_history_and_the_search_entries(
    due_cases, archivist, second_archivist, on_commit
):
    case = due_cases[0]
    stored_file = DocumentFile.objects.get(case=case).file.name
    assert default_storage.exists(stored_file)
    deleted = []
    case_deleted.connect(
        lambda sender, case_id, reference, **kw: deleted.append(reference),
        weak=False,
        dispatch_uid="test_disposal_deleted",
    )
    try:
        execute(approved(due_cases, archivist, second_archivist), archivist, on_commit)
    finally:
        case_deleted.disconnect(dispatch_uid="test_disposal_deleted")
    assert not default_storage.exists(stored_file)
    for model in (Document, DocumentFile, Party):
        assert not model.objects.filter(case_id=case.pk).exists()
        assert not model.history.filter(case_id=case.pk).exists()
    assert not Case.history.filter(id=case.pk).exists()
    assert case.reference in deleted
    from search.models import Entry

    assert not Entry.objects.filter(case_id=case.pk).exists()


def test_each_disposed_case_leaves_one_permanent_disposal_record(due_cases, archivist, second_archivist, on_commit):
    disposal_list = execute(approved(due_cases, archivist, second_archivist), archivist, on_commit)
    record = DisposalRecord.objects.get(reference=due_cases[0].reference)
    assert (record.process_code, record.process_title) == ("2.9.1", "Förvalta fastigheter och inventarier")
    assert (record.title, record.opened_on, record.closed_on) == (
        "Felanmälan 0",
        due_cases[0].opened_on,
        datetime.date(2020, 3, 1),
    )
    assert record.rule_description == "Gallras 2 år efter avslut (2.9, GA 2019/3)" and record.authority == "GA 2019/3"
    assert (record.list_name, record.disposal_list) == ("Gallring 2026:1", disposal_list)
    assert record.approved_by_name == "Bertil Bevarande" and record.executed_by_name == "Anna Arkivarie"
    assert (record.documents, record.files) == (1, 1)
    assert DisposalRecord.objects.count() == 3
    with pytest.raises(PermanentRecordError):
        record.delete()
    with pytest.raises(PermanentRecordError):
        DisposalRecord.objects.all().delete()
    with pytest.raises(PermanentRecordError):
        DisposalRecord.objects.update(title="x")
    record.title = "Ändrad"
    with pytest.raises(PermanentRecordError):
        record.save()


def test_a_confidential_case_is_recorded_by_its_public_title(seed_plan, archivist, second_archivist, on_commit):
    RuleFactory(node=seed_plan["2.9"], years=2)
    with on_commit():
        closed_case("2.9.2", datetime.date(2020, 1, 1), title="Hot mot N.N.", confidential=True)
    execute(
        services.approve_list(services.submit_for_review(drawn(archivist), user=archivist), user=second_archivist),
        archivist,
        on_commit,
    )
    record = DisposalRecord.objects.get()
    assert record.title == "Ärende om enskild" and record.was_confidential


def test_the_executed_list_files_its_certificate_as_a_closed_case_under_2_6_2(
    due_cases, archivist, second_archivist, on_commit
):
    disposal_list = execute(approved(due_cases, archivist, second_archivist), archivist, on_commit)
    certificate = disposal_list.certificate_case
    assert certificate.process.code == "2.6.2" and certificate.status == "closed"
    assert certificate.title == "Gallringsprotokoll: Gallring 2026:1"
    stored = DocumentFile.objects.get(case=certificate)
    assert stored.content_type == "application/pdf" and "Gallringsprotokoll" in stored.extracted_text
    for case in due_cases:
        assert case.reference in stored.extracted_text


def test_approving_your_own_list_is_refused(due_cases, archivist):
    disposal_list = services.submit_for_review(drawn(archivist), user=archivist)
    history = disposal_list.history.count()
    with pytest.raises(DomainError, match="Du kan inte godkänna din egen gallringslista"):
        services.approve_list(disposal_list, user=archivist)
    disposal_list.refresh_from_db()
    assert disposal_list.status == ListStatus.IN_REVIEW and disposal_list.history.count() == history


def test_only_an_archivist_may_approve(due_cases, archivist, reader):
    disposal_list = services.submit_for_review(drawn(archivist), user=archivist)
    with pytest.raises(PermissionDenied):
        services.approve_list(disposal_list, user=reader)


def test_a_draft_cannot_be_approved_and_an_unapproved_list_cannot_be_executed(due_cases, archivist, second_archivist):
    disposal_list = drawn(archivist)
    with pytest.raises(DomainError, match="måste vara under granskning"):
        services.approve_list(disposal_list, user=second_archivist)
    with pytest.raises(DomainError, match="Listan är inte godkänd och kan inte verkställas"):
        services.execute_list(disposal_list, user=archivist, confirmation=disposal_list.name)
    disposal_list.refresh_from_db()
    assert disposal_list.status == ListStatus.DRAFT and Case.objects.count() == 3


def test_execution_needs_the_lists_name_typed_exactly(due_cases, archivist, second_archivist):
    disposal_list = approved(due_cases, archivist, second_archivist)
    with pytest.raises(DomainError) as caught:
        services.execute_list(disposal_list, user=archivist, confirmation="gallring 2026:1")
    assert "Skriv listans namn exakt" in caught.value.field_messages()["confirmation"][0]
    disposal_list.refresh_from_db()
    assert disposal_list.status == ListStatus.APPROVED


def test_a_reviewer_must_give_a_reason_to_exclude(due_cases, archivist):
    item = drawn(archivist).items.first()
    with pytest.raises(DomainError, match="Ange skälet"):
        services.exclude_item(item, reason="  ", user=archivist)
    item.refresh_from_db()
    assert item.state == ItemState.PENDING


def test_a_list_skips_held_cases_and_cases_already_on_another_list(due_cases, archivist):
    services.place_hold(case=due_cases[1], reason="Begärd av revisionen", user=None)
    first = drawn(archivist, name="Första")
    assert first.items.count() == 2
    with pytest.raises(DomainError, match="Inga ärenden"):
        drawn(archivist, name="Andra")


def test_it_refuses_an_empty_list_a_duplicate_name_and_a_future_date(due_cases, archivist):
    drawn(archivist)
    with pytest.raises(DomainError, match="finns redan en gallringslista"):
        drawn(archivist)
    with pytest.raises(DomainError, match="Inga ärenden under 2.6"):
        drawn(archivist, name="Tom", process="2.6")
    with pytest.raises(DomainError, match="inte 2"):
        services.draw_disposal_list(
            name="Framtid", as_of=datetime.date.today() + datetime.timedelta(days=1), user=archivist
        )
    assert DisposalList.objects.count() == 1


@pytest.mark.parametrize("change", ["hold", "preserve", "longer", "reopened", "reclassified", "subtree_hold"])
def test_every_item_is_checked_again_at_execution(due_cases, seed_plan, archivist, second_archivist, on_commit, change):
    disposal_list = approved(due_cases, archivist, second_archivist)
    case = due_cases[0]
    with on_commit():
        if change == "hold":
            services.place_hold(case=case, reason="Ny tvist", user=None)
        elif change == "subtree_hold":
            services.place_hold(node=seed_plan["2.9"], reason="Revision av fastighetsförvaltningen", user=None)
        elif change == "preserve":
            RuleFactory(node=seed_plan["2.9.1"], preserve=True)
        elif change == "longer":
            rule = seed_plan["2.9"].retention_rules.get()
            services.save_rule(
                RuleData(action="gallras", node="2.9", years=10, authority="GA 2019/3"), rule=rule, user=None
            )
        elif change == "reopened":
            records_services.reopen_case(case, None, "Ny händelse")
        else:
            records_services.reclassify_case(case, "2.8.3", "Felklassificerat", None)
    execute(disposal_list, archivist, on_commit)
    item = disposal_list.items.get(case_key=case.pk)
    expected = {
        "hold": "Spärrad för gallring: Ny tvist",
        "subtree_hold": "Spärrad för gallring: Revision av fastighetsförvaltningen",
        "preserve": "Ärendet ska bevaras",
        "longer": "Gallringsregeln har ändrats",
        "reopened": "Ärendet har återöppnats",
        "reclassified": "Ärendet har omklassificerats till 2.8.3",
    }[change]
    assert item.state == ItemState.EXCLUDED and item.exclusion_reason.startswith(expected)
    assert item.exclusion_stage == "execution"
    assert Case.objects.filter(pk=case.pk).exists() and not DisposalRecord.objects.filter(case_key=case.pk).exists()


def test_a_run_that_crashes_midway_resumes_without_doing_anything_twice(
    due_cases, archivist, second_archivist, on_commit, monkeypatch
):
    from records import erasing
    from retention.services import execution

    real = erasing.erase_case
    calls = {"n": 0}

    def crashing(case):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker lost")
        return real(case)

    monkeypatch.setattr(erasing, "erase_case", crashing)
    disposal_list = approved(due_cases, archivist, second_archivist)
    with on_commit():  # the archivist's request stands; the crashed run waits in the outbox with its error
        services.execute_list(disposal_list, user=archivist, confirmation=disposal_list.name)
    disposal_list.refresh_from_db()
    assert disposal_list.status == ListStatus.EXECUTING
    assert disposal_list.items.filter(state=ItemState.DISPOSED).count() == 1 and DisposalRecord.objects.count() == 1
    assert OutboxEntry.objects.get(task_name="retention.run_disposal").last_error == "RuntimeError: worker lost"
    monkeypatch.setattr(erasing, "erase_case", real)
    with on_commit():
        services.resume_list(disposal_list, user=archivist)
    execution.run_disposal(disposal_list.pk)  # a second, redundant run changes nothing
    disposal_list.refresh_from_db()
    assert disposal_list.status == ListStatus.EXECUTED
    assert disposal_list.items.filter(state=ItemState.DISPOSED).count() == 3
    assert DisposalRecord.objects.count() == 3 and not Case.objects.filter(title__startswith="Felanmälan").exists()
    assert Case.objects.filter(process__code="2.6.2").count() == 1


def test_lists_rules_and_holds_keep_their_history(due_cases, archivist, second_archivist, on_commit):
    disposal_list = execute(approved(due_cases, archivist, second_archivist), archivist, on_commit)
    statuses = list(disposal_list.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["draft", "in_review", "approved", "executing", "executed"]
    hold = services.place_hold(case=Case.objects.first(), reason="Test", user=archivist)
    services.release_hold(hold, user=archivist, reason="Klart")
    assert list(hold.history.order_by("history_id").values_list("released_by", flat=True)) == [None, archivist.pk]


def test_a_document_type_rule_that_preserves_is_never_disposed(seed_plan, archivist, on_commit):
    process = seed_plan["2.9.1"]
    art = DocumentType.objects.get(node=process, name="inventarielistor över konst")
    RuleFactory(node=seed_plan["2.9"], years=2)
    RuleFactory(document_type=art, preserve=True)
    with on_commit():
        closed_case("2.9.1", datetime.date(2020, 1, 1), documents=[(datetime.date(2019, 12, 1), art)])
    with pytest.raises(DomainError, match="Inga ärenden"):
        drawn(archivist)


def test_the_resume_command_finishes_a_list_a_crash_left_executing(
    due_cases, archivist, second_archivist, on_commit, monkeypatch
):
    import io

    from django.core.management import call_command

    from records import erasing

    def crash(case):
        raise RuntimeError("power cut")

    disposal_list = approved(due_cases, archivist, second_archivist)
    with monkeypatch.context() as patched:
        patched.setattr(erasing, "erase_case", crash)
        with on_commit():
            services.execute_list(disposal_list, user=archivist, confirmation=disposal_list.name)
    out = io.StringIO()
    with on_commit():
        call_command("resume_disposals", stdout=out)
    disposal_list.refresh_from_db()
    assert disposal_list.status == ListStatus.EXECUTED and "Gallring 2026:1: Verkställd" in out.getvalue()
    assert DisposalRecord.objects.count() == 3


def test_disposal_also_removes_what_hangs_off_the_case_and_its_history(
    seed_plan, archivist, second_archivist, on_commit
):
    """E.g. a work order with the tenant's name and phone number, and its notes."""
    from records.models import WorkOrder, WorkOrderNote
    from tests.records.work_factories import make_work_order

    with time_machine.travel(datetime.datetime(2020, 3, 1, 12, 0)), on_commit():
        order = make_work_order(tenant_name="Tolvan Tolvansson", tenant_phone="070-000 00 00", status="makulerad")
        RuleFactory(node=order.case.process, years=2)
    case_id, order_id = order.case_id, order.pk
    notes = list(WorkOrderNote.objects.filter(work_order_id=order_id).values_list("pk", flat=True))
    assert WorkOrder.history.filter(id=order_id).exists()
    execute(approved(None, archivist, second_archivist), archivist, on_commit)
    assert not Case.objects.filter(pk=case_id).exists() and not WorkOrder.objects.filter(pk=order_id).exists()
    assert not WorkOrder.history.filter(id=order_id).exists()
    assert not WorkOrderNote.history.filter(id__in=notes).exists()
    assert DisposalRecord.objects.filter(case_key=case_id).exists()
