"""Legal holds on a subtree hold every case that was under it while the hold was active, wherever it moves."""

import datetime

import pytest
from rest_framework.test import APIClient

from common.errors import DomainError
from records.models import Case
from records.register import services as records_services
from retention import services
from retention.models import DisposalRecord, ItemState, ListStatus
from tests.retention.factories import RuleFactory, closed_case

pytestmark = pytest.mark.django_db
CLOSED = datetime.date(2020, 3, 1)  # due since 2022 under a two-year rule


@pytest.fixture
def rules(seed_plan):
    RuleFactory(node=seed_plan["2.9"], years=2)
    RuleFactory(node=seed_plan["2.13"], years=2)
    return seed_plan


def execute_list_on(process, archivist, second_archivist, on_commit, name="Gallring 2026:1"):
    disposal_list = services.draw_disposal_list(name=name, as_of=datetime.date.today(), user=archivist, process=process)
    services.submit_for_review(disposal_list, user=archivist)
    services.approve_list(disposal_list, user=second_archivist)
    with on_commit():
        services.execute_list(disposal_list, user=archivist, confirmation=disposal_list.name)
    disposal_list.refresh_from_db()
    return disposal_list


def reclassify(cases, code):
    for case in cases:
        records_services.reclassify_case(case, code, "Felklassificerat", None)


def test_it_keeps_holding_cases_reclassified_out_of_the_held_subtree(rules, archivist, second_archivist, on_commit):
    """The issue's scenario: hold on 2.9, 20 closed cases moved to 2.13, a list on 2.13 executed."""
    with on_commit():
        moved = [closed_case("2.9.1", CLOSED, title=f"Felanmälan {n}") for n in range(20)]
        never_held = closed_case("2.13", CLOSED, title="Körjournal")
    services.place_hold(node=rules["2.9"], reason="Tvist om fastighetsförvaltningen", user=archivist)
    with on_commit():
        reclassify(moved, "2.13")
    disposal_list = execute_list_on("2.13", archivist, second_archivist, on_commit)
    assert disposal_list.status == ListStatus.EXECUTED
    assert list(disposal_list.items.values_list("case_reference", "state")) == [
        (never_held.reference, ItemState.DISPOSED)
    ]
    assert Case.objects.filter(pk__in=[c.pk for c in moved], process__code="2.13").count() == 20
    assert not DisposalRecord.objects.filter(case_key__in=[c.pk for c in moved]).exists()


def test_a_case_filed_under_the_held_node_after_the_hold_was_placed_stays_held_when_moved_out(
    rules, archivist, on_commit
):
    services.place_hold(node=rules["2.9"], reason="Revision", user=None)
    with on_commit():
        case = closed_case("2.9.1", CLOSED)
        reclassify([case], "2.13")
    with pytest.raises(DomainError, match="Inga ärenden under 2.13"):
        services.draw_disposal_list(name="Lista", as_of=datetime.date.today(), user=archivist, process="2.13")


def test_a_case_passing_through_the_held_subtree_stays_held(rules, archivist, on_commit):
    services.place_hold(node=rules["2.9"], reason="Revision", user=None)
    with on_commit():
        case = closed_case("2.13", CLOSED)
        reclassify([case], "2.9.1")
        reclassify([case], "2.13")
    assert [h.reason for h in services.holds.holds_covering(Case.objects.get(pk=case.pk))] == ["Revision"]


def test_a_case_moved_out_before_the_hold_was_placed_is_not_held(rules, archivist, on_commit):
    with on_commit():
        case = closed_case("2.9.1", CLOSED)
        reclassify([case], "2.13")
    services.place_hold(node=rules["2.9"], reason="Revision", user=None)
    disposal_list = services.draw_disposal_list(
        name="Lista", as_of=datetime.date.today(), user=archivist, process="2.13"
    )
    assert list(disposal_list.items.values_list("case_key", flat=True)) == [case.pk]


