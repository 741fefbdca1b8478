"""The admin as contractors, installers and staff use it: scoped lists, the overview, confirmation pages for
every action, the Excel report, the PDF, the drafts list and the team pages."""

import datetime
import io

import pytest
import time_machine
from openpyxl import load_workbook

from records.installations.services import installer_cases as installations
from records.installations.services.installer_cases import InstallerCaseData
from records.models import InstallerDraft, Message, Team, TeamDecision, WorkOrder
from tests.records.work_factories import (
    ContractorFactory,
    certificate,
    contractor_user,
    grid_staff,
    installer,
    make_installer_case,
    make_team,
    make_work_order,
    orderer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    contractor = ContractorFactory()
    return {
        "boss": orderer(username="bestallaren"),
        "worker": contractor_user(contractor, username="entreprenoren"),
        "contractor": contractor,
        "rival": ContractorFactory(),
    }


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_a_contractor_sees_only_their_own_orders_and_nothing_else_of_the_register(client, shop):
    mine = make_work_order(user=shop["boss"], contractor=shop["contractor"])
    theirs = make_work_order(user=shop["boss"], contractor=shop["rival"])
    client.force_login(shop["worker"])
    index = page(client, "/admin/")
    assert "Arbetsorder" in index and "Ärenden" not in index
    listing = page(client, "/admin/records/workorder/")
    assert mine.reference in listing and theirs.reference not in listing
    assert shop["rival"].name not in listing  # no contractor filter for contractors
    assert client.get(f"/admin/records/workorder/{theirs.pk}/change/").status_code in (302, 404)
    assert client.get(f"/admin/records/workorder/{theirs.pk}/accept/").status_code == 404
    assert client.get(f"/admin/records/workorder/{theirs.pk}/pdf/").status_code == 404
    assert client.get("/admin/records/case/").status_code == 403


def test_the_overview_counts_per_status_and_type_and_each_count_links_to_its_list(client, shop):
    for order_type in ("fel", "fel", "hlu", "underhall"):
        make_work_order(user=shop["boss"], contractor=shop["contractor"], order_type=order_type)
    make_work_order(
        user=shop["boss"], contractor=shop["contractor"], order_type="fel", status="accepterad", by=shop["worker"]
    )
    make_work_order(user=shop["boss"], contractor=shop["rival"], order_type="fel")
    client.force_login(shop["worker"])
    overview = page(client, "/admin/records/workorder/overview/")
    link = "/admin/records/workorder/?status__exact=bestalld&amp;order_type__exact=fel"
    assert f'<a href="{link}" data-type="fel">2</a>' in overview
    assert 'data-type="uh_oplanerat">0</a>' in overview
    listed = page(client, link.replace("&amp;", "&"))
    assert listed.count('class="field-reference"') == 2
    for word in (
        "Beställd",
        "Accepterad",
        "Utförd",
        "Fakturerad",
        "Makulerad",
        "Fel",
        "HLU",
        "UH Oplanerat",
        "Tillval",
        "Underhåll",
    ):
        assert word in overview


def test_the_report_downloads_for_excel_filtered_by_type_and_status(client, shop):
    make_work_order(user=shop["boss"], contractor=shop["contractor"], order_type="fel")
    make_work_order(
        user=shop["boss"], contractor=shop["contractor"], order_type="tillval", status="accepterad", by=shop["worker"]
    )
    make_work_order(user=shop["boss"], contractor=shop["rival"], order_type="tillval")
    client.force_login(shop["worker"])
    response = client.get("/admin/records/workorder/export/", {"order_type": "tillval"})
    assert response.status_code == 200 and response["Content-Disposition"].startswith(
        'attachment; filename="arbetsorder.xlsx"'
    )
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active.values)
    assert [r[:3] for r in rows[1:]] == [("AO2", "Tillval", "Accepterad")]
    bad = client.get("/admin/records/workorder/export/", {"status": "klar"})
    assert bad.status_code == 400 and "Okänd status" in bad.content.decode()


