"""A page number no list has (forty digits) is a 404 in the API and never a 500 in the admin's change lists
(Django's own answer: the first page, or its "?e=1" error page) or in search."""

import pytest
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
HUGE = "9" * 40


@pytest.fixture
def admin_user(seed_plan):
    return UserFactory(superuser=True)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/records/",
        "/api/v1/work-orders/",
        "/api/v1/installer-cases/",
        "/api/v1/installer-drafts/",
        "/api/v1/teams/",
        "/api/v1/decisions/",
    ],
)
def test_an_api_list_answers_404_json(admin_user, url):
    api = APIClient()
    api.force_authenticate(admin_user)
    response = api.get(url, {"page": HUGE})
    assert response.status_code == 404 and response.json() == {"detail": "Ogiltig sida."}


@pytest.mark.parametrize(
    "url", ["/admin/records/case/", "/admin/classification/node/", "/admin/records/workorder/", "/admin/auth/user/"]
)
def test_an_admin_change_list_shows_a_page_or_its_error_page(client, admin_user, url):
    client.force_login(admin_user)
    response = client.get(url, {"p": HUGE})
    assert response.status_code == 200 or (response.status_code == 302 and response["Location"].endswith("?e=1"))


@pytest.mark.parametrize("url", ["/sok/?q=hyra&sida=" + HUGE, "/api/v1/search/?q=hyra&page=" + HUGE])
def test_search_answers_without_an_error(client, admin_user, url):
    client.force_login(admin_user)
    assert client.get(url).status_code in (200, 400, 404)
