"""`manage.py retention_report --as-of 2026-12-31 [--process 2.9] --format json|csv|xlsx [-o FILE]`."""

import datetime

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from classification.models import Node
from classification.rules import normalise_code
from common.commands import SwedishCommand

from ...outputs import FORMATS, csv_pieces, json_pieces, write_pieces, write_xlsx
from ...services.report import report_rows


def parse_day(raw: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(raw)
    except (TypeError, ValueError):
        raise CommandError(
            _("Ogiltigt datum ”%(raw)s”: ange det som ÅÅÅÅ-MM-DD, t.ex. 2026-12-31.") % {"raw": raw}
        ) from None


class Command(SwedishCommand):
    help = (
        "Gallringsrapport: ärenden som är gallringsbara (eller ska granskas) per ett datum, med regel, datum "
        "och spärr. JSON, CSV eller XLSX."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", required=True, help="Datum (ÅÅÅÅ-MM-DD) rapporten gäller.")
        parser.add_argument("--process", help="Bara ärenden under denna nod (kod, t.ex. 2.9).")
        parser.add_argument("--format", choices=FORMATS, default="json", help="Filformat (standard json).")
        parser.add_argument("-o", "--output", help="Fil att skriva till (standard: standard ut; krävs för xlsx).")

    def handle(self, *args, as_of, process, format, output, **options):
        day = parse_day(as_of)
        node = None
        if process:
            code = normalise_code(process)
            node = Node.objects.filter(code=code).first()
            if node is None:
                raise CommandError(_("Processen %(code)s finns inte i klassificeringsstrukturen.") % {"code": code})
        if format == "xlsx" and not output:
            raise CommandError(_("Ange en fil med -o för formatet xlsx, t.ex. -o gallringsrapport.xlsx."))
        rows = report_rows(day, node)
        try:
            if format == "xlsx":
                with open(output, "wb") as handle:
                    count = write_xlsx(
                        rows, handle, title=_("Gallringsrapport per %(date)s") % {"date": day.isoformat()}
                    )
            else:
                counted = _Counted(rows)
                pieces = (json_pieces if format == "json" else csv_pieces)(counted)
                if output:
                    with open(output, "w", encoding="utf-8", newline="") as handle:
                        write_pieces(pieces, handle)
                else:
                    write_pieces(pieces, _Unchanged(self.stdout))
                count = counted.count
        except OSError as error:
            raise CommandError(
                _("Kan inte skriva till %(file)s: %(error)s.") % {"file": output, "error": error.strerror}
            ) from None
        if output:
            self.stderr.write(_("%(n)d poster skrivna till %(file)s.") % {"n": count, "file": output})


class _Unchanged:
    """The command's stdout without the newline OutputWrapper adds to every write."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, ending="")


class _Counted:
    def __init__(self, rows):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row
