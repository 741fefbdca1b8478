"""Reads a plan from CSV or XLSX with the columns kod, nivå, rubrik, överordnad, beskrivning,
handlingstyper, kommentarer, upphör (the columns export_classification writes; the English names
code, kind, title, ... are accepted too, see columns.py)."""

import csv
import datetime
import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from common.tabular import restore_cell

from ..rules import normalise_code
from .columns import KEYS, column_index
from .errors import PlanImportError, RowError
from .rows import PlanRow, split_examples


def read_csv(data: bytes) -> list[PlanRow]:
    text = decode_text(data)
    if not text.strip():
        raise PlanImportError(_("Filen är tom."))
    reader = csv.reader(io.StringIO(text), delimiter=header_delimiter(text), quotechar='"', doublequote=True)
    try:
        table = list(reader)
    except csv.Error as exc:
        raise PlanImportError(_("Filen kan inte läsas som CSV: %(error)s") % {"error": exc}) from None
    return _rows_from_table(table)


def header_delimiter(text: str) -> str:
    """The delimiter the header row uses most (",", ";" or tab; "," when it has none).

    Decided on the header alone: csv.Sniffer guesses from the data, and a single row with a quoted title
    holding a comma, a semicolon or a line break made it guess wrong. Column names hold none of them."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def read_xlsx(data: bytes) -> list[PlanRow]:
    if not data:
        raise PlanImportError(_("Filen är tom."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise PlanImportError(
            _("Filen är inte en läsbar Excel-fil (XLSX). Spara den på nytt som .xlsx och försök igen.")
        ) from None
    sheet = workbook.worksheets[0]
    table = [["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return _rows_from_table(table)


def decode_text(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise PlanImportError(_("Filen är inte en textfil (den innehåller binära data)."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PlanImportError(_("Filen kan inte läsas som text (okänd teckenkodning)."))


def _rows_from_table(table: list[list]) -> list[PlanRow]:
    # A cell that our export marked as text (an apostrophe before =, +, -, @) reads back as it was.
    table = [[restore_cell(cell) for cell in row] for row in table if any(str(cell).strip() for cell in row)]
    if not table:
        raise PlanImportError(_("Filen är tom."))
    index = column_index(table[0])
    rows, errors = [], []
    for number, values in enumerate(table[1:], start=2):
        where = _("rad %(line)s") % {"line": number}
        cells = _cells(values, index)
        code = normalise_code(cells["code"])
        kind = cells["kind"].upper()
        if kind not in ("VO", "PG", "P"):
            errors.append(
                RowError(
                    where,
                    _("%(code)s: okänd nivå %(kind)r (tillåtna: VO, PG, P).")
                    % {"code": code or "?", "kind": cells["kind"]},
                )
            )
            continue
        try:
            valid_to = _date(cells["valid_to"])
        except ValueError:
            errors.append(
                RowError(
                    where,
                    _("%(code)s: upphör %(value)r är inget datum (ÅÅÅÅ-MM-DD).")
                    % {"code": code, "value": cells["valid_to"]},
                )
            )
            continue
        rows.append(
            PlanRow(
                code=code,
                kind=kind,
                title=" ".join(str(cells["title"]).split()).rstrip(".").strip(),  # a wrapped title is one line
                parent=normalise_code(cells["parent"]) or None,
                description=cells["description"],
                examples=split_examples(_examples_text(cells["examples"])),
                comments=cells["comments"].replace("\r\n", "\n"),
                valid_to=valid_to,
                where=where,
            )
        )
    if errors:
        raise PlanImportError(errors)
    return rows


def _cells(values: list, index: dict[str, int]) -> dict[str, object]:
    """A row's value in every column: "" where the file has no such column or the row ends
    early; text stripped, dates (from XLSX) as they are."""
    cells: dict[str, object] = dict.fromkeys(KEYS, "")
    for name, position in index.items():
        if position < len(values):
            value = values[position]
            cells[name] = value if isinstance(value, (datetime.date, datetime.datetime)) else str(value).strip()
    return cells


def _examples_text(value: str) -> str:
    # One example per line is how people type lists in a spreadsheet cell.
    return value.replace("\r\n", "\n").replace("\n", ";") if "\n" in value else value


def _date(value) -> datetime.date | None:
    if value in ("", None):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value).strip()[:10])
