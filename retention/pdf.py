"""PDF building blocks (reportlab, built-in fonts): headings, key-value blocks and wrapped tables."""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

STYLES = getSampleStyleSheet()
CELL = STYLES["BodyText"].clone("cell", fontSize=8, leading=10)
HEAD = STYLES["BodyText"].clone("head", fontSize=8, leading=10, fontName="Helvetica-Bold")


def text(value, style=None) -> Paragraph:
    return Paragraph(escape(str(value if value is not None else "")), style or CELL)


def heading(value, level: int = 1) -> Paragraph:
    return Paragraph(escape(str(value)), STYLES[f"Heading{level}"])


def paragraph(value) -> Paragraph:
    return Paragraph(escape(str(value)), STYLES["BodyText"])


def key_values(pairs) -> Table:
    table = Table([[text(key, HEAD), text(value)] for key, value in pairs], colWidths=[45 * mm, None], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def table(header: list[str], rows: list[list], widths: list[float] | None = None, repeat: int = 1) -> Table:
    data = [[text(cell, HEAD) for cell in header]] + [
        [c if isinstance(c, Paragraph) else text(c) for c in row] for row in rows
    ]
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


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


def render(title: str, flowables: list, *, wide: bool = False, footer: str = "") -> bytes:
    buffer = io.BytesIO()
    size = landscape(A4) if wide else A4

    def page_footer(canvas, document):
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.drawString(15 * mm, 8 * mm, f"{footer}  –  {title}" if footer else title)
        canvas.drawRightString(size[0] - 15 * mm, 8 * mm, str(document.page))
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=size,
        title=title,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    document.build(flowables, onFirstPage=page_footer, onLaterPages=page_footer)
    return buffer.getvalue()
