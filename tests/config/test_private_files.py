"""Every file the site hands out is marked `Cache-Control: private, no-store`: no proxy keeps a copy, and
the browser leaves none on disk. Pages and static files are not affected."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from records.installations.services import installer_cases as installations
from records.register import services
from tests.records.factories import CaseFactory, pdf_bytes
from tests.records.work_factories import make_installer_case, make_team, make_work_order


@pytest.fixture
def superuser(make_user):
    return make_user(is_superuser=True, username="rut")


@pytest.fixture
def browser(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def api(superuser):
    api = APIClient()
    api.force_authenticate(superuser)
    return api


def a_pdf(name="protokoll.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def assert_private(response):
    assert response.status_code == 200, response
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives and "public" not in directives


@pytest.mark.django_db
def test_a_record_file_in_the_register_and_the_api(browser, api, superuser, seed_plan):
    case = CaseFactory(process=seed_plan["2.9.1"])
    document = services.add_document(case, user=superuser, direction="incoming", title="Skrivelse", files=[a_pdf()])
    stored = document.files.get()
    assert_private(browser.get(reverse("records:file-download", args=[stored.pk])))
    assert_private(api.get(reverse("api-records-file-download", args=[stored.pk])))


@pytest.mark.django_db
def test_a_work_order_pdf_in_the_admin_and_the_api(browser, api, seed_plan):
    order = make_work_order()
    assert_private(browser.get(f"/admin/records/workorder/{order.pk}/pdf/"))
    assert_private(api.get(f"/api/v1/work-orders/{order.pk}/pdf/"))


@pytest.mark.django_db
def test_a_team_certificate_and_an_installer_case_attachment(browser, api, seed_plan):
    team = make_team()
    assert_private(browser.get(f"/admin/records/team/{team.pk}/certificate/"))
    assert_private(api.get(f"/api/v1/teams/{team.pk}/certificate/"))
    case = make_installer_case(team)
    installations.add_attachment(case, a_pdf("situationsplan.pdf"), team.owner)
    stored = case.case.files.get(original_name="situationsplan.pdf")
    assert_private(browser.get(f"/admin/records/installercase/{case.pk}/files/{stored.pk}/"))


@pytest.mark.django_db
@pytest.mark.parametrize("wanted", ["csv", "xlsx", "json"])
def test_the_retention_report_downloads(browser, seed_plan, wanted):
    assert_private(browser.get("/gallring/rapport/", {"as_of": "2026-12-31", "format": wanted}))


@pytest.mark.django_db
@pytest.mark.parametrize("wanted", ["pdf", "xlsx"])
def test_the_retention_schedule_downloads(browser, seed_plan, wanted):
    assert_private(browser.get("/gallring/informationshanteringsplan/", {"format": wanted}))


@pytest.mark.django_db
def test_a_cms_document(browser):
    from wagtail.documents.models import Document

    document = Document.objects.create(title="Rutin", file=SimpleUploadedFile("rutin.pdf", pdf_bytes()))
    response = browser.get(document.url)
    assert_private(response)


@pytest.mark.django_db
def test_pages_are_not_marked(browser):
    assert "no-store" not in browser.get("/").get("Cache-Control", "")
