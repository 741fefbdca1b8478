"""The classification tree in the back office: list, search, filters, inline document types, import."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from classification.models import Node

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(is_superuser=True))
    return client


def test_the_tree_lists_codes_in_order(seed_plan, admin_client):
    page = admin_client.get(reverse("admin:classification_node_changelist")).content.decode()
    assert page.index("1.9 Hantera externa") < page.index("1.10 Samverka med andra")
    assert "Upphörd 2020-05-01" in page


@pytest.mark.parametrize(
    "query,present,absent",
    [
        ("2.4.3", "Hantera kostnader från leverantör", "Rekrytera"),
        ("leverantörsfakturor", "Hantera kostnader från leverantör", "Rekrytera"),
        ("Rekrytera", "Rekrytera", "Hantera kostnader från leverantör"),
    ],
)
def test_it_searches_by_code_title_and_document_type(seed_plan, admin_client, query, present, absent):
    page = admin_client.get(reverse("admin:classification_node_changelist"), {"q": query}).content.decode()
    assert present in page and absent not in page


def test_it_filters_ceased_and_by_kind(seed_plan, admin_client):
    url = reverse("admin:classification_node_changelist")
    ceased = admin_client.get(url, {"status": "ceased"}).content.decode()
    assert "Hantera annonser från privatpersoner" in ceased and "Rekrytera" not in ceased
    groups = admin_client.get(url, {"kind__exact": "PG"}).content.decode()
    assert "Administrera ekonomi" in groups and "Rekrytera" not in groups


def test_the_change_page_shows_document_types_inline(seed_plan, admin_client):
    node = Node.objects.get(code="2.4.3")
    page = admin_client.get(reverse("admin:classification_node_change", args=[node.pk])).content.decode()
    assert "leverantörsfakturor" in page and "handlingstyper" in page.lower()


def _import_format_value(response, extension):
    for value, label in response.context["form"].fields["format"].choices:
        if label.lower() == extension:
            return value
    raise AssertionError(f"no {extension} format")


def test_the_admin_import_previews_changes_and_writes_nothing_until_confirmed(seed_plan, admin_client):
    url = reverse("admin:classification_node_import")
    fmt = _import_format_value(admin_client.get(url), "csv")
    data = "code,kind,title,parent,description,examples,comments,valid_to\n2.2,P,Hantera bemanning och scheman,2,,scheman; ledighetsansökningar,,\n"
    response = admin_client.post(url, {"format": fmt, "import_file": SimpleUploadedFile("plan.csv", data.encode())})
    assert response.status_code == 200
    text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    assert "Hantera bemanning och scheman" in text
    assert Node.objects.get(code="2.2").title == "Hantera bemanning"  # preview only


def test_the_admin_import_reports_row_errors(seed_plan, admin_client):
    url = reverse("admin:classification_node_import")
    fmt = _import_format_value(admin_client.get(url), "csv")
    data = "code,kind,title,parent,description,examples,comments,valid_to\n2.99,PG,Felplacerad,1,,,,\n7.1,P,Föräldralös,7,,,,\n"
    response = admin_client.post(url, {"format": fmt, "import_file": SimpleUploadedFile("plan.csv", data.encode())})
    page = response.content.decode()
    assert "2.99: koden måste bygga vidare på överordnad kod 1" in page
    assert "Överordnad kod 7 finns inte" in page
    assert not Node.objects.filter(code__in=["2.99", "7.1"]).exists()


def test_the_resource_import_saves_document_types_and_history(seed_plan):
    from import_export.formats.base_formats import CSV

    from classification.resources import NodeResource

    data = "code,kind,title,parent,description,examples,comments,valid_to\n2.2,P,Hantera bemanning,2,Ny beskrivning,scheman; semesterlistor,,\n"
    result = NodeResource().import_data(CSV().create_dataset(data), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    node = Node.objects.get(code="2.2")
    assert list(node.document_types.values_list("name", flat=True)) == ["scheman", "semesterlistor"]
    assert node.history.first().description == "Ny beskrivning"


def test_the_admin_export_gives_the_plan(seed_plan, admin_client):
    url = reverse("admin:classification_node_export")
    response = admin_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url_name,args",
    [
        ("admin:index", []),
        ("admin:classification_node_changelist", []),
        ("admin:classification_node_change", ["2.4.3"]),
        ("admin:classification_node_history", ["2.4.3"]),
        ("admin:classification_where_to_file", []),
    ],
)
def test_the_admin_pages_answer_a_registrar(seed_plan, client, make_user, url_name, args):
    client.force_login(make_user(groups=["Registrator"]))
    response = client.get(
        reverse(url_name, args=[seed_plan[a].pk for a in args]), {"q": "faktura"} if "where" in url_name else {}
    )
    assert response.status_code == 200


def test_a_registrar_may_read_the_plan_but_not_change_or_import_it(seed_plan, client, make_user):
    client.force_login(make_user(groups=["Registrator"]))
    assert client.get(reverse("admin:classification_node_import")).status_code == 403
    node = seed_plan["2.4.3"]
    response = client.post(reverse("admin:classification_node_change", args=[node.pk]), {"title": "Ändrad"})
    assert response.status_code == 403
    node.refresh_from_db()
    assert node.title == "Hantera kostnader från leverantör"


def test_an_archivist_may_import_the_plan(seed_plan, client, make_user):
    client.force_login(make_user(groups=["Arkivarie"]))
    assert client.get(reverse("admin:classification_node_import")).status_code == 200


# --- Deleting: processes cease, they are not deleted ---------------------------------------------------------


def test_the_list_offers_no_bulk_delete(seed_plan, admin_client, make_user):
    from tests.records.factories import CaseFactory

    url = reverse("admin:classification_node_changelist")
    form = admin_client.get(url).context["action_form"]
    assert form is None or not {"delete_selected", "delete_selected_tree"} & dict(form.fields["action"].choices).keys()
    node = Node.objects.get(code="2.9.1")
    CaseFactory(process=node, user=make_user(groups=["Registrator"]))
    admin_client.raise_request_exception = False
    for action in ("delete_selected", "delete_selected_tree"):
        posted = admin_client.post(url, {"action": action, "_selected_action": [node.pk], "post": "yes"})
        assert posted.status_code in (200, 302)
    assert Node.objects.filter(pk=node.pk).exists()


def test_deleting_a_process_in_use_answers_with_a_message_and_deletes_nothing(seed_plan, admin_client, make_user):
    from tests.records.factories import CaseFactory

    node = Node.objects.get(code="2.9")
    CaseFactory(process=Node.objects.get(code="2.9.1"), user=make_user(groups=["Registrator"]))
    url = reverse("admin:classification_node_delete", args=[node.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and "skyddade" in page.content.decode().lower()
    answer = admin_client.post(url, {"post": "yes"}, follow=True)
    assert answer.status_code == 200 and Node.objects.filter(code__in=["2.9", "2.9.1"]).count() == 2


def test_a_node_nothing_refers_to_can_still_be_deleted(seed_plan, admin_client):
    node = Node.objects.create(code="9", kind="VO", title="Prov", sort_key="9")
    answer = admin_client.post(reverse("admin:classification_node_delete", args=[node.pk]), {"post": "yes"})
    assert answer.status_code == 302 and not Node.objects.filter(code="9").exists()
