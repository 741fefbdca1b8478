"""`manage.py drain_outbox`: hand over all pending follow-up work now (or, with --in-process, run it here)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ... import services


class Command(BaseCommand):
    help = (
        "Lämna över allt väntande bakgrundsarbete (sökindex, gallringsdatum, gallring, meddelanden) till kön nu, "
        "eller kör det i den här processen med --in-process. Säkert att köra när som helst."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--in-process",
            action="store_true",
            help="Kör uppgifterna här i stället för att lämna dem till kön (t.ex. när kön är nere länge).",
        )

    def handle(self, *args, in_process=False, **options):
        handed, left = services.drain(in_process=in_process)
        if in_process:
            self.stdout.write(_("%(n)d uppgifter kördes; %(left)d väntar kvar.") % {"n": handed, "left": left})
            return
        self.stdout.write(_("%(n)d uppgifter lämnades över till kön.") % {"n": handed})
        if left:
            raise CommandError(
                _("Kön svarar inte: %(left)d uppgifter väntar kvar. Försök igen senare eller kör med --in-process.")
                % {"left": left}
            )
