"""The one PDF writer (common.pdf): Swedish text, escaped markup, tables over pages and a numbered footer."""

import datetime
import io
import zoneinfo

from pypdf import PdfReader

from common import pdf


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_a_long_table_runs_over_pages_each_with_the_footer_and_its_number():
    rows = [[f"BOP 2026/{n}", "Åtgärd <b>inte</b> markup & så", "rad ett\nrad två"] for n in range(120)]
    flowables = [
        pdf.document_title("Gallringsprotokoll"),
        pdf.key_values([("Organisation", "Demokommunen"), ("Ärenden", "120")], boxed=True),
        pdf.spacer(),
        pdf.heading("Gallrade ärenden", 2),
        pdf.table(["Diarienummer", "Åtgärd", "Anmärkning"], rows, widths=[30, 80, 60]),
    ]
    data = pdf.render("Gallringsprotokoll", flowables, footer="Demokommunen", author="Demokommunen")
    assert data.startswith(b"%PDF")
    texts = pages_text(data)
    assert len(texts) > 1
    for number, text in enumerate(texts, start=1):
        assert "Demokommunen  –  Gallringsprotokoll" in text and str(number) in text
    assert "Åtgärd <b>inte</b> markup & så" in texts[0] and "BOP 2026/119" in texts[-1]
    assert PdfReader(io.BytesIO(data)).metadata.title == "Gallringsprotokoll"


def test_times_are_local_and_none_is_empty(settings):
    moment = datetime.datetime(2026, 3, 1, 13, 5, tzinfo=zoneinfo.ZoneInfo("UTC"))
    settings.TIME_ZONE = "Europe/Stockholm"
    assert pdf.local_time(moment) == "2026-03-01 14:05"
    assert pdf.local_time(None) == "" and pdf.local_time(None, empty="–") == "–"
