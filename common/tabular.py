"""The one CSV/XLSX writer: rows in, CSV or XLSX out (a file, bytes or a download), streamed, every cell cleaned.

    count = tabular.write(tabular.XLSX, rows, binary_file, header=["Diarienummer", "Rubrik"], sheet="Ärenden")
    return tabular.response(tabular.CSV, rows, header=HEADER, filename="arenden.csv")

Rows are any iterable of sequences and are consumed one at a time: CSV goes out line by line and XLSX is
written by a write-only workbook (openpyxl keeps no rows in memory), so memory stays flat however many
rows there are. A download of XLSX is built in a temporary file and streamed from it.

Every cell, header included, goes through clean_cell():
- characters that XLSX cannot hold (control characters such as ESC, openpyxl's ILLEGAL_CHARACTERS_RE)
  are removed, in CSV too, so both formats say the same;
- text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) gets
  a leading apostrophe, so that it stays text: "'=HYPERLINK(...)". restore_cell() takes it off again
  when such a file is read back in.

django-import-export's admin exports get the same rule from CleanedExportMixin on their resources.
"""

import csv
import io
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence

from django.http import FileResponse, StreamingHttpResponse
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"
SHEET_TITLE_LENGTH = 31  # Excel's limit
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")
HEADING_FONT = Font(bold=True, size=14)
HEADER_FONT = Font(bold=True)


def clean_cell(value):
    """The value as both formats can hold it and no spreadsheet runs it; anything but text unchanged."""
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return TEXT_MARK + value if value.startswith(FORMULA_STARTS) else value


def clean_row(row: Iterable) -> list:
    return [clean_cell(value) for value in row]


def restore_cell(value):
    """A cleaned cell read back: without the apostrophe that clean_cell() put before a formula character."""
    if isinstance(value, str) and value.startswith(TEXT_MARK) and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def sheet_title(title) -> str:
    """A worksheet name Excel accepts: no \\ / * ? : [ ], at most 31 characters."""
    return _SHEET_TITLE_FORBIDDEN.sub(" ", str(title)).strip()[:SHEET_TITLE_LENGTH] or "Blad1"


# --- CSV ------------------------------------------------------------------------------------------


class _Line:
    """A "file" whose write returns the text, so that csv.writer hands each line back."""

    def write(self, text: str) -> str:
        return text


def csv_lines(rows: Iterable[Sequence], header: Sequence | None = None, *, lineterminator="\r\n") -> Iterator[str]:
    """The CSV text line by line (for a streamed response or a text file); the header first if given."""
    writer = csv.writer(_Line(), lineterminator=lineterminator)
    if header is not None:
        yield writer.writerow(clean_row(header))
    for row in rows:
        yield writer.writerow(clean_row(row))


def write_csv(rows: Iterable[Sequence], stream, header: Sequence | None = None, *, lineterminator="\r\n") -> int:
    """Write CSV to a text stream (open it with newline=""); returns the number of rows after the header."""
    count = 0
    lines = csv_lines(rows, header, lineterminator=lineterminator)
    if header is not None:
        stream.write(next(lines))
    for line in lines:
        stream.write(line)
        count += 1
    return count


# --- XLSX -----------------------------------------------------------------------------------------


def _styled(sheet, value, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=clean_cell(value))
    cell.font = font
    return cell


def write_xlsx(
    rows: Iterable[Sequence],
    stream,
    header: Sequence | None = None,
    *,
    sheet: str = "Blad1",
    heading: str = "",
    widths: Sequence[float] = (),
    freeze_header: bool = False,
) -> int:
    """Write one worksheet to a binary stream or path; returns the number of rows after the header.

    `heading` is a title row (large, bold) above the header (bold); `widths` are column widths in
    characters from column A; `freeze_header` keeps the heading and header in view when scrolling.
    """
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet_title(sheet))
    for index, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width
    if freeze_header:
        worksheet.freeze_panes = f"A{1 + bool(heading) + (header is not None)}"
    if heading:
        worksheet.append([_styled(worksheet, heading, HEADING_FONT)])
    if header is not None:
        worksheet.append([_styled(worksheet, value, HEADER_FONT) for value in header])
    count = 0
    for row in rows:
        worksheet.append(clean_row(row))
        count += 1
    workbook.save(stream)
    return count


# --- Either ---------------------------------------------------------------------------------------


def _xlsx_options(options: dict) -> dict:
    return {name: value for name, value in options.items() if name != "lineterminator"}


def write(fmt: str, rows: Iterable[Sequence], stream, header: Sequence | None = None, **options) -> int:
    """Write CSV (UTF-8) or XLSX to a binary stream; returns the number of rows after the header.

    Options: `lineterminator` for CSV; `sheet`, `heading`, `widths` and `freeze_header` for XLSX (CSV
    has no room for them and leaves them out).
    """
    if fmt == XLSX:
        return write_xlsx(rows, stream, header, **_xlsx_options(options))
    if fmt == CSV:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        try:
            return write_csv(rows, text, header, lineterminator=options.get("lineterminator", "\r\n"))
        finally:
            text.flush()
            text.detach()
    raise ValueError(f"unknown format {fmt!r}")


def to_bytes(fmt: str, rows: Iterable[Sequence], header: Sequence | None = None, **options) -> bytes:
    """The whole file in memory: for small tables (a plan, a schedule), not for reports."""
    buffer = io.BytesIO()
    write(fmt, rows, buffer, header, **options)
    return buffer.getvalue()


def response(fmt: str, rows: Iterable[Sequence], header: Sequence | None = None, *, filename: str, **options):
    """A download: CSV streamed line by line as the rows are read, XLSX built in a temporary file and
    streamed from it in chunks. Not cached anywhere."""
    if fmt == CSV:
        lines = csv_lines(rows, header, lineterminator=options.get("lineterminator", "\r\n"))
        result = StreamingHttpResponse((line.encode("utf-8") for line in lines), content_type=CONTENT_TYPES[CSV])
        result["Content-Disposition"] = content_disposition_header(True, filename)
    elif fmt == XLSX:
        spool = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes (and so deletes) it
        write_xlsx(rows, spool, header, **_xlsx_options(options))
        spool.seek(0)
        result = FileResponse(spool, as_attachment=True, filename=filename, content_type=CONTENT_TYPES[XLSX])
    else:
        raise ValueError(f"unknown format {fmt!r}")
    result["Cache-Control"] = "private, no-store"
    return result


# --- django-import-export -------------------------------------------------------------------------


class CleanedExportMixin:
    """For a django-import-export resource: every exported cell is cleaned as above, in every format
    the admin offers, and a file that was exported so reads back as it was."""

    def export_field(self, field, instance, **kwargs):
        return clean_cell(super().export_field(field, instance, **kwargs))

    def import_row(self, row, instance_loader, **kwargs):
        for key, value in list(row.items()):
            row[key] = restore_cell(value)
        return super().import_row(row, instance_loader, **kwargs)
