"""`manage.py retention_report --as-of 2026-12-31 [--process 2.9] --format json|csv|xlsx [-o FILE]`."""

import datetime
import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

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
                with output_file(output, binary=True) as handle:
                    count = write_xlsx(
                        rows, handle, title=_("Gallringsrapport per %(date)s") % {"date": day.isoformat()}
                    )
            else:
                counted = _Counted(rows)
                pieces = (json_pieces if format == "json" else csv_pieces)(counted)
                if output:
                    with output_file(output, binary=False) as handle:
                        write_pieces(pieces, handle)
                else:
                    write_pieces(pieces, _Unchanged(self.stdout))
                count = counted.count
        except OSError as error:
            raise CommandError(cannot_write(output, error)) from None
        if output:
            self.stderr.write(_("%(n)d poster skrivna till %(file)s.") % {"n": count, "file": output})


def cannot_write(path, error: OSError) -> str:
    reason = {
        errno.ENOENT: _("katalogen finns inte eller tar inte emot nya filer"),
        errno.EACCES: _("behörighet saknas"),
        errno.EPERM: _("behörighet saknas"),
        errno.EISDIR: _("det är en katalog"),
        errno.ENOSPC: _("disken är full"),
        errno.EROFS: _("filsystemet är skrivskyddat"),
    }.get(error.errno, error.strerror or str(error))
    return _("Kan inte skriva till %(file)s: %(reason)s.") % {"file": path, "reason": reason}


@contextmanager
def output_file(path: str, *, binary: bool):
    """A file that replaces `path` only once it is completely written: a failed report leaves the old file (or
    none), never half a report, and no half-written stream is left for the garbage collector to complain about.
    Only regular files are replaced (not /dev/null, a directory or a device)."""
    target = Path(path)
    if target.is_dir():
        raise OSError(errno.EISDIR, os.strerror(errno.EISDIR), path)
    if target.exists() and not target.is_file():
        raise CommandError(_("Kan inte skriva till %(file)s: det är ingen vanlig fil.") % {"file": path})
    mode = {"mode": "wb"} if binary else {"mode": "w", "encoding": "utf-8", "newline": ""}
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False, **mode) as handle:
        temporary = Path(handle.name)
        try:
            yield handle
            handle.close()
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)  # gone already when it replaced the target


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
