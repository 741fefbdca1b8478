"""Writing the retention report's rows as JSON, or as CSV or XLSX through common.tabular (streamed: a report can
hold a million rows). JSON keeps the API's keys; CSV and XLSX are read by people and have the same Swedish
header and cells."""

import datetime
import json

from django.utils.translation import gettext as _

from common import tabular

from .services.report import FIELDS

FORMATS = ("json", tabular.CSV, tabular.XLSX)
CONTENT_TYPES = {"json": "application/json", **tabular.CONTENT_TYPES}


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


def csv_pieces(rows):
    """CSV with the XLSX's Swedish header and cells (dates as ÅÅÅÅ-MM-DD, the hold as ja/nej)."""
    return tabular.csv_lines(([_plain(value) for value in row] for row in _xlsx_rows(rows)), xlsx_headers())


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


def _xlsx_rows(rows):
    yes, no = _("ja"), _("nej")
    for row in rows:
        yield [
            row["reference"],
            row["process"],
            row["title"],
            row["closed"],
            row["rule"],
            row["due"],
            row["action"],
            yes if row["hold"] else no,
        ]


def write_xlsx(rows, binary_stream, title: str = "") -> int:
    return tabular.write_xlsx(
        _xlsx_rows(rows), binary_stream, xlsx_headers(), sheet=_("Gallringsrapport"), heading=title
    )


def download(fmt: str, rows, filename: str, title: str = ""):
    """The report as a CSV or XLSX download, streamed."""
    if fmt == tabular.CSV:
        return tabular.response(
            fmt, ([_plain(value) for value in row] for row in _xlsx_rows(rows)), xlsx_headers(), filename=filename
        )
    return tabular.response(
        fmt, _xlsx_rows(rows), xlsx_headers(), filename=filename, sheet=_("Gallringsrapport"), heading=title
    )
