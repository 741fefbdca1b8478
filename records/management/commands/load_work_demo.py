"""Load only the demo work orders, installer cases, teams and decisions (load_demo loads them too)."""

from django.db import transaction

from common.commands import SwedishCommand
from records import demo as demo_work


class Command(SwedishCommand):
    help = "Läs in demodata för arbetsorder, installationsärenden, team och teambeslut (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            demo_work.load_work(self.stdout)
