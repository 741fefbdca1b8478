"""Export the classification plan as JSON, CSV or XLSX, in tree order."""

import sys

from django.core.management.base import CommandError

from classification.exporting import FORMATS, export_plan
from common.commands import SwedishCommand


class Command(SwedishCommand):
    help = "Exportera klassificeringsstrukturen i trädordning."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="json", help="Filformat (standard json).")
        parser.add_argument("-o", "--output", help="Fil att skriva till (standard: skärmen)")

    def handle(self, *args, format, output, **options):
        data = export_plan(format)
        if output:
            try:
                with open(output, "wb") as handle:
                    handle.write(data)
            except OSError as exc:
                raise CommandError(f"Kan inte skriva {output}: {exc.strerror}") from None
            self.stderr.write(f"Skrev {output}")
        elif format == "xlsx":
            raise CommandError("XLSX är binärt: ange en fil med -o.")
        else:
            sys.stdout.flush()
            self.stdout.write(data.decode("utf-8"), ending="")
