"""Confidentiality: who sees a confidential case in full, and that nothing leaks at any boundary to anyone else."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from records.models import DocumentFile
from records.register import access, services
from records.register.timeline import build_timeline
from tests.records.factories import pdf_bytes

pytestmark = pytest.mark.django_db

SECRETS = [
    "Kalle Demosson",
    "ryggbesvär",
    "Läkarintyg",
    "Vårdcentralen Demo",
    "19121212-1212",
    "intyg-kalle.pdf",
    "Olle Ansvarig",
]


@pytest.fixture
def people(make_user):
    return {
        "registrar": make_user(groups=["Registrator"], username="reg"),
        "responsible": make_user(groups=["Handläggare"], username="ansvarig", first_name="Olle", last_name="Ansvarig"),
        "grantee": make_user(groups=["Läsare"], username="beviljad"),
        "superuser": make_user(superuser=True),
        "reader": make_user(groups=["Läsare"], username="lasare"),
        "other_officer": make_user(groups=["Handläggare"], username="annan"),
        "archivist": make_user(groups=["Arkivarie"], username="arkivarie"),
    }


@pytest.fixture
def secret_case(seed_plan, people):
    registrar = people["registrar"]
    case = services.register_case(
        process="2.3.4",
        title="Rehabilitering av Kalle Demosson",
        description="Diagnos: ryggbesvär",
        responsible=people["responsible"],
        confidentiality=services.Confidentiality(legal_ground="OSL 39 kap. 1 §", public_title="Rehabiliteringsärende"),
        parties=[services.PartyData("Kalle Demosson", "19121212-1212", "arbetstagare")],
        user=registrar,
    )
    services.add_document(
        case,
        user=registrar,
        direction="incoming",
        title="Läkarintyg",
        counterpart="Vårdcentralen Demo",
        files=[SimpleUploadedFile("intyg-kalle.pdf", pdf_bytes("ryggbesvär"), "application/pdf")],
    )
    services.update_case(case, user=registrar, description="Diagnos: ryggbesvär, uppföljning")
    services.grant_access(case, people["grantee"], "Facklig företrädare med samtycke", registrar)
    return case


def logged_in(client, user):
    client.force_login(user)
    return client


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def admin_pages(client, case):
    return [
        client.get(reverse("admin:records_case_changelist")).content.decode(),
        client.get(reverse("admin:records_case_change", args=[case.pk])).content.decode(),
        client.get(reverse("admin:records_case_history", args=[case.pk])).content.decode(),
    ]


def api_bodies(user, case):
    client = api(user)
    return [
        client.get("/api/v1/records/").content.decode(),
        client.get(f"/api/v1/records/{case.pk}/").content.decode(),
        client.get(f"/api/v1/records/{case.pk}/history/").content.decode(),
    ]


WITHOUT_ACCESS = ["reader", "other_officer", "archivist"]
WITH_ACCESS = ["registrar", "responsible", "grantee", "superuser"]


@pytest.mark.parametrize("who", WITH_ACCESS)
def test_it_shows_a_confidential_case_in_full_to_each_kind_of_access(client, people, secret_case, who):
    user = people[who]
    assert access.can_view_confidential(user, secret_case)
    pages = admin_pages(logged_in(client, user), secret_case) + api_bodies(user, secret_case)
    for page in pages[1:]:  # the list shows the title; detail pages show everything
        assert "Kalle Demosson" in page
    detail = api(user).get(f"/api/v1/records/{secret_case.pk}/").json()
    assert detail["full_access"] is True and detail["parties"][0]["identity_number"] == "19121212-1212"
    stored = DocumentFile.objects.get()
    assert client.get(reverse("records:file-download", args=[stored.pk])).status_code == 200
    assert api(user).get(reverse("api-records-file-download", args=[stored.pk])).status_code == 200


@pytest.mark.parametrize("who", WITHOUT_ACCESS)
def test_it_hides_a_confidential_case_from_everyone_else_everywhere(client, people, secret_case, who):
    user = people[who]
    assert not access.can_view_confidential(user, secret_case)
    pages = admin_pages(logged_in(client, user), secret_case) + api_bodies(user, secret_case)
    for page in pages:
        assert secret_case.reference in page
        for secret in SECRETS:
            assert secret not in page, f"{secret!r} leaked to {who}"
    assert "Rehabiliteringsärende" in pages[0] and "2.3.4" in pages[1]
    detail = api(user).get(f"/api/v1/records/{secret_case.pk}/").json()
    assert detail["title"] == "Rehabiliteringsärende" and detail["parties"] is None and detail["responsible"] is None
    assert detail["documents"][0]["files"] == [] and detail["documents"][0]["files_hidden"] is True
    stored = DocumentFile.objects.get()
    assert client.get(reverse("records:file-download", args=[stored.pk])).status_code == 403
    assert api(user).get(reverse("api-records-file-download", args=[stored.pk])).status_code == 403


@pytest.mark.parametrize("who", WITHOUT_ACCESS)
def test_it_does_not_let_a_hidden_title_answer_a_search(client, people, secret_case, who):
    user = people[who]
    admin_hits = (
        logged_in(client, user).get(reverse("admin:records_case_changelist"), {"q": "Kalle"}).context["cl"].result_list
    )
    api_hits = api(user).get("/api/v1/records/", {"q": "Kalle"}).json()["results"]
    assert list(admin_hits) == [] and api_hits == []
    by_public_title = api(user).get("/api/v1/records/", {"q": "Rehabiliteringsärende"}).json()["results"]
    assert [hit["reference"] for hit in by_public_title] == [secret_case.reference]


def test_it_finds_a_confidential_case_by_its_title_for_those_with_access(client, people, secret_case):
    hits = logged_in(client, people["responsible"]).get(reverse("admin:records_case_changelist"), {"q": "Kalle"})
    assert list(hits.context["cl"].result_list) == [secret_case]


@pytest.mark.parametrize("who", WITHOUT_ACCESS)
def test_it_masks_the_admin_export(client, people, secret_case, who):
    from .test_admin import export_csv

    exported = export_csv(logged_in(client, people[who]))
    assert secret_case.reference in exported and "Rehabiliteringsärende" in exported
    for secret in SECRETS:
        assert secret not in exported


def test_it_masks_the_timeline_including_old_values(people, secret_case):
    events = build_timeline(secret_case, people["reader"])
    text = repr([event.as_dict() for event in events])
    for secret in SECRETS + ["Facklig företrädare"]:
        assert secret not in text
    assert [e.kind for e in events] == ["registered", "party_added", "document_added", "file_added", "changed"]
    assert all(event.user is None for event in events)


def test_it_masks_only_the_chosen_fields(seed_plan, people):
    case = services.register_case(
        process="2.9.1",
        title="Inbrott i förråd",
        description="Larmkod 1234 byttes",
        confidentiality=services.Confidentiality(legal_ground="OSL 18 kap. 8 §", mask_title=False, mask_parties=False),
        parties=[services.PartyData("Fiktiva Lås AB", "556677-8899")],
        user=people["registrar"],
    )
    view = access.masked(case, people["reader"])
    assert view.title == "Inbrott i förråd" and view.description == ""
    assert [party.name for party in view.parties] == ["Fiktiva Lås AB"]
    assert access.masked(case, people["registrar"]).description == "Larmkod 1234 byttes"


def test_it_hides_the_case_from_the_public_register_even_for_a_registrar(client, people, secret_case):
    logged_in(client, people["registrar"])
    page = client.get(reverse("records:public-register-day", args=[timezone.localdate().isoformat()])).content.decode()
    assert secret_case.reference in page and "Rehabiliteringsärende" in page and "OSL 39 kap. 1 §" in page
    for secret in SECRETS:
        assert secret not in page


def test_it_lets_a_responsible_officer_lose_access_when_reassigned(people, secret_case):
    services.update_case(secret_case, user=people["registrar"], responsible=people["other_officer"])
    secret_case.refresh_from_db()
    assert not access.can_view_confidential(people["responsible"], secret_case)
    assert access.can_view_confidential(people["other_officer"], secret_case)


def test_it_rejects_granting_access_twice_or_to_an_open_case(seed_plan, people, secret_case):
    from common.errors import DomainError

    with pytest.raises(DomainError, match="har redan åtkomst"):
        services.grant_access(secret_case, people["grantee"], "Igen", people["registrar"])
    open_case = services.register_case(process="2.9.1", title="Öppet", user=people["registrar"])
    with pytest.raises(DomainError, match="inte sekretessmarkerat"):
        services.grant_access(open_case, people["reader"], "Behövs inte", people["registrar"])


def test_it_does_not_serve_record_files_from_media_url(client, people, secret_case):
    stored = DocumentFile.objects.get()
    assert client.get(f"/media/{stored.file.name}").status_code == 404
    assert client.get(reverse("records:file-download", args=[stored.pk])).status_code == 302  # to the login page
