"""The API: a record's retention (GET /api/v1/records/{id}/retention/) and the report, permission-checked."""

import datetime

import pytest
from rest_framework.test import APIClient

from classification.models import DocumentType
from retention import services
from tests.retention.factories import RuleFactory, closed_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def case(seed_plan, on_commit):
    contract = DocumentType.objects.get(node=seed_plan["2.9.1"], name="hyresavtal")
    RuleFactory(node=seed_plan["2.9"], years=2, authority="GA 2019/3")
    RuleFactory(document_type=contract, years=10, authority="GA 2020/8")
    with on_commit():
        return closed_case(
            "2.9.1",
            datetime.date(2024, 6, 30),
            documents=[(datetime.date(2024, 1, 2), None), (datetime.date(2024, 2, 3), contract)],
        )


def test_it_tells_the_rule_in_force_its_source_date_and_each_documents(api, case, reader):
    api.force_authenticate(reader)
    body = api.get(f"/api/v1/records/{case.pk}/retention/").json()
    assert body["reference"] == case.reference and body["process"] == "2.9.1"
    assert body["action"] == "gallras" and body["due"] == "2034-06-30" and body["hold"] is False
    assert body["rule"]["node"] == "2.9.1" and body["rule"]["document_type"] == "hyresavtal"
    assert body["description"].endswith("beslut GA 2020/8: 2034-06-30")
    first, second = body["documents"]
    assert (first["reference"], first["due"], first["rule"]["node"]) == (f"{case.reference}-1", "2026-06-30", "2.9")
    assert second["description"].startswith("Gallras 10 år efter avslut enligt regel på handlingstypen ”hyresavtal”")
    assert "holds" not in body


def test_an_archivist_also_sees_the_holds(api, case, archivist):
    services.place_hold(case=case, reason="Tvist om hyran", user=None)
    api.force_authenticate(archivist)
    body = api.get(f"/api/v1/records/{case.pk}/retention/").json()
    assert body["hold"] is True and body["holds"][0]["reason"] == "Tvist om hyran"


def test_it_needs_a_signed_in_user_who_may_read_the_register(api, case, make_user):
    assert api.get(f"/api/v1/records/{case.pk}/retention/").status_code in (401, 403)
    api.force_authenticate(make_user(groups=["Redaktör"]))
    assert api.get(f"/api/v1/records/{case.pk}/retention/").status_code == 403
    api.force_authenticate(make_user(groups=["Läsare"], username="other-reader"))
    assert api.get("/api/v1/records/999999/retention/").status_code == 404


def test_the_report_endpoint_pages_the_same_rows_as_the_command(api, case, archivist, reader):
    api.force_authenticate(archivist)
    body = api.get("/api/v1/retention/report/", {"as_of": "2035-01-01"}).json()
    assert body["count"] == 1 and body["results"][0]["reference"] == case.reference
    assert list(body["results"][0]) == ["reference", "process", "title", "closed", "rule", "due", "action", "hold"]
    assert api.get("/api/v1/retention/report/", {"as_of": "2030-01-01"}).json()["count"] == 0
    bad = api.get("/api/v1/retention/report/", {"as_of": "snart"})
    assert bad.status_code == 400 and "as_of" in bad.json()
    api.force_authenticate(reader)
    assert api.get("/api/v1/retention/report/").status_code == 403


@pytest.mark.parametrize("page", ["9" * 40, "9" * 5000, "2"])
def test_a_page_past_the_last_is_a_404_with_a_swedish_message(api, case, archivist, page):
    api.force_authenticate(archivist)
    response = api.get("/api/v1/retention/report/", {"as_of": "2035-01-01", "page": page})
    assert response.status_code == 404
    assert response.json() == {"detail": "Sidan finns inte; rapporten har 1 sida."}


@pytest.mark.parametrize("page", ["0", "-1", "²", "ett", "1.5"])
def test_a_page_that_is_no_positive_whole_number_is_a_400(api, case, archivist, page):
    api.force_authenticate(archivist)
    response = api.get("/api/v1/retention/report/", {"as_of": "2035-01-01", "page": page})
    assert response.status_code == 400 and response.json() == {"page": ["Ange sidan som ett positivt heltal."]}


def test_a_holds_time_is_given_with_the_local_offset(api, case, archivist):
    import time_machine

    with time_machine.travel(datetime.datetime(2026, 6, 1, 4, 47, tzinfo=datetime.UTC), tick=False):
        services.place_hold(case=case, reason="Tvist om hyran", user=None)
    api.force_authenticate(archivist)
    body = api.get(f"/api/v1/records/{case.pk}/retention/").json()
    assert body["holds"][0]["set_at"] == "2026-06-01T06:47:00+02:00"
