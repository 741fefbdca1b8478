"""The informationshanteringsplan printed: PDF (reportlab) and XLSX (openpyxl)."""

import io

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from . import pdf
from .schedule import ScheduleLine, flat_rows, header


def title() -> str:
    return _("Informationshanteringsplan – %(org)s") % {"org": settings.ORDNA_ORGANISATION_NAME}


def schedule_pdf(lines: list[ScheduleLine]) -> bytes:
    rows = flat_rows(lines)
    heading_rows = [index + 1 for index, line in enumerate(rows) if line[0] and not line[1].startswith("P ")]
    table = pdf.table(header(), rows, widths=[16, 95, 55, 45, 30, 26])
    table.setStyle([("FONTNAME", (0, r), (-1, r), "Helvetica-Bold") for r in heading_rows])
    flowables = [
        pdf.heading(title()),
        pdf.paragraph(
            _(
                "Utskriven %(date)s. Regler ärvs nedåt i klassificeringsstrukturen; en handlingstyps egen regel "
                "går före processens."
            )
            % {"date": timezone.localdate().isoformat()}
        ),
        pdf.spacer(),
        table,
    ]
    return pdf.render(title(), flowables, wide=True, footer=settings.ORDNA_ORGANISATION_NAME)


def schedule_xlsx(lines: list[ScheduleLine]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Informationshanteringsplan")[:31]
    sheet.append([title()])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(header())
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in flat_rows(lines):
        sheet.append(row)
    for column, width in zip("ABCDEF", (10, 60, 34, 34, 18, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
