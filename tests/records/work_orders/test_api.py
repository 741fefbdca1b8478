"""The API of work orders, installer cases, drafts, teams and decisions: scoped to the user's organisation,
one endpoint per life-cycle action, every object with its reference, refusals as 400/403 with the rule."""

import io

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from records.models import InstallerCase, TeamDecision, WorkOrder
from tests.records.work_factories import (
    ORG_B,
    ContractorFactory,
    certificate,
    contractor_user,
    grid_staff,
    installer,
    make_installer_case,
    make_team,
    make_work_order,
    orderer,
    picture,
)

pytestmark = pytest.mark.django_db


def client_for(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.fixture
def shop(seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    contractor, rival = ContractorFactory(), ContractorFactory()
    return {
        "boss": orderer(),
        "worker": contractor_user(contractor),
        "rival": contractor_user(rival),
        "contractor": contractor,
        "rival_contractor": rival,
    }


def order_body(shop, **extra):
    return {
        "order_type": "fel",
        "contractor": shop["contractor"].pk,
        "property_name": "Demofastigheten 2:1",
        "apartment": "1201",
        "subject": "Kylskåpet kyler inte",
        "tenant_phone": "070-111 22 33",
        "is_unit": True,
        **extra,
    }


# --- Work orders ----------------------------------------------------------------------------------


def test_the_orderer_creates_an_order_and_a_contractor_may_not(shop):
    created = client_for(shop["boss"]).post("/api/v1/work-orders/", order_body(shop), format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["reference"], body["status"], body["process"], body["orderer"]) == (
        "AO1",
        "bestalld",
        "2.9.1",
        shop["boss"].get_full_name(),
    )
    refused = client_for(shop["worker"]).post("/api/v1/work-orders/", order_body(shop), format="json")
    assert refused.status_code == 403 and "Bara beställande organisation" in refused.json()["detail"]
    bad = client_for(shop["boss"]).post("/api/v1/work-orders/", order_body(shop, tenant_phone="ring"), format="json")
    assert bad.status_code == 400 and "inget telefonnummer" in bad.json()["tenant_phone"][0]


def test_contractors_see_and_act_only_on_their_own_orders(shop):
    order = make_work_order(user=shop["boss"], contractor=shop["contractor"])
    mine, theirs = client_for(shop["worker"]), client_for(shop["rival"])
    assert [o["reference"] for o in mine.get("/api/v1/work-orders/").json()["results"]] == ["AO1"]
    assert theirs.get("/api/v1/work-orders/").json()["results"] == []
    assert theirs.get(f"/api/v1/work-orders/{order.pk}/").status_code == 404
    assert theirs.post(f"/api/v1/work-orders/{order.pk}/accept/").status_code == 404
    assert WorkOrder.objects.get().status == "bestalld"


def test_the_life_cycle_through_the_api(shop, django_capture_on_commit_callbacks):
    boss, worker = client_for(shop["boss"]), client_for(shop["worker"])
    order = make_work_order(user=shop["boss"], contractor=shop["contractor"], is_unit=True)
    url = f"/api/v1/work-orders/{order.pk}/"
    early = worker.post(url + "complete/", {"action_performed": "Klart"}, format="json")
    assert early.status_code == 400 and "AO1 är inte accepterad" in early.json()["non_field_errors"][0]
    assert worker.post(url + "accept/").json()["status"] == "accepterad"
    asked = worker.post(url + "notes/", {"text": "Vilken modell?", "question": True}, format="json").json()
    question = asked["notes"][0]
    answered = boss.post(url + "answer/", {"question": question["id"], "text": "Samma som förut."}, format="json")
    assert [n["kind"] for n in answered.json()["notes"]] == ["question", "answer"]
    missing = worker.post(url + "complete/", {"action_performed": "Bytt kylskåp"}, format="json")
    assert missing.status_code == 400 and set(missing.json()) == {"unit_model", "unit_serial"}
    refused = worker.post(url + "cancel/", {"reason": "Ingen hemma"}, format="json")
    assert refused.status_code == 403 and "Bara beställande organisation kan makulera" in refused.json()["detail"]
    with django_capture_on_commit_callbacks(execute=True):
        done = worker.post(
            url + "complete/",
            {"action_performed": "Bytt kylskåp", "unit_model": "KS-1", "unit_serial": "123"},
            format="json",
        )
    assert done.status_code == 200 and done.json()["status"] == "utford"
    assert worker.post(url + "invoice/").status_code == 403
    assert boss.post(url + "invoice/").json()["status"] == "fakturerad"
    events = [e["kind"] for e in worker.get(url + "history/").json()["events"]]
    assert "work_order_completed" in events and "message_sent" in events


def test_pictures_are_hidden_from_the_contractor_until_accepted(shop):
    boss, worker = client_for(shop["boss"]), client_for(shop["worker"])
    order = make_work_order(user=shop["boss"], contractor=shop["contractor"])
    added = boss.post(f"/api/v1/work-orders/{order.pk}/pictures/", {"pictures": [picture()]}, format="multipart")
    assert added.status_code == 200 and len(added.json()["pictures"]) == 1
    file_id = added.json()["pictures"][0]["id"]
    before = worker.get(f"/api/v1/work-orders/{order.pk}/").json()
    assert before["pictures"] == [] and before["pictures_hidden"] is True
    assert worker.get(f"/api/v1/work-orders/{order.pk}/pictures/{file_id}/").status_code == 404
    worker.post(f"/api/v1/work-orders/{order.pk}/accept/")
    after = worker.get(f"/api/v1/work-orders/{order.pk}/").json()
    assert after["pictures_hidden"] is False and after["pictures"][0]["name"] == "bild.png"
    download = worker.get(f"/api/v1/work-orders/{order.pk}/pictures/{file_id}/")
    assert download.status_code == 200 and download["Content-Type"] == "image/png"


def test_filters_overview_export_and_pdf(shop):
    for order_type in ("fel", "fel", "hlu"):
        make_work_order(user=shop["boss"], contractor=shop["contractor"], order_type=order_type)
    make_work_order(user=shop["boss"], contractor=shop["rival_contractor"])
    worker = client_for(shop["worker"])
    assert worker.get("/api/v1/work-orders/", {"order_type": "fel", "status": "bestalld"}).json()["count"] == 2
    bad = worker.get("/api/v1/work-orders/", {"status": "klar"})
    assert bad.status_code == 400 and "Okänd status ”klar”" in bad.json()["status"][0]
    overview = worker.get("/api/v1/work-orders/overview/").json()
    ordered = next(r for r in overview["rows"] if r["status"] == "bestalld")
    fault = next(c for c in ordered["cells"] if c["order_type"] == "fel")
    assert fault["count"] == 2 and fault["url"].endswith("/api/v1/work-orders/?status=bestalld&order_type=fel")
    assert worker.get(fault["url"]).json()["count"] == 2  # the link lists what it counts
    assert overview["totals"][-1]["count"] == 3  # the rival's order is not counted
    export = worker.get("/api/v1/work-orders/export/", {"order_type": "hlu"})
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content)), read_only=True).active
    rows = list(sheet.values)
    assert rows[0][0] == "Arbetsorder" and [r[:3] for r in rows[1:]] == [("AO3", "HLU", "Beställd")]
    pdf = worker.get(f"/api/v1/work-orders/{WorkOrder.objects.get(case__reference='AO1').pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


# --- Installer cases, drafts, teams, decisions ----------------------------------------------------


@pytest.fixture
def grid(seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    owner, member = installer(username="agaren"), installer(username="medlemmen")
    team = make_team(owner, members=[member])
    return {"owner": owner, "member": member, "team": team, "staff": grid_staff()}


def test_installer_cases_are_sent_moved_and_refused_through_the_api(grid):
    owner, staff = client_for(grid["owner"]), client_for(grid["staff"])
    body = {
        "team": grid["team"].pk,
        "case_type": "sakringsandring",
        "street_address": "Solgatan 20",
        "postal_code": "25220",
        "city": "Helsingborg",
        "latitude": "56.046000",
        "longitude": "12.695000",
    }
    sent = owner.post("/api/v1/installer-cases/", body, format="json")
    assert sent.status_code == 201 and sent.json()["reference"] == "OK-0000001" and sent.json()["status"] == "ny"
    url = f"/api/v1/installer-cases/{sent.json()['id']}/"
    assert client_for(installer()).get(url).status_code == 404
    assert owner.post(url + "start-planning/").status_code == 403
    staff.post(url + "start-planning/")
    staff.post(url + "start-execution/")
    moved = owner.post(url + "move-to-member/", {"to_installer": grid["member"].pk}, format="json")
    assert moved.status_code == 200 and moved.json()["installer"]["id"] == grid["member"].pk
    assert client_for(grid["member"]).post(url + "report-completion/").json()["status"] == "fardiganmalan"
    again = owner.post(url + "move-to-member/", {"to_installer": grid["owner"].pk}, format="json")
    assert again.status_code == 400
    assert "bara pågående ärenden som inte är färdiganmälda kan flyttas" in again.json()["cases"][0]
    notes = staff.post(url + "notes/", {"text": "Vi kommer på torsdag."}, format="json").json()["notes"]
    assert notes[0]["from_grid_owner"] is True
    cancelled = staff.post(url + "cancel/", {"reason": "Dubbelanmält"}, format="json")
    assert cancelled.json()["status"] == "makulerad" and cancelled.json()["locked"] is False
    assert [e["kind"] for e in staff.get(url + "history/").json()["events"]][-1] == "installer_case_cancelled"


def test_the_administrator_move_takes_the_consent_as_a_file(grid):
    other = make_team(installer(username="annat.foretag"), organisation_number=ORG_B)
    case = make_installer_case(grid["team"])
    url = f"/api/v1/installer-cases/{case.pk}/move-as-administrator/"
    staff = client_for(grid["staff"])
    body = {"to_installer": other.owner_id, "to_team": other.pk, "grounds": "Kunden byter installatör"}
    refused = staff.post(url, body, format="multipart")
    assert refused.status_code == 400 and "kundens skriftliga medgivande" in refused.json()["consent"][0]
    moved = staff.post(url, {**body, "consent": certificate("medgivande.pdf", "Medgivande")}, format="multipart")
    assert moved.status_code == 200 and moved.json()["team"]["id"] == other.pk
    decision = TeamDecision.objects.get(kind="arenden_flyttade")
    assert decision.case.documents.count() == 1


def test_drafts_say_when_they_are_deleted_and_can_be_sent(grid):
    owner = client_for(grid["owner"])
    draft = owner.post("/api/v1/installer-drafts/", {"street_address": "Solgatan 8"}, format="json")
    assert draft.status_code == 201 and draft.json()["deleted_in"] == "Raderas om 14 dagar"
    url = f"/api/v1/installer-drafts/{draft.json()['id']}/"
    assert client_for(grid["member"]).get(url).status_code == 404
    owner.patch(url, {"case_type": "1_3_fas", "team": grid["team"].pk}, format="json")
    sent = owner.post(url + "send/")
    assert (
        sent.status_code == 201
        and sent.json()["reference"] == "OK-0000001"
        and sent.json()["street_address"] == "Solgatan 8"
    )
    assert owner.get("/api/v1/installer-drafts/").json()["results"] == []


def test_teams_through_the_api(grid):
    newcomer = installer(username="nykomling")
    api = client_for(newcomer)
    created = api.post(
        "/api/v1/teams/",
        {
            "name": "Nya teamet",
            "company_name": "Ny El AB",
            "organisation_number": "5599000022",
            "competences": ["el", "biogas"],
            "certificate": certificate(),
        },
        format="multipart",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["reference"].startswith("TB ") and body["organisation_number"] == "559900-0022"
    assert body["owner"]["id"] == newcomer.pk and body["certificate"]["name"] == "auktorisationsbevis.pdf"
    bad = api.post(
        "/api/v1/teams/",
        {
            "name": "X",
            "company_name": "Y",
            "organisation_number": "559900-0023",
            "competences": ["el"],
            "certificate": certificate(),
        },
        format="multipart",
    )
    assert bad.status_code == 400 and "kontrollsiffran" in bad.json()["organisation_number"][0]

    team_url = f"/api/v1/teams/{grid['team'].pk}/"
    member_api = client_for(grid["member"])
    assert member_api.post(team_url + "add-member/", {"member": newcomer.pk}, format="json").status_code == 403
    make_installer_case(grid["team"], grid["member"])
    owner = client_for(grid["owner"])
    busy = owner.post(team_url + "remove-member/", {"member": grid["member"].pk}, format="json")
    assert busy.status_code == 400 and "har öppna ärenden i teamet (OK-0000001)" in busy.json()["non_field_errors"][0]
    same_owner = owner.patch(team_url, {"owner": newcomer.pk}, format="json")
    assert same_owner.status_code == 400 and "Teamägaren kan inte bytas" in same_owner.json()["owner"][0]
    added = owner.post(team_url + "add-member/", {"member": newcomer.pk}, format="json")
    assert newcomer.pk in [m["id"] for m in added.json()["members"]]


def test_decisions_are_listed_with_their_reference_and_created_by_grid_staff(grid):
    staff = client_for(grid["staff"])
    listed = staff.get("/api/v1/decisions/", {"team": grid["team"].pk}).json()["results"]
    assert {d["kind"] for d in listed} == {"team_registrerat", "medlem_tillagd"}
    assert all(d["reference"].startswith("TB ") for d in listed)
    registered = next(d for d in listed if d["kind"] == "team_registrerat")
    assert registered["attachments"][0]["name"] == "auktorisationsbevis.pdf"
    created = staff.post(
        "/api/v1/decisions/",
        {
            "team": grid["team"].pk,
            "grounds": "Behörigheten Biogas styrks senare.",
            "attachments": [certificate("underlag.pdf", "Underlag")],
        },
        format="multipart",
    )
    assert created.status_code == 201 and created.json()["kind"] == "ovrigt" and len(created.json()["attachments"]) == 1
    assert (
        client_for(grid["owner"])
        .post("/api/v1/decisions/", {"team": grid["team"].pk, "grounds": "X"}, format="json")
        .status_code
        == 403
    )
    # The installer sees their own team's decisions, not others'.
    assert client_for(installer()).get("/api/v1/decisions/").json()["results"] == []
    assert InstallerCase.objects.count() == 0
