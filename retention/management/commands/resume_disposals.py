"""`manage.py resume_disposals`: pick up disposal lists a crash left half executed (safe to run any time)."""

from django.utils.translation import gettext as _

from common.commands import SwedishCommand

from ...models import DisposalList, ListStatus
from ...services.execution import run_disposal


class Command(SwedishCommand):
    help = "Återuppta gallringslistor som avbröts mitt i verkställigheten. Inget görs två gånger."

    def handle(self, *args, **options):
        lists = list(DisposalList.objects.filter(status=ListStatus.EXECUTING).values_list("pk", "name"))
        for pk, name in lists:
            run_disposal(pk)
            self.stdout.write(f"{name}: {DisposalList.objects.get(pk=pk).get_status_display()}")
        if not lists:
            self.stdout.write(_("Ingen gallringslista väntar på att verkställas."))
