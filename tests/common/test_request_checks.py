"""Requests no view should see: control characters in the path, query or form fields are a 400 (JSON on the API)
before any view runs, on SQLite and PostgreSQL alike; an API body over the memory limit is a 413 in JSON."""

import json

import pytest
from rest_framework.test import APIClient

from records.models import Case
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NUL_IN_PAGES = [
    "/processer/%00/",
    "/processer/?q=%00",
    "/postlista/%00/",
    "/sok/?q=%00",
    "/sok/?status=%00",
    "/sok/?process=%00",
    "/gallring/rapport/?process=%00",
    "/admin/records/case/?q=%00",
    "/admin/records/case/?status=%00",
    "/admin/records/case/?process=%00",
    "/admin/records/case/%00/change/",
    "/admin/classification/node/?kind=%00",
    "/admin/classification/node/?q=%00",
    "/admin/records/workorder/?status__exact=%00",
    "/admin/records/installercase/?q=%00",
    "/admin/classification/node/where-to-file/?q=%00",
    "/sok/?q=a%01b",
    "/sok/?q%00=a",
]
NUL_IN_API = [
    "/api/v1/records/?q=%00",
    "/api/v1/records/?process=%00",
    "/api/v1/records/?status=%00",
    "/api/v1/processes/%00/",
    "/api/v1/processes/%00/guides/",
    "/api/v1/where-to-file/?q=%00",
    "/api/v1/search/?q=%00",
    "/api/v1/search/?status=%00",
    "/api/v1/retention/report/?process=%00",
    "/api/v1/work-orders/?status=%00",
    "/api/v1/work-orders/resolve/?ref=%00",
    "/api/v1/installer-cases/?status=%00",
    "/api/v1/installer-cases/?case_type=%00",
    "/api/v1/decisions/?kind=%00",
]


@pytest.fixture
def admin_user(seed_plan):
    return UserFactory(superuser=True)


@pytest.fixture
def browser(client, admin_user):
    client.force_login(admin_user)
    client.raise_request_exception = False
    return client


@pytest.fixture
def api(admin_user):
    client = APIClient()
    client.force_authenticate(admin_user)
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("url", NUL_IN_PAGES)
def test_it_answers_400_for_a_control_character_in_a_page_request(browser, url):
    assert browser.get(url).status_code == 400


@pytest.mark.parametrize("url", NUL_IN_API)
def test_it_answers_400_json_for_a_control_character_in_an_api_request(api, url):
    response = api.get(url)
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert "otillåtna tecken (styrtecken)" in response.json()["detail"]


def test_the_message_names_the_parameter(api):
    assert api.get("/api/v1/records/?q=%00").json() == {
        "detail": "Parametern ”q” innehåller otillåtna tecken (styrtecken)."
    }


def test_it_refuses_a_nul_in_a_form_field_and_writes_nothing(browser):
    response = browser.post("/api/v1/records/", {"process": "2.9.1", "title": "Hyra\x00"})
    assert response.status_code == 400 and "Fältet ”title”" in response.json()["detail"]
    page = browser.post("/admin/records/case/add/", {"process": "2.9.1", "title": "Hyra\x00"})
    assert page.status_code == 400
    assert Case.objects.count() == 0


def test_it_lets_tabs_and_line_breaks_in_typed_text_through(api):
    response = api.post("/api/v1/records/", {"process": "2.9.1", "title": "Hyra", "description": "Rad ett\r\nRad\ttvå"})
    assert response.status_code == 201, response.content
    assert Case.objects.get().description == "Rad ett\r\nRad\ttvå"
    assert api.get("/api/v1/records/", {"q": "Hyra\n"}).status_code == 200


def test_an_api_body_over_the_memory_limit_is_413_json(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    big = "x" * (1024 * 1024 + 1)
    for response in (
        api.post("/api/v1/records/", json.dumps({"process": "2.9.1", "title": big}), content_type="application/json"),
        api.post("/api/v1/records/", {"process": "2.9.1", "title": big}, format="multipart"),
        api.post("/api/v1/records/", {"process": "2.9.1", "title": big}),
    ):
        assert response.status_code == 413 and response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Begäran är för stor: högst 1 MB utöver bifogade filer tas emot."}
    assert Case.objects.count() == 0


def test_json_nested_thousands_of_levels_deep_is_400(api):
    response = api.post("/api/v1/records/", "[" * 5000 + "]" * 5000, content_type="application/json")
    assert response.status_code == 400 and response.json() == {"detail": "JSON-innehållet är för djupt nästlat."}
    broken = api.post("/api/v1/records/", '{"title": ', content_type="application/json")
    assert broken.status_code == 400 and broken.json() == {"detail": "Innehållet är inte giltig JSON."}
