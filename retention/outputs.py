"""Writing the retention report's rows as JSON, CSV or XLSX (streamed: a report can hold a million rows)."""

import csv
import datetime
import json

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .services.report import FIELDS

FORMATS = ("json", "csv", "xlsx")
CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def json_pieces(rows):
    """A JSON list, one object per row, produced piece by piece (for files and streamed responses)."""
    count = 0
    yield "["
    for row in rows:
        yield (",\n" if count else "\n") + json.dumps({key: _plain(row[key]) for key in FIELDS}, ensure_ascii=False)
        count += 1
    yield "\n]\n" if count else "]\n"


class _Line:
    def write(self, text):
        return text


def csv_pieces(rows):
    """CSV with the JSON's keys as header; `hold` as true/false."""
    writer = csv.writer(_Line())
    yield writer.writerow(FIELDS)
    for row in rows:
        yield writer.writerow(
            [("true" if row[key] else "false") if key == "hold" else _plain(row[key]) for key in FIELDS]
        )


def write_pieces(pieces, stream) -> None:
    for piece in pieces:
        stream.write(piece)


def xlsx_headers() -> list[str]:
    return [
        _("Diarienummer"),
        _("Process"),
        _("Ärendemening"),
        _("Avslutat"),
        _("Regel"),
        _("Gallringsbar från"),
        _("Åtgärd"),
        _("Spärrad"),
    ]


def write_xlsx(rows, binary_stream, title: str = "") -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Gallringsrapport")[:31])
    if title:
        sheet.append([title])
    sheet.append(xlsx_headers())
    count = 0
    for row in rows:
        sheet.append(
            [
                row["reference"],
                row["process"],
                row["title"],
                row["closed"],
                row["rule"],
                row["due"],
                row["action"],
                _("ja") if row["hold"] else _("nej"),
            ]
        )
        count += 1
    workbook.save(binary_stream)
    return count
