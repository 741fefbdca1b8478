"""Installer cases: drafts that are deleted 14 days after they were last saved, sending (OK- + 7 digits), the
status flow, the notes thread, attachments, cancelling by the grid owner, and the two-year lock."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from common.errors import DomainError
from records import tasks
from records.installations.lifecycle import locked_reason
from records.installations.services import installer_cases as service
from records.installations.services.installer_cases import InstallerCaseData
from records.models import (
    CaseStatus,
    DecisionKind,
    InstallerCase,
    InstallerCaseStatus,
    InstallerDraft,
    Message,
    RecordType,
    TeamDecision,
)
from records.register.timeline import build_timeline
from tests.records.factories import text_file
from tests.records.work_factories import grid_staff, installer, make_installer_case, make_team

pytestmark = pytest.mark.django_db
S = InstallerCaseStatus
DAY0 = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def team(seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_team(
        installer(username="sola", first_name="Sola", last_name="Solsson"), members=[installer(username="mane")]
    )


@pytest.fixture
def staff():
    return grid_staff(username="kundservice")


def at(days=0, hours=0):
    return time_machine.travel(DAY0 + datetime.timedelta(days=days, hours=hours), tick=False)


def test_a_sent_case_is_registered_as_ok_with_seven_digits_and_status_ny(team):
    case = make_installer_case(team)
    assert case.reference == "OK-0000001" and case.status == S.NEW
    assert case.case.record_type == RecordType.INSTALLER_CASE and case.case.process.code == "2.9.1"
    assert (case.street_address, case.latitude is not None, case.installer, case.team) == (
        "Solgatan 20",
        True,
        team.owner,
        team,
    )
    assert make_installer_case(team).reference == "OK-0000002"


def test_sending_needs_type_and_address_or_map_position_and_team_membership(team):
    with pytest.raises(DomainError) as error:
        service.send_installer_case(InstallerCaseData(latitude="56.0"), user=team.owner, team=team)
    assert set(error.value.field_messages()) == {"case_type", "longitude"}
    with pytest.raises(DomainError, match="Ange adressen eller sätt en kartnål"):
        service.send_installer_case(InstallerCaseData(case_type="1_3_fas"), user=team.owner, team=team)
    with pytest.raises(PermissionDenied, match="Du är inte medlem i teamet"):
        service.send_installer_case(
            InstallerCaseData(case_type="1_3_fas", street_address="Solgatan 1"), user=installer(), team=team
        )
    heat_only = make_team(installer(), competences=["fjarrvarme"])
    with pytest.raises(DomainError, match="saknar behörighet för El"):
        service.send_installer_case(
            InstallerCaseData(case_type="1_3_fas", street_address="Solgatan 1"), user=heat_only.owner, team=heat_only
        )
    assert not InstallerCase.objects.exists()


def test_a_draft_has_no_number_says_when_it_is_deleted_and_is_sent_later(team):
    with at():
        draft = service.save_draft(
            InstallerCaseData(case_type="sakringsandring", street_address="Solgatan 8"), user=team.owner, team=team
        )
        assert service.days_left(draft) == 14
    with at(days=5):
        assert service.days_left(draft) == 9
        draft = service.save_draft(
            InstallerCaseData(case_type="sakringsandring", street_address="Solgatan 8", city="Helsingborg"),
            user=team.owner,
            team=team,
            draft=draft,
        )
        assert service.days_left(draft) == 14  # saving again restarts the 14 days
    with at(days=6):
        case = service.send_draft(draft, team.owner)
    assert case.reference == "OK-0000001" and case.city == "Helsingborg" and not InstallerDraft.objects.exists()


def test_the_periodic_job_deletes_drafts_14_days_after_they_were_last_saved(team):
    with at():
        old = service.save_draft(InstallerCaseData(street_address="Solgatan 1"), user=team.owner)
    with at(days=3):
        recent = service.save_draft(InstallerCaseData(street_address="Solgatan 2"), user=team.owner)
    with at(days=13, hours=23):
        assert tasks.purge_expired_drafts.delay().get() == 0
    with at(days=14):
        assert tasks.purge_expired_drafts.delay().get() == 1
    assert list(InstallerDraft.objects.values_list("pk", flat=True)) == [recent.pk]
    with at(days=17):
        tasks.purge_expired_drafts.delay()
        tasks.purge_expired_drafts.delay()  # idempotent
    assert not InstallerDraft.objects.exists() and old.pk


def test_the_purge_job_is_scheduled(settings):
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"records.purge_expired_drafts", "records.resend_stale_messages"} <= schedule


def test_someone_elses_draft_is_not_yours(team):
    draft = service.save_draft(InstallerCaseData(street_address="Solgatan 1"), user=team.owner)
    member = team.members.exclude(pk=team.owner_id).get()
    with pytest.raises(PermissionDenied, match="en annan installatörs"):
        service.send_draft(draft, member)


def test_the_status_flow_is_set_by_the_right_side_in_order(team, staff):
    case = make_installer_case(team)
    with pytest.raises(PermissionDenied, match="Bara nätägarens handläggare sätter status PLANERING PÅGÅR"):
        service.change_status(case, S.PLANNING, team.owner)
    with pytest.raises(
        DomainError, match="OK-0000001 har status NY; FÄRDIGANMÄLAN INKOMMEN kan bara sättas från GENOMFÖRANDE PÅGÅR"
    ):
        service.change_status(case, S.COMPLETION_REPORTED, team.owner)
    case = service.change_status(case, S.PLANNING, staff)
    case = service.change_status(case, S.EXECUTION, staff)
    with pytest.raises(PermissionDenied, match="Färdiganmälan skickas av installatören"):
        service.change_status(case, S.COMPLETION_REPORTED, staff)
    case = service.change_status(case, S.COMPLETION_REPORTED, team.owner)
    assert case.completion_reported_at is not None and case.case.status == CaseStatus.OPEN
    case = service.change_status(case, S.CLOSED, staff)
    assert case.case.status == CaseStatus.CLOSED and case.closed_at is not None
    with pytest.raises(DomainError, match="är AVSLUTAD och kan inte längre ändras"):
        service.add_note(case, "Hej", staff)


def test_the_notes_thread_mails_the_installer_the_grid_owners_notes(team, staff, django_capture_on_commit_callbacks):
    case = make_installer_case(team)
    with django_capture_on_commit_callbacks(execute=True):
        service.add_note(case, "Mätarskåpet är flyttat.", team.owner)
        service.add_note(case, "Tack, vi planerar in montören.", staff)
    notes = list(case.notes.values_list("from_grid_owner", "text"))
    assert notes == [(False, "Mätarskåpet är flyttat."), (True, "Tack, vi planerar in montören.")]
    mail = Message.objects.get(kind="installer_case_note")
    assert mail.recipient == team.owner.email and "OK-0000001" in mail.subject and mail.status == "sent"
    with pytest.raises(PermissionDenied, match="en annan installatörs ärende"):
        service.add_note(case, "Hej", installer())


def test_attachments_are_documents_of_the_case(team):
    case = make_installer_case(team)
    service.add_attachment(case, text_file("situationsplan.txt"), team.owner, "Situationsplan")
    document = case.case.documents.get()
    assert document.title == "Situationsplan" and document.files.get().original_name == "situationsplan.txt"


def test_cancelling_needs_a_reason_is_done_by_the_grid_owner_and_registers_a_decision(team, staff):
    case = make_installer_case(team)
    service.request_cancellation(case, "Kunden har ångrat sig", team.owner)
    assert case.notes.get().text == "Begäran om makulering: Kunden har ångrat sig"
    with pytest.raises(PermissionDenied, match="Makulering görs av nätägarens handläggare"):
        service.cancel_installer_case(case, team.owner, "Kunden har ångrat sig")
    with pytest.raises(DomainError, match="Ange skälet till makuleringen"):
        service.cancel_installer_case(case, staff, "")
    assert InstallerCase.objects.get(pk=case.pk).status == S.NEW
    decision = service.cancel_installer_case(case, staff, "Kunden har ångrat beställningen")
    case.refresh_from_db()
    assert case.status == S.CANCELLED and case.case.status == CaseStatus.CANCELLED
    assert decision.kind == DecisionKind.CASE_CANCELLED and list(decision.installer_cases.all()) == [case]
    assert (
        decision.team == team and decision.decided_by == staff and "Kunden har ångrat beställningen" in decision.grounds
    )


def test_ongoing_cases_created_more_than_two_years_ago_are_locked_for_online_handling(team, staff):
    with time_machine.travel(datetime.datetime(2024, 5, 3, 12, 0, tzinfo=datetime.UTC), tick=False):
        old = make_installer_case(team)
        done = make_installer_case(team, status=S.CLOSED)
    with time_machine.travel(datetime.datetime(2026, 5, 2, 12, 0, tzinfo=datetime.UTC), tick=False):
        assert locked_reason(old) == ""
    with time_machine.travel(datetime.datetime(2026, 5, 4, 12, 0, tzinfo=datetime.UTC), tick=False):
        reason = locked_reason(old)
        assert "OK-0000001 skapades 2024-05-03, för mer än två år sedan, och kan inte längre hanteras online" in reason
        assert locked_reason(done) == ""
        with pytest.raises(DomainError, match="kan inte längre hanteras online"):
            service.add_note(old, "Finns ärendet kvar?", team.owner)
        # The grid owner's staff handle it by hand.
        assert service.add_note(old, "Vi tar det via e-post.", staff).from_grid_owner


def test_the_cases_timeline_shows_sending_status_notes_and_cancelling(team, staff):
    case = make_installer_case(team)
    service.change_status(case, S.PLANNING, staff)
    service.add_note(case, "Hej", staff)
    service.cancel_installer_case(case, staff, "Felanmält")
    kinds = [e.kind for e in build_timeline(case.case, team.owner)]
    assert kinds[:2] == ["registered", "installer_case_sent"]
    assert {"installer_case_status", "installer_case_note", "installer_case_cancelled"} <= set(kinds)
    assert TeamDecision.objects.filter(kind=DecisionKind.CASE_CANCELLED).count() == 1


def test_disposing_of_an_installer_case_and_its_decision_leaves_no_history_behind(team, staff):
    from records.erasing import erase_case
    from records.models import Case, InstallerCaseNote

    case = make_installer_case(team)
    service.add_note(case, "Kunden heter Elva Elvasdotter.", team.owner)
    decision = service.cancel_installer_case(case, staff, "Dubbelanmält")
    erase_case(Case.objects.get(pk=case.case_id))
    erase_case(Case.objects.get(pk=decision.case_id))
    assert not InstallerCase.history.filter(id=case.pk).exists() and not InstallerCaseNote.history.exists()
    assert not TeamDecision.history.filter(id=decision.pk).exists()
