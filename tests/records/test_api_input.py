"""What the API does with fields it will not set: every write endpoint answers 400 naming them (nothing is
silently dropped, nothing is written), text fields take text, and a body that is not a JSON object is a 400."""

import pytest
from rest_framework.test import APIClient

from records.models import Case, InstallerCase, InstallerDraft, Team, TeamDecision, WorkOrder
from tests.records.factories import CaseFactory
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


def client_for(user):
    api = APIClient()
    api.force_authenticate(user)
    api.raise_request_exception = False
    return api


@pytest.fixture
def world(seed_plan, settings, tmp_path, make_user):
    settings.MEDIA_ROOT = tmp_path
    registrar = make_user(groups=["Registrator"], username="registrator")
    contractor = ContractorFactory()
    worker = contractor_user(contractor)
    owner, member, newcomer = installer(username="agaren"), installer(username="medlem"), installer(username="ny")
    team = make_team(owner, members=[member])
    return {
        "registrar": registrar,
        "case": CaseFactory(process=seed_plan["2.9.1"], user=registrar, title="Gammal"),
        "boss": orderer(),
        "worker": worker,
        "contractor": contractor,
        "order": make_work_order(contractor=contractor),
        "accepted": make_work_order(contractor=contractor, status="accepterad", by=worker),
        "owner": owner,
        "member": member,
        "newcomer": newcomer,
        "team": team,
        "installer_case": make_installer_case(team),
        "staff": grid_staff(),
    }


def installer_case_body(w):
    return {"team": w["team"].pk, "case_type": "sakringsandring", "street_address": "Solgatan 20"}


def order_body(w):
    return {"order_type": "fel", "contractor": w["contractor"].pk, "property_name": "Huset 1:1", "subject": "Läcker"}


# (who, method, url, body, the field that is refused)
WRITES = [
    (
        "registrar",
        "post",
        "/api/v1/records/",
        lambda w: {"process": "2.9.1", "title": "T", "status": "closed"},
        "status",
    ),
    ("registrar", "patch", "/api/v1/records/{case}/", lambda w: {"title": "Ny", "reference": "BOP 1/1"}, "reference"),
    ("registrar", "patch", "/api/v1/records/{case}/", lambda w: {"title": "Ny", "titel": "Ny"}, "titel"),
    ("registrar", "post", "/api/v1/records/{case}/close/", lambda w: {"status": "closed"}, "status"),
    ("registrar", "post", "/api/v1/records/{case}/cancel/", lambda w: {"reason": "Fel", "status": "x"}, "status"),
    (
        "registrar",
        "post",
        "/api/v1/records/{case}/reclassify/",
        lambda w: {"process": "2.9.2", "reason": "Fel", "reference": "X"},
        "reference",
    ),
    (
        "registrar",
        "post",
        "/api/v1/records/{case}/documents/",
        lambda w: {"direction": "incoming", "title": "Brev", "number": 7},
        "number",
    ),
    ("boss", "post", "/api/v1/work-orders/", lambda w: {**order_body(w), "status": "utford"}, "status"),
    ("worker", "post", "/api/v1/work-orders/{order}/accept/", lambda w: {"status": "utford"}, "status"),
    ("worker", "post", "/api/v1/work-orders/{order}/notes/", lambda w: {"text": "Hej", "author": 1}, "author"),
    (
        "worker",
        "post",
        "/api/v1/work-orders/{accepted}/complete/",
        lambda w: {"action_performed": "Bytt", "completed_at": "2020-01-01T00:00:00Z"},
        "completed_at",
    ),
    ("boss", "post", "/api/v1/work-orders/{order}/cancel/", lambda w: {"reason": "x", "status": "y"}, "status"),
    ("owner", "post", "/api/v1/installer-cases/", lambda w: {**installer_case_body(w), "status": "avslutad"}, "status"),
    ("staff", "post", "/api/v1/installer-cases/{installer_case}/start-planning/", lambda w: {"note": "x"}, "note"),
    ("staff", "post", "/api/v1/installer-cases/{installer_case}/notes/", lambda w: {"text": "Hej", "id": 9}, "id"),
    (
        "owner",
        "post",
        "/api/v1/installer-cases/{installer_case}/move-to-member/",
        lambda w: {"to_installer": w["member"].pk, "team": w["team"].pk},
        "team",
    ),
    (
        "owner",
        "post",
        "/api/v1/installer-drafts/",
        lambda w: {"street_address": "Gatan 1", "reference": "OK-1"},
        "reference",
    ),
    ("owner", "patch", "/api/v1/teams/{team}/", lambda w: {"name": "Nytt", "is_active": False}, "is_active"),
    ("owner", "patch", "/api/v1/teams/{team}/", lambda w: {"name": "Nytt", "owner": w["newcomer"].pk}, "owner"),
    (
        "owner",
        "post",
        "/api/v1/teams/{team}/add-member/",
        lambda w: {"member": w["newcomer"].pk, "role": "admin"},
        "role",
    ),
    ("staff", "post", "/api/v1/decisions/", lambda w: {"grounds": "Skäl", "kind": "team_avregistrerat"}, "kind"),
]


