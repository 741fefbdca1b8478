"""Import a classification plan from its text layout (PDF extraction), CSV or XLSX."""

from django.core.management.base import CommandError

from classification.importing import PlanImportError
from classification.importing.apply import import_plan
from classification.importing.files import read_plan_file
from common.commands import SwedishCommand


class Command(SwedishCommand):
    help = "Importera klassificeringsstrukturen från textlayout (.txt), CSV eller XLSX. Matchar på kod; inget raderas."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Filen att importera (.txt, .csv eller .xlsx)")
        parser.add_argument("--dry-run", action="store_true", help="Visa vad som skulle ändras utan att skriva något")
        parser.add_argument(
            "--cease-missing", action="store_true", help="Sätt noder som saknas i filen som upphörda från i dag"
        )

    def handle(self, *args, path, dry_run, cease_missing, **options):
        try:
            rows = read_plan_file(path)
            report = import_plan(rows, cease_missing=cease_missing, dry_run=dry_run)
        except PlanImportError as exc:
            raise CommandError(
                "Importen avbröts, inget har ändrats:\n" + "\n".join(f"  {e}" for e in exc.errors)
            ) from None
        out = self.stdout
        prefix = "Skulle " if dry_run else ""
        out.write(f"{prefix}{'skapa' if dry_run else 'Skapade'}: {len(report.created)} noder")
        for code in report.created if dry_run else []:
            out.write(f"  + {code}")
        out.write(f"{prefix}{'ändra' if dry_run else 'Ändrade'}: {len(report.changed)} noder")
        for code, fields in report.changed.items():
            out.write(f"  ~ {code}: {', '.join(fields)}")
        out.write(f"Oförändrade: {report.unchanged}")
        if report.missing:
            out.write(f"Saknas i filen: {len(report.missing)} noder: {', '.join(report.missing)}")
            if report.ceased:
                out.write(
                    f"{prefix}{'sätta som upphörda' if dry_run else 'Satta som upphörda'}: {', '.join(report.ceased)}"
                )
            elif not cease_missing:
                out.write("  (de behålls som de är; använd --cease-missing för att sätta dem som upphörda)")
        if dry_run:
            out.write(self.style.WARNING("Provkörning: inget har skrivits."))
        else:
            out.write(self.style.SUCCESS("Importen är klar."))
