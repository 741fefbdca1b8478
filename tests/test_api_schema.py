"""The OpenAPI schema at /api/v1/schema/ tells the truth: nullable fields, the errors every operation
answers with, the limits the views enforce and the retention report's rows (the API fuzzing lane in
tests/api_fuzz/ checks the answers against it)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def component(schema, name):
    return schema["components"]["schemas"][name]


NULLABLE = [
    ("CaseOutput", "closed_on"),
    ("CaseDetailOutput", "closed_on"),
    ("DocumentOutput", "document_date"),
    ("WorkOrderOutput", "accepted_at"),
    ("WorkOrderOutput", "completed_at"),
    ("WorkOrderOutput", "invoiced_at"),
    ("WorkOrderOutput", "cancelled_at"),
    ("WorkOrderDetail", "accepted_at"),
    ("InstallerCaseOutput", "latitude"),
    ("InstallerCaseOutput", "longitude"),
    ("InstallerCaseOutput", "completion_reported_at"),
    ("InstallerCaseOutput", "closed_at"),
    ("InstallerCaseOutput", "cancelled_at"),
    ("InstallerCaseDetail", "closed_at"),
    ("DraftOutput", "latitude"),
    ("DraftOutput", "longitude"),
]


@pytest.mark.parametrize(("name", "field"), NULLABLE, ids=[f"{n}.{f}" for n, f in NULLABLE])
def test_fields_that_can_be_null_say_so(schema, name, field):
    assert component(schema, name)["properties"][field].get("nullable") is True


def test_every_operation_documents_403_and_404_and_those_with_input_400(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            assert {"403", "404"} <= responses.keys(), f"{method.upper()} {path}"
            if operation.get("parameters") or operation.get("requestBody"):
                assert "400" in responses, f"{method.upper()} {path}"
    assert component(schema, "Error")["required"] == ["detail"]


def test_the_retention_report_response_is_described(schema):
    answer = schema["paths"]["/api/v1/retention/report/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert answer["schema"]["$ref"] == "#/components/schemas/RetentionReport"
    report = component(schema, "RetentionReport")
    assert set(report["required"]) == {"count", "next", "previous", "results"}
    row = component(schema, "RetentionReportRow")
    assert list(row["properties"]) == ["reference", "process", "title", "closed", "rule", "due", "action", "hold"]


def _parameter(schema, path, name):
    return next(p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name)["schema"]


def test_the_limits_the_views_enforce_are_in_the_schema(schema):
    assert _parameter(schema, "/api/v1/where-to-file/", "q")["maxLength"] == 2000
    assert _parameter(schema, "/api/v1/where-to-file/", "limit") == {"type": "integer", "minimum": 1, "maximum": 50}
    assert _parameter(schema, "/api/v1/search/", "page_size") == {"type": "integer", "minimum": 1, "maximum": 100}
    assert _parameter(schema, "/api/v1/retention/report/", "page")["minimum"] == 1
    create = component(schema, "CaseCreate")
    assert set(create["required"]) == {"process", "title"}
    assert create["properties"]["title"]["maxLength"] == 500


def test_the_schema_is_served_to_anyone(client):
    response = client.get(reverse("api-schema"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert "/api/v1/records/" in response.json()["paths"]


def test_file_downloads_say_they_answer_with_the_files_own_type(schema):
    for path in (
        "/api/v1/records/files/{id}/download/",
        "/api/v1/teams/{id}/certificate/",
        "/api/v1/work-orders/{id}/pictures/{file_id}/",
        "/api/v1/installer-cases/{id}/attachments/{file_id}/",
        "/api/v1/decisions/{id}/attachments/{file_id}/",
    ):
        assert list(schema["paths"][path]["get"]["responses"]["200"]["content"]) == ["*/*"], path


@pytest.mark.parametrize("method", ["get", "post", "patch"])
@pytest.mark.parametrize(
    ("path", "status"),
    [("/api/v1/records/abc/close/", 404), ("/api/v1/records/1%0A2/close/", 400)],
    ids=["letters", "newline"],
)
def test_an_api_path_that_matches_no_endpoint_is_a_json_4xx(client, make_user, method, path, status):
    """A letter where an id goes is a JSON 404; a control character in the path is refused first (400)."""
    client.force_login(make_user(is_superuser=True))
    response = getattr(client, method)(path, content_type="application/json")
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json") and response.json()["detail"]


def test_an_api_path_without_its_slash_is_still_redirected(client):
    response = client.get("/api/v1/records")
    assert response.status_code == 301 and response["Location"] == "/api/v1/records/"
