"""Teams and moves of installer cases, each change a team decision in the register with grounds, who decided,
attachments and links to the team and cases."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from common.errors import DomainError
from records.installations.services import installer_cases as installations
from records.installations.services import moves
from records.installations.services import teams as service
from records.models import (
    CaseStatus,
    DecisionKind,
    InstallerCase,
    InstallerCaseStatus,
    RecordType,
    Team,
    TeamDecision,
    TeamMembership,
)
from tests.records.work_factories import (
    ORG_A,
    ORG_B,
    certificate,
    grid_staff,
    installer,
    make_installer_case,
    make_team,
)

pytestmark = pytest.mark.django_db
S = InstallerCaseStatus


@pytest.fixture(autouse=True)
def media(seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def people():
    return {
        "owner": installer(username="agare"),
        "member": installer(username="medlem"),
        "other": installer(username="annan"),
        "staff": grid_staff(username="admin.nat"),
    }


def register(by, **overrides):
    values = {
        "name": "Elteamet Syd",
        "organisation_number": ORG_A,
        "company_name": "Fiktiv El AB",
        "competences": ["el"],
        "certificate": certificate(),
        "user": by,
        **overrides,
    }
    return service.register_team(**values)


# --- Organisation numbers and registering -------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("559900-0006", "559900-0006"),
        ("5599000006", "559900-0006"),
        ("16559900-0006", "559900-0006"),
        ("121212-1212", "121212-1212"),
    ],
)
def test_it_accepts_organisation_numbers_with_a_valid_check_digit(raw, normalised):
    assert service.clean_organisation_number(raw) == normalised


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("559900-0007", r"kontrollsiffran \(den sista\) stämmer inte"),
        ("55990-0006", "skriv tio siffror"),
        ("", "Ange företagets organisationsnummer"),
    ],
)
def test_it_rejects_bad_organisation_numbers_naming_the_problem(raw, message):
    with pytest.raises(DomainError, match=message):
        service.clean_organisation_number(raw)


def test_registering_a_team_makes_the_registrant_owner_and_registers_a_decision_with_the_certificate(people):
    team = register(people["owner"], competences=["el", "biogas"])
    assert team.owner == people["owner"] and list(team.members.all()) == [people["owner"]]
    assert team.competences == ["el", "biogas"] and team.competences_display == "El, Biogas"
    decision = TeamDecision.objects.get(team=team)
    assert decision.kind == DecisionKind.TEAM_REGISTERED and decision.decided_by == people["owner"]
    assert decision.case.record_type == RecordType.TEAM_DECISION and decision.case.status == CaseStatus.CLOSED
    assert decision.case.reference.startswith("TB ") and decision.case.process.code == "2.8.3"
    assert team.certificate.case == decision.case and team.certificate.original_name == "auktorisationsbevis.pdf"
    assert "559900-0006" in decision.grounds


def test_registering_needs_certificate_competence_and_valid_number(people):
    with pytest.raises(DomainError) as error:
        register(people["owner"], certificate=None, competences=[], organisation_number="559900-0007", name=" ")
    assert set(error.value.field_messages()) == {"certificate", "competences", "organisation_number", "name"}
    assert not Team.objects.exists() and not TeamDecision.objects.exists()


def test_only_grid_staff_register_a_team_for_someone_else(people):
    with pytest.raises(PermissionDenied, match="Den som registrerar ett team blir dess ägare"):
        register(people["member"], owner=people["owner"])
    team = register(people["staff"], owner=people["owner"])
    assert team.owner == people["owner"]


# --- Members and the owner ----------------------------------------------------------------------


def test_only_the_owner_adds_and_removes_members_each_a_decision(people):
    team = register(people["owner"])
    with pytest.raises(PermissionDenied, match="Bara teamägaren kan lägga till medlemmar"):
        service.add_member(team, people["other"], people["member"])
    service.add_member(team, people["member"], people["owner"])
    with pytest.raises(DomainError, match="är redan medlem"):
        service.add_member(team, people["member"], people["owner"])
    with pytest.raises(PermissionDenied, match="en medlem kan inte själv lämna det"):
        service.remove_member(team, people["member"], people["member"])
    service.remove_member(team, people["member"], people["owner"], "Har slutat")
    kinds = list(TeamDecision.objects.filter(team=team).order_by("id").values_list("kind", "member__username"))
    assert kinds == [("team_registrerat", "agare"), ("medlem_tillagd", "medlem"), ("medlem_borttagen", "medlem")]
    assert TeamDecision.objects.get(kind=DecisionKind.MEMBER_REMOVED).grounds == "Har slutat"


def test_a_member_with_open_cases_cannot_be_removed(people):
    team = make_team(people["owner"], members=[people["member"]])
    open_case = make_installer_case(team, people["member"], status=S.COMPLETION_REPORTED)
    before = (TeamMembership.objects.count(), TeamDecision.objects.count())
    with pytest.raises(
        DomainError, match=f"har öppna ärenden i teamet \\({open_case.reference}\\) och kan inte tas bort"
    ):
        service.remove_member(team, people["member"], people["owner"])
    assert (TeamMembership.objects.count(), TeamDecision.objects.count()) == before
    moves.move_to_member([make_installer_case(team, people["member"])], people["owner"], people["owner"])
    installations.change_status(open_case, S.CLOSED, people["staff"])
    service.remove_member(team, people["member"], people["owner"])
    assert not TeamMembership.objects.filter(team=team, user=people["member"]).exists()


def test_the_owner_cannot_be_removed_or_changed(people):
    team = register(people["owner"])
    with pytest.raises(DomainError, match="Teamägaren kan inte tas bort ur sitt team, och ägaren kan inte bytas"):
        service.remove_member(team, people["owner"], people["owner"])
    with pytest.raises(DomainError, match="Teamägaren kan inte bytas. Den nya ägaren skapar ett nytt team"):
        service.update_team(team, people["staff"], owner=people["member"])
    with pytest.raises(DomainError, match="Organisationsnumret kan inte ändras"):
        service.update_team(team, people["owner"], organisation_number=ORG_B)
    assert Team.objects.get(pk=team.pk).owner == people["owner"]
    assert (
        service.update_team(team, people["owner"], name="Elteamet Söder", competences=["el", "fjarrvarme"]).name
        == "Elteamet Söder"
    )


# --- Moving cases ---------------------------------------------------------------------------------


@pytest.fixture
def company(people):
    """Two teams of one company (same organisation number) and a team of another company."""
    owner, member, other = people["owner"], people["member"], people["other"]
    south = make_team(owner, name="Syd", members=[member])
    north = make_team(member, name="Nord", members=[owner])
    elsewhere = make_team(other, name="Annat företag", organisation_number=ORG_B)
    return south, north, elsewhere


def test_the_team_owner_moves_cases_between_members_of_the_team(people, company):
    south = company[0]
    case = make_installer_case(south, people["owner"])
    with pytest.raises(PermissionDenied, match="Bara teamägaren kan flytta ärenden mellan medlemmarna"):
        moves.move_to_member([case], people["member"], people["member"])
    with pytest.raises(DomainError, match="är inte medlem i teamet Syd"):
        moves.move_to_member([case], people["other"], people["owner"])
    decision = moves.move_to_member([case], people["member"], people["owner"], "Semester")
    case.refresh_from_db()
    assert case.installer == people["member"] and case.team == south
    assert (decision.kind, decision.team, decision.member, decision.grounds) == (
        DecisionKind.CASES_MOVED,
        south,
        people["member"],
        "Semester",
    )
    assert list(decision.installer_cases.all()) == [case]


def test_an_installer_moves_own_cases_between_teams_with_the_same_organisation_number(people, company):
    south, north, elsewhere = company
    case = make_installer_case(south, people["member"])
    with pytest.raises(PermissionDenied, match="Bara ärendets installatör kan byta team"):
        moves.move_to_team([case], north, people["owner"])
    with pytest.raises(DomainError, match="Ärenden flyttas bara mellan team med samma organisationsnummer"):
        moves.move_to_team([case], elsewhere, people["member"])
    decision = moves.move_to_team([case], north, people["member"])
    case.refresh_from_db()
    assert case.team == north and case.installer == people["member"]
    assert (decision.team, decision.target_team) == (south, north)


def test_only_ongoing_cases_not_completion_reported_can_be_moved_and_all_or_nothing(people, company):
    south = company[0]
    ongoing = make_installer_case(south, people["owner"], status=S.EXECUTION)
    reported = make_installer_case(south, people["owner"], status=S.COMPLETION_REPORTED)
    closed = make_installer_case(south, people["owner"], status=S.CLOSED)
    before = TeamDecision.objects.count()
    with pytest.raises(DomainError) as error:
        moves.move_to_member([ongoing, reported, closed], people["member"], people["owner"])
    messages = error.value.field_messages()["cases"]
    assert messages == [
        f"{reported.reference} har status FÄRDIGANMÄLAN INKOMMEN: bara pågående ärenden som inte är färdiganmälda kan flyttas.",
        f"{closed.reference} har status AVSLUTAD: bara pågående ärenden som inte är färdiganmälda kan flyttas.",
    ]
    assert (
        InstallerCase.objects.get(pk=ongoing.pk).installer == people["owner"] and TeamDecision.objects.count() == before
    )


def test_a_locked_case_cannot_be_moved(people, company):
    with time_machine.travel(datetime.datetime(2023, 1, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        old = make_installer_case(company[0], people["owner"])
    with pytest.raises(DomainError, match="för mer än två år sedan, och kan inte längre hanteras online"):
        moves.move_to_member([old], people["member"], people["owner"])


def test_the_administrator_moves_across_companies_only_with_the_customers_consent(people, company):
    south, _north, elsewhere = company
    case = make_installer_case(south, people["owner"])
    args = {"to_installer": people["other"], "to_team": elsewhere, "grounds": "Kunden har bytt installatör"}
    with pytest.raises(PermissionDenied, match="Bara nätägarens administratör"):
        moves.move_as_administrator([case], user=people["owner"], **args)
    with pytest.raises(
        DomainError, match="Flytt till ett annat företag kräver kundens skriftliga medgivande som bilaga"
    ):
        moves.move_as_administrator([case], user=people["staff"], **args)
    decision = moves.move_as_administrator(
        [case], user=people["staff"], consent=certificate("medgivande.pdf", "Medgivande"), **args
    )
    case.refresh_from_db()
    assert (case.installer, case.team) == (people["other"], elsewhere)
    assert decision.case.documents.get().title == "Kundens medgivande till byte av installatör"
    assert (decision.team, decision.target_team, decision.decided_by) == (south, elsewhere, people["staff"])


def test_a_production_plant_needs_a_new_power_of_attorney(people, company):
    south, _north, elsewhere = company
    plant = make_installer_case(south, people["owner"], case_type="aba_produktionsanlaggning")
    args = {"to_installer": people["other"], "to_team": elsewhere, "grounds": "Byte", "user": people["staff"]}
    with pytest.raises(
        DomainError, match="gäller en produktionsanläggning: flytt till ett annat företag kräver en ny fullmakt"
    ):
        moves.move_as_administrator([plant], consent=certificate("medgivande.pdf", "Medgivande"), **args)
    decision = moves.move_as_administrator(
        [plant], consent=certificate("fullmakt.pdf", "Fullmakt"), consent_kind=moves.POWER_OF_ATTORNEY, **args
    )
    assert decision.case.documents.get().title == "Fullmakt från kunden"


def test_decisions_are_cases_in_the_register_and_list_what_they_concern(people, company):
    decisions = TeamDecision.objects.select_related("case")
    assert decisions.count() == 5  # three registrations, two members added
    assert all(d.case.record_type == RecordType.TEAM_DECISION and d.case.status == CaseStatus.CLOSED for d in decisions)
    references = [d.case.reference for d in decisions.order_by("case__serial")]
    year = datetime.date.today().year
    assert references == [f"TB {year}/{n}" for n in range(1, 6)]
