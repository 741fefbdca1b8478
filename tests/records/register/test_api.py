"""The records API under /api/v1/: create, read, filter, patch, upload, state changes and history."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from records.models import Case, CaseStatus, DocumentFile
from tests.records.factories import CaseFactory, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrar(make_user):
    return make_user(groups=["Registrator"], username="registrator")


@pytest.fixture
def api(registrar):
    client = APIClient()
    client.force_authenticate(registrar)
    return client


def test_it_registers_a_case_from_the_minimal_body(api, seed_plan):
    response = api.post("/api/v1/records/", {"process": "2.9.1", "title": "Ny hyresgästförening"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    case = Case.objects.get()
    assert {k: body[k] for k in ("id", "reference", "process", "title", "status")} == {
        "id": case.pk,
        "reference": case.reference,
        "process": "2.9.1",
        "title": "Ny hyresgästförening",
        "status": "open",
    }


def test_it_works_with_token_authentication(registrar, seed_plan):
    token = Token.objects.create(user=registrar)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.post("/api/v1/records/", {"process": "1.2", "title": "Budget"}, format="json").status_code == 201
    assert APIClient().get("/api/v1/records/").status_code in (401, 403)


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"process": "9.9.9", "title": "X"}, "process", "Processen 9.9.9 finns inte i klassificeringsstrukturen."),
        ({"process": "3.2.5", "title": "X"}, "process", "Processen 3.2.5 har upphört"),
        ({"process": "2.9", "title": "X"}, "process", "2.9 är en processgrupp (PG)"),
        ({"process": "2", "title": "X"}, "process", "2 är ett verksamhetsområde (VO)"),
        ({"process": "2.9.1"}, "title", "Ange en ärendemening."),
        ({"process": "2.9.1", "title": "  "}, "title", "Ange en ärendemening."),
        ({"title": "X"}, "process", "Ange en process med dess kod, t.ex. 2.9.1."),
        (
            {"process": "2.9.1", "title": "X", "legal_ground": "OSL 26 kap. 1 §"},
            "public_title",
            "Ange en offentlig ärendemening",
        ),
    ],
)
def test_it_rejects_bad_input_with_a_swedish_message_per_field(api, seed_plan, body, field, message):
    response = api.post("/api/v1/records/", body, format="json")
    assert response.status_code == 400
    assert message in response.json()[field][0]
    assert Case.objects.count() == 0


def test_it_filters_by_process_subtree_status_and_year(api, registrar, seed_plan):
    CaseFactory(process=seed_plan["2.9.1"], user=registrar, title="A")
    CaseFactory(process=seed_plan["2.9.2"], user=registrar, title="B", closed=True)
    CaseFactory(process=seed_plan["1.2"], user=registrar, title="C")

    def titles(**params):
        return sorted(item["title"] for item in api.get("/api/v1/records/", params).json()["results"])

    year = str(datetime.date.today().year)
    assert titles(process="2.9") == ["A", "B"]
    assert titles(process="2") == ["A", "B"]
    assert titles(process="2.9.1") == ["A"]
    assert titles(status="closed") == ["B"]
    assert titles(process="2", status="open", year=year) == ["A"]
    assert titles(year="2001") == []
    assert api.get("/api/v1/records/", {"process": "8.8"}).json()["process"][0].startswith("Processen 8.8 finns inte")
    assert "status" in api.get("/api/v1/records/", {"status": "stängd"}).json()


def test_it_patches_fields_through_the_service_and_refuses_process_and_status(api, registrar, seed_plan):
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar, title="Gammal")
    response = api.patch(f"/api/v1/records/{case.pk}/", {"title": "Ny", "reason": "Stavfel"}, format="json")
    assert response.status_code == 200 and response.json()["title"] == "Ny"
    history = api.get(f"/api/v1/records/{case.pk}/history/").json()
    assert history["events"][-1]["changes"] == [
        {"field": "title", "label": "ärendemening", "old": "Gammal", "new": "Ny"}
    ]
    assert history["events"][-1]["reason"] == "Stavfel"
    refused = api.patch(f"/api/v1/records/{case.pk}/", {"process": "1.2"}, format="json")
    assert refused.status_code == 400 and "omklassificering" in refused.json()["process"][0]
    assert api.patch(f"/api/v1/records/{case.pk}/", {"status": "closed"}, format="json").status_code == 400
    assert api.put(f"/api/v1/records/{case.pk}/", {"title": "X"}, format="json").status_code == 405
    assert api.delete(f"/api/v1/records/{case.pk}/").status_code == 405


def test_it_uploads_documents_as_multipart(api, registrar, seed_plan, settings, tmp_path, on_commit):
    settings.MEDIA_ROOT = tmp_path
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    doc_type = seed_plan["2.9.1"].document_types.first()
    with on_commit():
        response = api.post(
            f"/api/v1/records/{case.pk}/documents/",
            {
                "direction": "incoming",
                "title": "Hyresavtal",
                "document_date": "2026-11-20",
                "document_type": doc_type.pk,
                "counterpart": "Fiktiva Fastigheter AB",
                "files": [SimpleUploadedFile("avtal.pdf", pdf_bytes("Hyresavtal för lokal"), "application/pdf")],
            },
            format="multipart",
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reference"] == f"{case.reference}-1" and body["document_type"] == doc_type.name
    assert body["files"][0]["name"] == "avtal.pdf" and body["files"][0]["content_type"] == "application/pdf"
    download = api.get(body["files"][0]["download_url"])
    assert download.status_code == 200
    assert "Hyresavtal för lokal" in DocumentFile.objects.get().extracted_text


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"file": SimpleUploadedFile("tom.txt", b"")}, "file", "Filen ”tom.txt” är tom."),
        ({"file": SimpleUploadedFile("foto.pdf", png_bytes())}, "file", "innehållet stämmer inte med filändelsen .pdf"),
        ({"title": ""}, "title", "Ange en rubrik för handlingen."),
        ({"direction": "sideways"}, "direction", "”sideways” är ingen riktning"),
    ],
)
def test_it_rejects_bad_documents_and_writes_nothing(
    api, registrar, seed_plan, settings, tmp_path, data, field, message
):
    settings.MEDIA_ROOT = tmp_path
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    body = {"direction": "incoming", "title": "Skrivelse", **data}
    response = api.post(f"/api/v1/records/{case.pk}/documents/", body, format="multipart")
    assert response.status_code == 400
    assert message in response.json()[field][0]
    assert case.documents.count() == 0 and not any(tmp_path.rglob("*.*"))


def test_it_rejects_a_document_type_of_another_process(api, registrar, seed_plan):
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    foreign = seed_plan["1.1"].document_types.first()
    response = api.post(
        f"/api/v1/records/{case.pk}/documents/",
        {"direction": "incoming", "title": "X", "document_type": foreign.pk},
        format="json",
    )
    assert response.status_code == 400 and "hör inte till processen 2.9.1" in response.json()["document_type"][0]


def test_it_closes_reopens_reclassifies_and_cancels(api, registrar, seed_plan):
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    assert api.post(f"/api/v1/records/{case.pk}/close/", {}, format="json").json()["status"] == "closed"
    assert (
        api.post(f"/api/v1/records/{case.pk}/reopen/", {"reason": "Ny uppgift"}, format="json").json()["status"]
        == "open"
    )
    moved = api.post(
        f"/api/v1/records/{case.pk}/reclassify/", {"process": "1.2", "reason": "Fel process"}, format="json"
    )
    assert moved.json()["process"] == "1.2" and moved.json()["reference"] == case.reference
    missing_reason = api.post(f"/api/v1/records/{case.pk}/cancel/", {}, format="json")
    assert missing_reason.status_code == 400 and "reason" in missing_reason.json()
    assert (
        api.post(f"/api/v1/records/{case.pk}/cancel/", {"reason": "Dubblett"}, format="json").json()["status"]
        == "cancelled"
    )
    kinds = [e["kind"] for e in api.get(f"/api/v1/records/{case.pk}/history/").json()["events"]]
    assert kinds == ["registered", "closed", "reopened", "reclassified", "cancelled"]
    assert Case.objects.get().status == CaseStatus.CANCELLED


def test_it_enforces_roles_and_object_permissions(seed_plan, registrar, make_user):
    officer = make_user(groups=["Handläggare"])
    reader = make_user(groups=["Läsare"])
    own = CaseFactory(process=seed_plan["2.9.1"], user=registrar, responsible=officer)
    other = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    as_officer, as_reader, as_editor = APIClient(), APIClient(), APIClient()
    as_officer.force_authenticate(officer)
    as_reader.force_authenticate(reader)
    as_editor.force_authenticate(make_user(groups=["Redaktör"]))
    assert as_reader.get("/api/v1/records/").status_code == 200
    assert as_editor.get("/api/v1/records/").status_code == 403
    assert as_reader.post("/api/v1/records/", {"process": "2.9.1", "title": "X"}, format="json").status_code == 403
    assert as_officer.patch(f"/api/v1/records/{own.pk}/", {"title": "Mitt"}, format="json").status_code == 200
    assert as_officer.patch(f"/api/v1/records/{other.pk}/", {"title": "Inte mitt"}, format="json").status_code == 403
    assert as_reader.post(f"/api/v1/records/{own.pk}/close/", {}, format="json").status_code == 403
    assert as_officer.post(f"/api/v1/records/{own.pk}/cancel/", {"reason": "X"}, format="json").status_code == 403


def test_it_has_no_endpoint_that_edits_history(api, registrar, seed_plan):
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    url = f"/api/v1/records/{case.pk}/history/"
    assert api.get(url).status_code == 200
    for method in (api.post, api.patch, api.put, api.delete):
        assert method(url, {}, format="json").status_code == 405


def test_it_lists_a_page_in_a_constant_number_of_queries(api, registrar, seed_plan, make_user):
    officer = make_user(groups=["Handläggare"])
    CaseFactory(process=seed_plan["2.9.1"], user=registrar, responsible=officer)
    api.get("/api/v1/records/")  # warm the per-user caches (permissions, role)
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/records/", {"process": "2"})
    for n in range(15):
        CaseFactory(process=seed_plan["2.9.1"], user=registrar, responsible=officer, confidential=n % 2 == 0)
    with CaptureQueriesContext(connection) as many:
        api.get("/api/v1/records/", {"process": "2"})
    assert len(many) == len(few)


def test_it_describes_the_endpoints_in_the_openapi_schema(api):
    response = api.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = response.content.decode()
    for path in (
        "/api/v1/records/",
        "/api/v1/records/{id}/",
        "/api/v1/records/{id}/documents/",
        "/api/v1/records/{id}/history/",
    ):
        assert path in schema
