"""`manage.py recompute_retention [--process CODE]`: store every case's rule and due date again."""

import time

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from classification.models import Node
from classification.rules import normalise_code
from common.commands import SwedishCommand

from ...services.recompute import recompute_scope


class Command(SwedishCommand):
    help = "Beräkna gallringsregel och gallringsdatum på nytt för alla ärenden (eller under en nod)."

    def add_arguments(self, parser):
        parser.add_argument("--process", help="Bara ärenden under denna nod (kod).")

    def handle(self, *args, process=None, **options):
        node_ids = None
        if process:
            node = Node.objects.filter(code=normalise_code(process)).first()
            if node is None:
                raise CommandError(
                    _("Processen %(code)s finns inte i klassificeringsstrukturen.") % {"code": normalise_code(process)}
                )
            node_ids = [node.pk]
        start = time.perf_counter()
        recompute_scope(node_ids)
        self.stdout.write(_("Gallringsdatum omräknade på %(s).1f s.") % {"s": time.perf_counter() - start})
