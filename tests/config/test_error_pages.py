"""Error pages: Swedish and in the product's look wherever they happen (product pages, /admin/, /cms/); the
API answers in JSON. The suite runs with DEBUG off, as production does."""

import pytest
from django.test import Client

HEADINGS = {
    400: "Felaktig begäran",
    403: "Åtkomst nekad",
    404: "Sidan finns inte",
    500: "Något gick fel",
}
AREAS = ["", "/admin", "/cms"]


def assert_swedish_page(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert HEADINGS[status] in page
    assert '<html lang="sv">' in page and 'class="site-header"' in page  # the product's base template
    assert "Internal detail" not in page and "Forbidden" not in page and "Not Found" not in page


@pytest.fixture
def failing_urls(settings):
    settings.ROOT_URLCONF = "tests.config.urls_raising"


@pytest.fixture
def staff_client(make_user):
    client = Client(raise_request_exception=False)
    client.force_login(make_user(is_superuser=True))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("area", AREAS)
@pytest.mark.parametrize("status", [400, 403, 500])
def test_each_failure_renders_the_swedish_page_in_each_area(staff_client, failing_urls, area, status):
    assert_swedish_page(staff_client.get(f"{area}/fel/{status}/"), status)


@pytest.mark.django_db
@pytest.mark.parametrize("area", AREAS)
def test_a_missing_page_is_a_swedish_404_in_each_area(staff_client, area):
    assert_swedish_page(staff_client.get(f"{area}/finns-inte-alls/"), 404)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/admin/", "/cms/"])
def test_an_unknown_host_is_a_swedish_400(path):
    assert_swedish_page(Client().get(path, HTTP_HOST="angripare.example"), 400)


@pytest.mark.django_db
def test_real_refusals_are_swedish_403s(client, make_user):
    client.force_login(make_user(groups=["Läsare"], username="lasare"))
    assert_swedish_page(client.get("/gallring/rapport/"), 403)  # not an archivist
    assert_swedish_page(client.get("/admin/retention/retentionrule/add/"), 403)  # may not add rules


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/login/", "/cms/login/", "/gallring/rapport/lista/"])
def test_a_form_without_its_csrf_token_gets_a_swedish_page(path):
    response = Client(enforce_csrf_checks=True).post(path, {"username": "rut", "password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formuläret kunde inte skickas" in page and 'class="site-header"' in page
    assert "CSRF verification failed" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("status", [400, 403, 500])
def test_the_api_answers_errors_in_json(staff_client, failing_urls, status):
    response = staff_client.get(f"/api/v1/fel/{status}/")
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith(HEADINGS[status])


@pytest.mark.django_db
def test_an_unknown_api_address_is_a_json_404(staff_client):
    response = staff_client.get("/api/v1/finns-inte/")
    assert response.status_code == 404 and response.json() == {"detail": "Sidan finns inte."}