def test_releasing_the_hold_frees_the_cases_moved_out_of_its_subtree(rules, archivist, second_archivist, on_commit):
    hold = services.place_hold(node=rules["2.9"], reason="Revision", user=None)
    with on_commit():
        case = closed_case("2.9.1", CLOSED)
        reclassify([case], "2.13")
    services.release_hold(hold, user=None, reason="Revisionen klar")
    disposal_list = execute_list_on("2.13", archivist, second_archivist, on_commit)
    assert list(disposal_list.items.values_list("case_key", "state")) == [(case.pk, ItemState.DISPOSED)]


def test_a_case_held_before_approval_and_moved_after_it_is_excluded_at_execution(
    rules, archivist, second_archivist, on_commit
):
    with on_commit():
        case = closed_case("2.13", CLOSED)
    disposal_list = services.draw_disposal_list(
        name="Lista", as_of=datetime.date.today(), user=archivist, process="2.13"
    )
    services.submit_for_review(disposal_list, user=archivist)
    services.approve_list(disposal_list, user=second_archivist)
    services.place_hold(node=rules["2.9"], reason="Revision", user=None)
    with on_commit():
        reclassify([case], "2.9.1")
        reclassify([case], "2.13")
    # Back where it was approved, with the same rule and date: only the hold may stop it.
    with on_commit():
        services.execute_list(disposal_list, user=archivist, confirmation=disposal_list.name)
    item = disposal_list.items.get()
    assert item.state == ItemState.EXCLUDED and item.exclusion_reason == "Spärrad för gallring: Revision"
    assert Case.objects.filter(pk=case.pk).exists()


def test_the_case_page_warns_that_a_reclassified_case_is_still_held(client, rules, registrar, on_commit):
    services.place_hold(node=rules["2.9"], reason="Tvist om hissen", user=None)
    with on_commit():
        case = closed_case("2.9.1", CLOSED)
        reclassify([case], "2.13")
    client.force_login(registrar)
    page = client.get(f"/admin/records/case/{case.pk}/change/").content.decode()
    assert "Spärrad för gallring (2.9 med allt under: Tvist om hissen)" in page
    assert "Ärendet låg under 2.9 medan spärren gällde; spärren följer med ärendet." in page


def test_the_retention_api_reports_the_hold_of_a_moved_case_with_a_warning(rules, archivist, on_commit):
    services.place_hold(node=rules["2.9"], reason="Tvist om hissen", user=None)
    with on_commit():
        case = closed_case("2.9.1", CLOSED)
        reclassify([case], "2.13")
    api = APIClient()
    api.force_authenticate(archivist)
    body = api.get(f"/api/v1/records/{case.pk}/retention/").json()
    assert body["process"] == "2.13" and body["hold"] is True
    assert body["holds"][0]["reason"] == "Tvist om hissen"
    assert body["holds"][0]["warning"] == "Ärendet låg under 2.9 medan spärren gällde; spärren följer med ärendet."


def test_cases_of_a_node_moved_through_the_held_subtree_stay_held(rules, archivist, on_commit):
    with on_commit():
        case = closed_case("2.13", CLOSED)
    services.place_hold(node=rules["2.9"], reason="Revision", user=None)
    vehicles = rules["2.13"]
    with on_commit():
        for code, parent in (("2.9.9", rules["2.9"]), ("2.13", rules["2"])):
            vehicles.refresh_from_db()
            vehicles.code, vehicles.parent = code, parent
            vehicles.save()
    assert [h.reason for h in services.holds.holds_covering(Case.objects.get(pk=case.pk))] == ["Revision"]


def test_the_hold_page_counts_the_cases_it_holds(client, rules, archivist, on_commit):
    with on_commit():
        cases = [closed_case("2.9.1", CLOSED) for _ in range(2)]
    hold = services.place_hold(node=rules["2.9"], reason="Revision", user=None)
    with on_commit():
        reclassify(cases[:1], "2.13")
    client.force_login(archivist)
    page = client.get(f"/admin/retention/legalhold/{hold.pk}/change/").content.decode()
    assert "ärenden som spärren håller" in page.lower() and '<div class="readonly">2</div>' in page