def _state(w):
    """Everything the refused writes could have changed."""
    w["case"].refresh_from_db()
    return (
        Case.objects.count(),
        w["case"].title,
        w["case"].status,
        w["case"].process_id,
        w["case"].documents.count(),
        sorted(WorkOrder.objects.values_list("pk", "status")),
        sorted(InstallerCase.objects.values_list("pk", "status", "installer_id")),
        InstallerDraft.objects.count(),
        sorted(Team.objects.values_list("pk", "name", "is_active", "owner_id")),
        w["team"].memberships.count(),
        TeamDecision.objects.count(),
        sum(len(order.notes.all()) for order in WorkOrder.objects.all()),
    )


@pytest.mark.parametrize(("who", "method", "url", "body", "field"), WRITES)
def test_a_field_the_endpoint_does_not_set_is_refused_by_name_and_nothing_changes(world, who, method, url, body, field):
    url = url.format(**{key: getattr(value, "pk", None) for key, value in world.items()})
    before = _state(world)
    response = getattr(client_for(world[who]), method)(url, body(world), format="json")
    assert response.status_code == 400, response.content
    message = response.json()[field][0]
    assert f"”{field}”" in message or field in ("reference", "status", "owner"), message
    assert _state(world) == before


def test_the_specific_reasons_stay_for_fields_that_change_elsewhere(world):
    api = client_for(world["registrar"])
    url = f"/api/v1/records/{world['case'].pk}/"
    assert "omklassificering" in api.patch(url, {"process": "1.2"}, format="json").json()["process"][0]
    assert api.patch(url, {"status": "closed"}, format="json").json()["status"] == [
        "Status ändras med /close/, /reopen/ eller /cancel/."
    ]
    assert api.patch(url, {"reference": "X"}, format="json").json()["reference"] == ["Diarienumret ändras aldrig."]
    owner = client_for(world["owner"]).patch(f"/api/v1/teams/{world['team'].pk}/", {"owner": 1}, format="json")
    assert "Teamägaren kan inte bytas" in owner.json()["owner"][0]


def test_an_unknown_field_in_a_nested_party_is_refused(world):
    api = client_for(world["registrar"])
    body = {"process": "2.9.1", "title": "T", "parties": [{"name": "Anna", "kind": "person"}]}
    response = api.post("/api/v1/records/", body, format="json")
    assert response.status_code == 400
    assert "”kind”" in response.json()["parties"]["0"]["kind"][0]


def test_an_unexpected_file_field_is_refused(world):
    api = client_for(world["owner"])
    url = f"/api/v1/installer-cases/{world['installer_case'].pk}/attachments/"
    response = api.post(url, {"bilaga": certificate("intyg.pdf")}, format="multipart")
    assert response.status_code == 400 and "”bilaga”" in response.json()["bilaga"][0]


def test_a_number_where_text_belongs_is_a_400_with_a_field_message(world):
    team = world["team"]
    response = client_for(world["owner"]).patch(f"/api/v1/teams/{team.pk}/", {"name": 123}, format="json")
    assert response.status_code == 400 and response.json() == {"name": ["Ange text, inte ett tal eller en lista."]}
    team.refresh_from_db()
    assert team.name != "123"


def test_a_control_character_in_json_text_is_a_400(world):
    api, before = client_for(world["registrar"]), Case.objects.count()
    response = api.post("/api/v1/records/", {"process": "2.9.1", "title": "Hyra\u0000"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"title": ["Texten innehåller otillåtna tecken (styrtecken)."]}
    assert Case.objects.count() == before


@pytest.mark.parametrize(
    ("who", "method", "url"),
    [
        ("owner", "post", "/api/v1/installer-cases/"),
        ("owner", "post", "/api/v1/installer-drafts/"),
        ("owner", "patch", "/api/v1/teams/{team}/"),
        ("newcomer", "post", "/api/v1/teams/"),
        ("staff", "post", "/api/v1/decisions/"),
        ("registrar", "post", "/api/v1/records/{case}/documents/"),
        ("boss", "post", "/api/v1/work-orders/"),
        ("registrar", "post", "/api/v1/records/"),
    ],
)
def test_a_body_that_is_not_an_object_is_a_400(world, who, method, url):
    url = url.format(**{key: getattr(value, "pk", None) for key, value in world.items()})
    response = getattr(client_for(world[who]), method)(url, [1, 2], format="json")
    assert response.status_code == 400, response.content
    assert response.json() == {"non_field_errors": ["Skicka fälten som ett JSON-objekt."]}
