"""The one PDF writer (reportlab, built-in fonts, which hold Swedish å, ä and ö): styles, headings, text,
key-value blocks and wrapped tables, local times, and a document on A4 with a footer that numbers the pages.

    flowables = [pdf.document_title("Arbetsorder AO12"), pdf.key_values([("Status", "Skickad")]), pdf.spacer()]
    data = pdf.render("Arbetsorder AO12", flowables, footer="Bostadsbolaget", author="Bostadsbolaget")

Text is escaped (reportlab reads markup) and its line breaks kept.
"""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from common import clock

STYLES = getSampleStyleSheet()
BODY = STYLES["BodyText"]
CELL = BODY.clone("cell", fontSize=8, leading=10)
HEAD = BODY.clone("head", fontSize=8, leading=10, fontName="Helvetica-Bold")
MARGIN_MM = 15
FOOTER_FONT = ("Helvetica", 7)


local_time = clock.local_time  # "2026-03-01 14:05" in TIME_ZONE; `empty` for None


def _markup(value) -> str:
    return escape(str(value if value is not None else "")).replace("\n", "<br/>")


def text(value, style=None) -> Paragraph:
    """Any value as a paragraph (a table cell by default); None is empty."""
    return Paragraph(_markup(value), style or CELL)


def paragraph(value, style=None) -> Paragraph:
    """Body text."""
    return Paragraph(_markup(value), style or BODY)


def document_title(value) -> Paragraph:
    """The document's title, large and centred."""
    return Paragraph(_markup(value), STYLES["Title"])


def heading(value, level: int = 1) -> Paragraph:
    return Paragraph(_markup(value), STYLES[f"Heading{level}"])


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


def _cell(value, style) -> Flowable:
    return value if isinstance(value, Flowable) else text(value, style)


def key_values(pairs, *, widths=(45, None), boxed: bool = False, style=None) -> Table:
    """Label and value, one pair a row. `boxed` draws a grid with shaded labels; `style` sets both columns
    (bold labels and plain values otherwise)."""
    table_ = Table(
        [[_cell(key, style or HEAD), _cell(value, style or CELL)] for key, value in pairs],
        colWidths=[w * mm if w else None for w in widths],
        hAlign="LEFT",
    )
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if boxed:
        commands += [
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
        ]
    table_.setStyle(TableStyle(commands))
    return table_


def table(header: list[str], rows, widths: list[float] | None = None, repeat: int = 1) -> Table:
    """A table with a shaded header row that repeats on every page; cells wrap. `widths` in mm."""
    data = [[text(cell, HEAD) for cell in header]] + [[_cell(cell, CELL) for cell in row] for row in rows]
    result = Table(data, colWidths=[w * mm for w in widths] if widths else None, repeatRows=repeat, hAlign="LEFT")
    result.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
            ]
        )
    )
    return result


def render(title: str, flowables: list, *, wide: bool = False, footer: str = "", author: str = "") -> bytes:
    """The PDF: A4 (landscape if `wide`), `title` as its metadata title and in the footer of every page,
    after `footer` (e.g. the organisation), with the page number on the right."""
    buffer = io.BytesIO()
    size = landscape(A4) if wide else A4
    footer_text = f"{footer}  –  {title}" if footer else title

    def page_footer(canvas, document):
        canvas.saveState()
        canvas.setFont(*FOOTER_FONT)
        canvas.drawString(MARGIN_MM * mm, 8 * mm, footer_text)
        canvas.drawRightString(size[0] - MARGIN_MM * mm, 8 * mm, str(document.page))
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=size,
        title=title,
        author=author,
        leftMargin=MARGIN_MM * mm,
        rightMargin=MARGIN_MM * mm,
        topMargin=MARGIN_MM * mm,
        bottomMargin=MARGIN_MM * mm,
    )
    document.build(flowables, onFirstPage=page_footer, onLaterPages=page_footer)
    return buffer.getvalue()
