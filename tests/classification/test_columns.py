"""The plan file's column names: the export writes Swedish ones, the import takes Swedish or English, in any case."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import CSV
from openpyxl import load_workbook

from classification.exporting import export_plan
from classification.importing import PlanImportError
from classification.importing.apply import import_plan
from classification.importing.files import read_plan_bytes
from classification.models import DocumentType, Node
from classification.resources import NodeResource

pytestmark = pytest.mark.django_db

SWEDISH = ["kod", "nivå", "rubrik", "överordnad", "beskrivning", "handlingstyper", "kommentarer", "upphör"]
ENGLISH = ["code", "kind", "title", "parent", "description", "examples", "comments", "valid_to"]
ROWS = "1,VO,Styra,,,,,\n1.1,P,Leda,1,Om ledning,protokoll; kallelser,Se även 2,2030-01-01\n"


def test_the_csv_and_xlsx_exports_have_swedish_headers(seed_plan):
    assert export_plan("csv").decode().splitlines()[0] == ",".join(SWEDISH)
    sheet = load_workbook(io.BytesIO(export_plan("xlsx"))).active
    assert [cell.value for cell in next(sheet.iter_rows())] == SWEDISH


@pytest.mark.parametrize(
    "header",
    [
        ",".join(SWEDISH),
        ",".join(ENGLISH),
        ",".join(name.upper() for name in SWEDISH),
        " Kod , Nivå ,Rubrik,Överordnad,Beskrivning,Handlingstyper,Kommentarer,Upphör",
        ",".join(["Kod", "kind", "RUBRIK", "parent", "beskrivning", "Examples", "kommentarer", "valid_to"]),
    ],
    ids=["swedish", "english", "upper case", "spaces", "mixed"],
)
def test_the_import_accepts_swedish_and_english_column_names_in_any_case(empty_plan, header):
    report = import_plan(read_plan_bytes((header + "\n" + ROWS).encode(), "plan.csv"))
    assert sorted(report.created) == ["1", "1.1"]
    node = Node.objects.get(code="1.1")
    assert (node.title, node.parent.code, node.description, node.comments) == ("Leda", "1", "Om ledning", "Se även 2")
    assert node.valid_to.isoformat() == "2030-01-01"
    assert list(DocumentType.objects.filter(node=node).values_list("name", flat=True)) == ["protokoll", "kallelser"]


def test_a_missing_column_is_named_with_the_accepted_names(empty_plan):
    with pytest.raises(PlanImportError) as excinfo:
        read_plan_bytes(b"kod,rubrik\n1,Styra\n", "plan.csv")
    message = str(excinfo.value)
    assert "Kolumner saknas: nivå (kind)" in message
    for swedish, english in zip(SWEDISH, ENGLISH, strict=True):
        assert f"{swedish} ({english})" in message
    assert "oavsett stora och små bokstäver" in message


def test_a_column_named_twice_is_refused(empty_plan):
    with pytest.raises(PlanImportError, match="Kolumnen kod förekommer två gånger"):
        read_plan_bytes("kod,nivå,rubrik,code\n1,VO,Styra,1\n".encode(), "plan.csv")


def test_the_swedish_csv_export_round_trips_through_the_command_import(seed_plan, tmp_path):
    before = export_plan("json")
    report = import_plan(read_plan_bytes(export_plan("csv"), "plan.csv"))
    assert report.changed == {} and report.unchanged == len(seed_plan)
    assert export_plan("json") == before


# --- The admin's import and export (django-import-export) ---------------------------------------------


def test_the_admin_export_has_swedish_headers(seed_plan):
    dataset = NodeResource().export()
    assert dataset.headers == SWEDISH


@pytest.mark.parametrize("names", [SWEDISH, ENGLISH, [name.upper() for name in SWEDISH]], ids=["sv", "en", "upper"])
def test_the_admin_import_accepts_swedish_and_english_column_names(seed_plan, names):
    data = ",".join(names) + "\n2.2,P,Hantera bemanning,2,Ny beskrivning,scheman; semesterlistor,,\n"
    result = NodeResource().import_data(CSV().create_dataset(data), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    node = Node.objects.get(code="2.2")
    assert node.description == "Ny beskrivning"
    assert list(node.document_types.values_list("name", flat=True)) == ["scheman", "semesterlistor"]


def test_the_admin_export_file_imports_back_unchanged(seed_plan, client, make_user):
    client.force_login(make_user(is_superuser=True))
    url = reverse("admin:classification_node_import")
    data = NodeResource().export().csv
    formats = client.get(url).context["form"].fields["format"].choices
    fmt = next(value for value, label in formats if str(label).lower() == "csv")
    response = client.post(url, {"format": fmt, "import_file": SimpleUploadedFile("plan.csv", data.encode())})
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["update"] == 0 and result.totals["new"] == 0
