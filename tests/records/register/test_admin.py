"""The registrar's back office: registering in two steps, inlines through the services, actions, list and tree."""

import datetime
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from records.models import Case, CaseStatus, Document, DocumentFile, Party
from records.register import services
from tests.records.factories import CaseFactory, DocumentFactory, pdf_bytes, text_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrar(make_user):
    return make_user(groups=["Registrator"], username="registrator", first_name="Rut", last_name="Registrator")


@pytest.fixture
def registrar_client(client, registrar):
    client.force_login(registrar)
    return client


class _FormFields(HTMLParser):
    """The values a browser would post for the page's main form (no files, no buttons)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file", "image"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            else:
                self.data[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.lstrip("\n") if not self.data[self._textarea] else data


def form_data(client, url) -> dict:
    parser = _FormFields()
    parser.feed(client.get(url).content.decode())
    parser.data.pop("csrfmiddlewaretoken", None)
    return parser.data


def other_inlines(client, url) -> dict:
    """Management data of inlines other apps add to the case page (as a browser would post it)."""
    response = client.get(url)
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        if formset.prefix not in ("parties", "documents"):
            data.update({f"{formset.prefix}-{key}": value for key, value in formset.management_form.initial.items()})
    return data


def registration_post(process="2.9.1", **overrides):
    data = {
        "process_code": process,
        "title": "Fuktskada i källarförråd",
        "description": "Anmäld av fastighetsskötare.",
        "responsible": "",
        "legal_ground": "",
        "public_title": "",
        "parties-TOTAL_FORMS": "1",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "1000",
        "parties-0-name": "Fiktiva Fastigheter AB",
        "parties-0-identity_number": "556677-8899",
        "parties-0-role": "motpart",
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "documents-0-direction": "incoming",
        "documents-0-document_date": "2026-11-20",
        "documents-0-document_type": "",
        "documents-0-document_type_text": "felanmälan",
        "documents-0-title": "Felanmälan fukt",
        "documents-0-counterpart": "Fastighetsskötare Demo",
        "documents-0-upload": SimpleUploadedFile("felanmalan.pdf", pdf_bytes("Fukt i källaren"), "application/pdf"),
    }
    data.update(overrides)
    return data


def test_it_asks_for_the_process_first_and_suggests_some_from_words(registrar_client, seed_plan):
    url = reverse("admin:records_case_add")
    response = registrar_client.get(url)
    assert response.status_code == 200 and "Beskriv ärendet" in response.content.decode()
    response = registrar_client.get(url, {"q": "leverantörsfaktura"})
    page = response.content.decode()
    assert "Förslag för" in page and "?process=" in page


def test_it_names_the_code_when_the_chosen_process_cannot_take_cases(registrar_client, seed_plan):
    response = registrar_client.get(reverse("admin:records_case_add"), {"process": "3.2.5"})
    assert "Processen 3.2.5 har upphört" in response.content.decode()
    response = registrar_client.get(reverse("admin:records_case_add"), {"process": "2.9"})
    assert "2.9 är en processgrupp (PG)" in response.content.decode()


def test_it_offers_the_process_document_types_in_the_form(registrar_client, seed_plan):
    response = registrar_client.get(reverse("admin:records_case_add"), {"process": "2.9.1"})
    page = response.content.decode()
    own = seed_plan["2.9.1"].document_types.first()
    other = seed_plan["1.1"].document_types.first()
    assert own.name in page and other.name not in page


def test_it_registers_a_case_with_parties_documents_and_files_inline(registrar_client, seed_plan, on_commit):
    url = reverse("admin:records_case_add") + "?process=2.9.1"
    with on_commit():
        response = registrar_client.post(url, {**other_inlines(registrar_client, url), **registration_post()})
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get()
    assert response.url == reverse("admin:records_case_change", args=[case.pk])
    assert case.process.code == "2.9.1" and case.registered_by.username == "registrator"
    assert case.parties.get().identity_number == "556677-8899"
    document = case.documents.get()
    assert (document.number, document.title) == (1, "Felanmälan fukt")
    stored = document.files.get()
    assert stored.content_type == "application/pdf" and "Fukt i källaren" in stored.extracted_text
    page = registrar_client.get(response.url).content.decode()
    assert case.reference in page and "Ärendet registrerades" in page and "Handling 1 registrerades" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Ange en ärendemening"),
        ({"documents-0-upload": SimpleUploadedFile("tom.pdf", b"", "application/pdf")}, "Filen ”tom.pdf” är tom"),
        (
            {
                "documents-0-upload": SimpleUploadedFile(
                    "bild.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "application/pdf"
                )
            },
            "innehållet stämmer inte med filändelsen .pdf",
        ),
        ({"parties-0-identity_number": "19121212-1213"}, "19121212-1213"),
        ({"process_code": "2.9"}, "2.9 är en processgrupp"),
    ],
)
def test_it_rejects_bad_registrations_in_the_form_and_writes_nothing(registrar_client, seed_plan, overrides, message):
    url = reverse("admin:records_case_add") + "?process=2.9.1"
    response = registrar_client.post(url, {**other_inlines(registrar_client, url), **registration_post(**overrides)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (
        Case.objects.count() == Party.objects.count() == Document.objects.count() == DocumentFile.objects.count() == 0
    )


def test_it_adds_documents_and_edits_the_case_with_history(registrar_client, registrar, seed_plan):
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar, title="Före")
    url = reverse("admin:records_case_change", args=[case.pk])
    data = {
        "title": "Efter",
        "description": case.description,
        "responsible": "",
        "legal_ground": "",
        "public_title": "",
        "mask_title": "on",
        "mask_description": "on",
        "mask_parties": "on",
        "mask_document_titles": "on",
        "mask_counterparts": "on",
        "parties-TOTAL_FORMS": "0",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "1000",
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "documents-0-direction": "outgoing",
        "documents-0-title": "Svar till hyresgäst",
        "documents-0-document_date": "",
        "documents-0-document_type": "",
        "documents-0-document_type_text": "",
        "documents-0-counterpart": "Hyresgäst",
        "documents-0-upload": text_file("svar.txt", "Vi åtgärdar skadan."),
    }
    response = registrar_client.post(url, {**other_inlines(registrar_client, url), **data})
    assert response.status_code == 302, response.content.decode()[:3000]
    case.refresh_from_db()
    assert case.title == "Efter" and case.documents.get().files.count() == 1
    page = registrar_client.get(url).content.decode()
    assert "Före" in page and "Efter" in page  # the diff in the timeline


def test_it_closes_reopens_and_cancels_through_confirmation_pages(registrar_client, registrar, seed_plan):
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    close_url = reverse("admin:records_case_close", args=[case.pk])
    assert "Bekräfta" in registrar_client.get(close_url).content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN  # a GET changes nothing
    registrar_client.post(close_url, {"closed_on": ""})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    registrar_client.post(reverse("admin:records_case_reopen", args=[case.pk]), {"reason": "Komplettering"})
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    response = registrar_client.post(reverse("admin:records_case_cancel", args=[case.pk]), {"reason": ""})
    assert "Ange ett skäl" in response.content.decode()
    registrar_client.post(reverse("admin:records_case_cancel", args=[case.pk]), {"reason": "Dubblett"})
    case.refresh_from_db()
    assert case.status == CaseStatus.CANCELLED


def test_it_reclassifies_with_a_reason_from_the_admin(registrar_client, registrar, seed_plan):
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    url = reverse("admin:records_case_reclassify", args=[case.pk])
    response = registrar_client.post(url, {"process": "2.9", "reason": "Fel"})
    assert "2.9 är en processgrupp" in response.content.decode()
    registrar_client.post(url, {"process": "1.2", "reason": "Gäller budget"})
    case.refresh_from_db()
    assert case.process.code == "1.2"


def test_it_does_not_let_anyone_delete_cases_or_edit_history(registrar_client, registrar, seed_plan, make_user):
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    admin_client = registrar_client
    admin_client.force_login(make_user(superuser=True))
    assert admin_client.get(reverse("admin:records_case_delete", args=[case.pk])).status_code == 403
    history = admin_client.get(reverse("admin:records_case_history", args=[case.pk]))
    assert history.status_code == 200 and "Historiken kan inte ändras" in history.content.decode()
    assert "revert" not in history.content.decode().lower()
    for model in ("historicalcase", "historicaldocument", "historicaldocumentfile", "historicalparty"):
        assert admin_client.get(f"/admin/records/{model}/").status_code == 404


def test_it_filters_the_list_by_subtree_status_year_and_officer(registrar_client, registrar, seed_plan, make_user):
    officer = make_user(groups=["Handläggare"], first_name="Alva", last_name="Demosson")
    in_group = CaseFactory(process=seed_plan["2.9.1"], user=registrar, title="Under 2.9", responsible=officer)
    elsewhere = CaseFactory(process=seed_plan["1.2"], user=registrar, title="Under 1", closed=True)
    url = reverse("admin:records_case_changelist")

    def titles(**params):
        return {case.title for case in registrar_client.get(url, params).context["cl"].result_list}

    assert titles(process="2.9") == {"Under 2.9"}
    assert titles(process="2") == {"Under 2.9"}
    assert titles(status="closed") == {"Under 1"}
    assert titles(year=str(datetime.date.today().year)) == {"Under 2.9", "Under 1"}
    assert titles(year="1999") == set()
    assert titles(responsible=str(officer.pk)) == {"Under 2.9"}
    assert titles(q=elsewhere.reference) == {"Under 1"}
    assert titles(q="under 2") == {"Under 2.9"}
    assert in_group


def test_it_lists_cases_in_a_constant_number_of_queries(registrar_client, registrar, seed_plan, make_user):
    url = reverse("admin:records_case_changelist")
    officer = make_user(groups=["Handläggare"])
    CaseFactory(process=seed_plan["2.9.1"], user=registrar, responsible=officer)
    registrar_client.get(url)
    with CaptureQueriesContext(connection) as few:
        registrar_client.get(url)
    for n in range(20):
        CaseFactory(
            process=seed_plan["1.2" if n % 2 else "2.9.1"], user=registrar, responsible=officer, confidential=n % 3 == 0
        )
    with CaptureQueriesContext(connection) as many:
        registrar_client.get(url)
    assert len(many) == len(few)


def test_it_shows_subtree_case_counts_in_the_classification_tree(registrar_client, registrar, seed_plan, make_user):
    CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    CaseFactory(process=seed_plan["2.9.2"], user=registrar)
    CaseFactory(process=seed_plan["1.2"], user=registrar)
    admin_client = registrar_client
    admin_client.force_login(make_user(superuser=True))
    response = admin_client.get(reverse("admin:classification_node_changelist"), {"all": ""})
    counts = {node.code: node.case_count for node in response.context["cl"].result_list}
    assert "Ärenden (inkl. underliggande)" in response.content.decode()
    assert (counts["2"], counts["2.9"], counts["2.9.1"], counts["1"], counts["3"]) == (2, 2, 1, 1, 0)


def test_it_counts_the_whole_tree_in_one_query(seed_plan, registrar):
    from records.register.selectors import case_counts_by_node

    CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    CaseFactory(process=seed_plan["1.2"], user=registrar)
    with CaptureQueriesContext(connection) as queries:
        by_id = case_counts_by_node()
    counts = {code: by_id[node.pk] for code, node in seed_plan.items()}
    assert len(queries) == 1 and len(counts) == 67
    assert (counts["2"], counts["2.9"], counts["2.9.1"], counts["2.9.2"], counts["1"], counts["1.2"], counts["3"]) == (
        2,
        2,
        2,
        0,
        1,
        1,
        0,
    )


def export_csv(client) -> str:
    url = reverse("admin:records_case_export")
    form = client.get(url).context["form"]
    csv_index = next(value for value, label in form.fields["format"].choices if str(label).lower() == "csv")
    fields = {name: "on" for name in form.fields if name.startswith("caseexportresource_")}
    response = client.post(url, {"format": csv_index, "resource": "0", **fields})
    assert response.status_code == 200, response.content[:500]
    return response.content.decode("utf-8")


def test_it_exports_the_case_list(registrar_client, registrar, seed_plan):
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar, title="Exporteras")
    exported = export_csv(registrar_client)
    assert case.reference in exported and "Exporteras" in exported and "2.9.1" in exported


def test_it_lets_documents_from_services_show_up_in_the_admin(registrar_client, registrar, seed_plan):
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    DocumentFactory(case=case, user=registrar, title="Inkommen skrivelse", files=[text_file()])
    page = registrar_client.get(reverse("admin:records_case_change", args=[case.pk])).content.decode()
    stored = DocumentFile.objects.get()
    assert "Inkommen skrivelse" in page and reverse("records:file-download", args=[stored.pk]) in page
    assert services  # services are the only writers; the admin only calls them


def test_it_revokes_a_grant_from_the_case_page(registrar_client, registrar, seed_plan, make_user):
    from records.models import CaseAccessGrant
    from records.register import access

    grantee = make_user(groups=["Läsare"])
    case = CaseFactory(process=seed_plan["2.3.4"], user=registrar, confidential=True)
    services.grant_access(case, grantee, "Ombud med fullmakt", registrar)
    url = reverse("admin:records_case_change", args=[case.pk])
    data = form_data(registrar_client, url)
    assert data["access_grants-TOTAL_FORMS"] == "1"
    data["access_grants-0-DELETE"] = "on"
    response = registrar_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not CaseAccessGrant.objects.exists()
    case.refresh_from_db()
    assert not access.can_view_confidential(grantee, case)
    assert "fick sin åtkomst återkallad" in registrar_client.get(url).content.decode()


@pytest.mark.parametrize("group", ["Läsare", "Handläggare", "Arkivarie"])
def test_it_shows_other_cases_read_only_to_readers_and_other_officers(client, registrar, seed_plan, make_user, group):
    case = CaseFactory(process=seed_plan["2.9.1"], user=registrar, title="Läsbart ärende")
    DocumentFactory(case=case, user=registrar, title="Läsbar handling", files=[text_file()])
    client.force_login(make_user(groups=[group]))
    response = client.get(reverse("admin:records_case_change", args=[case.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and "Läsbart ärende" in page and "Läsbar handling" in page
    assert 'name="_save"' not in page  # view only
    assert client.post(reverse("admin:records_case_close", args=[case.pk])).status_code == 403
    assert "Registrera ärende" not in client.get(reverse("admin:records_case_changelist")).content.decode()


def test_it_offers_registering_from_the_case_list(registrar_client):
    page = registrar_client.get(reverse("admin:records_case_changelist")).content.decode()
    assert "Registrera ärende" in page and reverse("admin:records_case_add") in page