def test_a_contractor_accepts_and_completes_on_confirmation_pages(client, shop, django_capture_on_commit_callbacks):
    order = make_work_order(user=shop["boss"], contractor=shop["contractor"], is_unit=True)
    client.force_login(shop["worker"])
    change = page(client, f"/admin/records/workorder/{order.pk}/change/")
    assert 'data-action="accept"' in change and 'data-action="complete"' not in change and "Skriv ut (PDF)" in change
    confirm = page(client, f"/admin/records/workorder/{order.pk}/accept/")
    assert "Acceptera arbetsordern innan du påbörjar arbetet" in confirm
    client.post(f"/admin/records/workorder/{order.pk}/accept/", {"confirm": "1"})
    assert WorkOrder.objects.get().status == "accepterad"

    complete_url = f"/admin/records/workorder/{order.pk}/complete/"
    assert "skickas ett SMS till hyresgästen" in page(client, complete_url)
    refused = client.post(complete_url, {"action_performed": "Bytt", "unit_model": "", "unit_serial": ""})
    assert (
        refused.status_code == 200
        and "Arbetsordern gäller en enhet: ange modellbeteckning." in refused.content.decode()
    )
    assert WorkOrder.objects.get().status == "accepterad"
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(complete_url, {"action_performed": "Bytt", "unit_model": "KS-1", "unit_serial": "9"})
    assert done.status_code == 302 and WorkOrder.objects.get().status == "utford"
    assert Message.objects.filter(kind="work_order_completed", status="sent").exists()
    timeline = page(client, f"/admin/records/workorder/{order.pk}/change/")
    assert "Arbetsordern klarmarkerades som utförd" in timeline and "SMS till 070-000 00 00 skickat" in timeline
    pdf = client.get(f"/admin/records/workorder/{order.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_orderer_orders_in_the_admin_and_cancels_with_a_reason(client, shop, django_capture_on_commit_callbacks):
    client.force_login(shop["boss"])
    form = {
        "order_type": "fel",
        "contractor": shop["contractor"].pk,
        "property_name": "Demofastigheten 3:1",
        "subject": "Stopp i avloppet",
        "tenant_phone": "070-123 45 67",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/records/workorder/add/", form)
    order = WorkOrder.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{order.pk}/change/")
    assert Message.objects.get(kind="work_order_ordered").recipient == shop["contractor"].email
    cancel = f"/admin/records/workorder/{order.pk}/cancel/"
    assert "Ange skälet till makuleringen" in client.post(cancel, {"reason": ""}).content.decode()
    client.post(cancel, {"reason": "Hyresgästen avbokade"})
    assert WorkOrder.objects.get().status == "makulerad"
    client.force_login(shop["worker"])
    assert client.get(cancel).status_code == 403


def test_the_case_page_of_a_work_order_sends_to_the_order_instead_of_closing(client, shop, make_user):
    order = make_work_order(user=shop["boss"], contractor=shop["contractor"])
    client.force_login(make_user(superuser=True))
    case_page = page(client, f"/admin/records/case/{order.case.pk}/change/")
    assert "Öppna arbetsordern" in case_page and f"/admin/records/workorder/{order.pk}/change/" in case_page
    assert "Avsluta ärendet" not in case_page


# --- Installers ---------------------------------------------------------------------------------


@pytest.fixture
def crew(seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    owner, member = installer(username="sola"), installer(username="mane")
    return {"owner": owner, "member": member, "team": make_team(owner, members=[member]), "staff": grid_staff()}


def test_the_drafts_list_says_when_each_draft_is_deleted(client, crew):
    now = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(now - datetime.timedelta(days=13), tick=False):
        installations.save_draft(InstallerCaseData(street_address="Solgatan 1"), user=crew["owner"])
    with time_machine.travel(now, tick=False):
        installations.save_draft(InstallerCaseData(street_address="Solgatan 2"), user=crew["owner"])
        installations.save_draft(InstallerCaseData(street_address="Månvägen 9"), user=crew["member"])
        client.force_login(crew["owner"])
        listing = page(client, "/admin/records/installerdraft/")
    assert "om 14 dagar" in listing and "om 1 dag" in listing and "Månvägen" not in listing


def test_an_installer_saves_a_draft_then_sends_it_from_the_admin(client, crew):
    client.force_login(crew["owner"])
    form = {
        "team": crew["team"].pk,
        "case_type": "sakringsandring",
        "street_address": "Solgatan 20",
        "city": "Helsingborg",
    }
    assert client.post("/admin/records/installercase/add/", form).status_code == 302
    draft = InstallerDraft.objects.get()
    sent = client.post(f"/admin/records/installerdraft/{draft.pk}/change/", {**form, "send": "on"})
    assert sent.status_code == 302 and not InstallerDraft.objects.exists()
    case = crew["team"].cases.get()
    assert case.reference == "OK-0000001" and sent["Location"].endswith(f"/installercase/{case.pk}/change/")


def test_installer_case_pages_offer_each_side_its_actions_and_say_why_a_case_is_locked(client, crew):
    case = make_installer_case(crew["team"], crew["member"])
    client.force_login(crew["member"])
    mine = page(client, f"/admin/records/installercase/{case.pk}/change/")
    assert (
        'data-action="note"' in mine and 'data-action="request_cancel"' in mine and 'data-action="cancel"' not in mine
    )
    assert client.post(f"/admin/records/installercase/{case.pk}/plan/", {}).status_code == 403
    client.force_login(crew["staff"])
    client.post(f"/admin/records/installercase/{case.pk}/plan/", {"confirm": "1"})
    case.refresh_from_db()
    assert case.status == "planering"
    with time_machine.travel(datetime.datetime(2023, 1, 1, 12, 0, tzinfo=datetime.UTC), tick=False):
        old = make_installer_case(crew["team"], crew["member"])
    client.force_login(crew["member"])
    locked = page(client, f"/admin/records/installercase/{old.pk}/change/")
    assert "för mer än två år sedan, och kan inte längre hanteras online" in locked
    assert 'data-action="note"' not in locked
    client.force_login(installer())
    assert client.get(f"/admin/records/installercase/{case.pk}/change/").status_code in (302, 404)


def test_teams_are_registered_and_members_removed_through_confirmation_pages(client, crew):
    newcomer = installer(username="nykomling")
    client.force_login(newcomer)
    registered = client.post(
        "/admin/records/team/add/",
        {
            "name": "Nya teamet",
            "company_name": "Ny El AB",
            "organisation_number": "559900-0022",
            "competences": ["el"],
            "certificate": certificate(),
        },
    )
    team = Team.objects.get(name="Nya teamet")
    assert registered.status_code == 302 and team.owner == newcomer
    assert "auktorisationsbevis.pdf" in page(client, f"/admin/records/team/{team.pk}/change/")
    assert client.get(f"/admin/records/team/{team.pk}/certificate/").status_code == 200

    make_installer_case(crew["team"], crew["member"])
    client.force_login(crew["owner"])
    refused = client.post(f"/admin/records/team/{crew['team'].pk}/remove_member/", {"member": crew["member"].pk})
    assert "har öppna ärenden i teamet (OK-0000001) och kan inte tas bort" in refused.content.decode()
    client.force_login(crew["member"])
    assert client.get(f"/admin/records/team/{crew['team'].pk}/add_member/").status_code == 403


def test_grid_staff_see_the_decisions_with_their_attachments(client, crew):
    client.force_login(crew["staff"])
    listing = page(client, "/admin/records/teamdecision/")
    decision = TeamDecision.objects.get(kind="team_registrerat")
    assert decision.case.reference in listing
    detail = page(client, f"/admin/records/teamdecision/{decision.pk}/change/")
    assert "auktorisationsbevis.pdf" in detail and "Beslut (team registrerat)" in detail


def test_an_installer_attaches_files_to_a_case(client, crew):
    from tests.records.factories import text_file

    case = make_installer_case(crew["team"], crew["member"])
    client.force_login(crew["member"])
    client.post(f"/admin/records/installercase/{case.pk}/attach/", {"files": [text_file("skiss.txt")]})
    assert case.case.files.get().original_name == "skiss.txt"
    detail = page(client, f"/admin/records/installercase/{case.pk}/change/")
    assert "skiss.txt" in detail
    link = f"/admin/records/installercase/{case.pk}/files/{case.case.files.get().pk}/"
    assert client.get(link).status_code == 200
    client.force_login(installer())
    assert client.get(link).status_code == 404
