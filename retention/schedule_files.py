"""The informationshanteringsplan printed: PDF and XLSX (common.pdf, common.tabular)."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from common import pdf, tabular

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
    return tabular.to_bytes(
        tabular.XLSX,
        flat_rows(lines),
        header(),
        sheet=_("Informationshanteringsplan"),
        heading=title(),
        widths=(10, 60, 34, 34, 18, 40),
        freeze_header=True,
    )
