"""The schedule as a spreadsheet (import with row errors, export) and printed as the informationshanteringsplan."""

import io

import pytest
import tablib
from openpyxl import load_workbook

from classification.models import DocumentType
from retention.models import RetentionRule
from retention.resources import RetentionRuleResource
from tests.retention.factories import RuleFactory

pytestmark = pytest.mark.django_db
HEADERS = ["Kod", "Handlingstyp", "Åtgärd", "År", "Månader", "Räknas från", "Beslut", "Anmärkning"]


def sheet(*rows):
    return tablib.Dataset(*rows, headers=HEADERS)


def test_it_exports_one_row_per_rule_with_words_not_codes(seed_plan):
    RuleFactory(node=seed_plan["2.9"], years=2, authority="GA 2019/3")
    RuleFactory(
        document_type=DocumentType.objects.get(node=seed_plan["2.9.1"], name="hyresavtal"),
        years=10,
        trigger="end_of_closing_year",
    )
    RuleFactory(node=seed_plan["2.6"], preserve=True)
    exported = RetentionRuleResource().export()
    assert exported.headers == HEADERS
    assert [list(row) for row in exported] == [
        ["2.6", "", "Bevaras", "", "", "", "GA 2019/3", ""],
        ["2.9", "", "Gallras", "2", "", "efter ärendets avslut", "GA 2019/3", ""],
        ["2.9.1", "hyresavtal", "Gallras", "10", "", "efter utgången av det år ärendet avslutades", "GA 2019/3", ""],
    ]


def test_an_exported_schedule_imports_back_unchanged(seed_plan):
    RuleFactory(node=seed_plan["2.9"], years=2)
    RuleFactory(document_type=DocumentType.objects.get(node=seed_plan["2.9.1"], name="hyresavtal"), years=10)
    exported = RetentionRuleResource().export()
    result = RetentionRuleResource().import_data(exported, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == 2 and RetentionRule.history.count() == 2


def test_it_imports_new_and_changed_rules_through_the_services(seed_plan, archivist):
    RuleFactory(node=seed_plan["2.9"], years=2)
    data = sheet(
        ["2.9", "", "Gallras", 5, "", "efter avslut", "GA 2024/1", "Ändrad"],
        ["2.6", "", "bevaras", "", "", "", "GA 2019/3", ""],
        ["2.9.1", "Hyresavtal", "gallras", 10, 6, "", "GA 2019/3", ""],
    )
    result = RetentionRuleResource(user=archivist).import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert (result.totals["new"], result.totals["update"]) == (2, 1)
    rule = RetentionRule.objects.get(node__code="2.9")
    assert (rule.years, rule.authority, rule.history.latest().history_user) == (5, "GA 2024/1", archivist)
    assert RetentionRule.objects.get(document_type__name="hyresavtal").months == 6


def test_it_reports_each_bad_row_in_swedish_and_writes_nothing(seed_plan):
    data = sheet(
        ["2.9", "", "gallras", "", "", "", "", ""],
        ["2.6", "", "bevaras", 3, "", "", "", ""],
        ["9.9", "", "bevaras", "", "", "", "", ""],
        ["2.9.1", "finns inte", "bevaras", "", "", "", "", ""],
        ["2.8", "", "gallras", 2, "", "någon gång", "", ""],
        ["2.7", "", "bevaras", "", "", "", "", ""],
    )
    result = RetentionRuleResource().import_data(data, dry_run=False)
    assert result.has_validation_errors()
    messages = [" ".join(str(m) for m in row.error.messages) for row in result.invalid_rows]
    assert any("Ange gallringsfristen" in m for m in messages)
    assert any("Det som bevaras har ingen gallringsfrist" in m for m in messages)
    assert any("Noden 9.9 finns inte" in m for m in messages)
    assert any("Handlingstypen ”finns inte” finns inte under 2.9.1" in m for m in messages)
    assert any("Okänd utgångspunkt" in m for m in messages)
    assert RetentionRule.objects.count() == 0


def test_the_admin_import_previews_before_it_saves(client, seed_plan, archivist):
    client.force_login(archivist)
    buffer = io.StringIO()
    buffer.write(sheet(["2.9", "", "Gallras", 2, "", "", "GA 2019/3", ""]).export("csv"))
    upload = io.BytesIO(buffer.getvalue().encode())
    upload.name = "plan.csv"
    response = client.post("/admin/retention/retentionrule/import/", {"import_file": upload, "format": "0"})
    page = response.content.decode()
    assert response.status_code == 200 and "Bekräfta import" in page and "GA 2019/3" in page
    assert RetentionRule.objects.count() == 0


def test_the_printed_plan_lists_processes_document_types_action_period_and_authority(client, seed_plan, reader):
    RuleFactory(node=seed_plan["2.9"], years=2, authority="GA 2019/3")
    RuleFactory(
        document_type=DocumentType.objects.get(node=seed_plan["2.9.1"], name="hyresavtal"),
        years=10,
        authority="GA 2020/8",
    )
    client.force_login(reader)
    page = client.get("/gallring/informationshanteringsplan/").content.decode()
    assert "Informationshanteringsplan" in page and "2.9.1" in page and "hyresavtal" in page
    assert "GA 2020/8" in page and "10 år efter avslut" in page and "ärvd från 2.9" in page
    assert "Ingen regel" in page


def test_the_plan_prints_as_pdf_and_xlsx(client, seed_plan, reader):
    RuleFactory(node=seed_plan["2.9"], years=2, authority="GA 2019/3")
    client.force_login(reader)
    pdf = client.get("/gallring/informationshanteringsplan/", {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Informationshanteringsplan" in text and "GA 2019/3" in text and "Förvalta fastigheter" in text
    xlsx = client.get("/gallring/informationshanteringsplan/", {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[1][:4] == ("Kod", "Process / handlingstyp", "Åtgärd", "Gallringsfrist")
    assert rows[next(i for i, row in enumerate(rows) if row[0] == "2.9")][:4] == (
        "2.9",
        "PG Hantera lokaler, fastigheter och fysisk säkerhet",
        "Gallras",
        "2 år efter avslut",
    )


def test_the_plan_is_for_signed_in_staff(client, seed_plan):
    assert client.get("/gallring/informationshanteringsplan/").status_code == 302
