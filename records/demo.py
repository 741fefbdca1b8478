"""Demo data of the records app: the register's year first, then work orders, installer cases and teams.

Work orders, installer cases, teams and decisions are numbered in series of their own and load in a
transaction of their own, once the register's year has committed (load_demo runs each app's demo in
one transaction): the register's demo stays the diarium's.
"""

import random

from django.db import transaction
from django.utils import timezone

from classification.models import Node
from records.installations import demo as installations_demo
from records.installations.models.installer_cases import InstallerCase
from records.register import demo as register_demo
from records.register.demo_support import Timeline, demo_user, organisation_number
from records.register.filing import configured_codes
from records.work_orders import demo as work_orders_demo
from records.work_orders.models import Contractor, WorkOrder


def load(stdout):
    register_demo.load(stdout)
    transaction.on_commit(lambda: _load_work_in_its_own_transaction(stdout))


def _load_work_in_its_own_transaction(stdout):
    with transaction.atomic():
        load_work(stdout)


def load_work(stdout):
    if Contractor.objects.filter(organisation_number=organisation_number("559901", 1)).exists():
        stdout.write("Arbetsorder och installationsärenden: demodata finns redan.")
        return
    codes = set(configured_codes().values())
    if Node.objects.active().processes().filter(code__in=codes).count() < len(codes):
        stdout.write(
            f"Arbetsorder och installationsärenden: processerna {', '.join(sorted(codes))} saknas; ingen demodata."
        )
        return
    rnd = random.Random(1234)
    people = {
        "orderers": [demo_user(*p, "Beställare") for p in work_orders_demo.ORDERERS],
        "staff": demo_user(*installations_demo.GRID_STAFF, "Kundservice"),
        "installers": [demo_user(*p, "Installatör") for p in installations_demo.INSTALLERS],
    }
    contractors = []
    for index, (name, prefix, users) in enumerate(work_orders_demo.CONTRACTORS, 1):
        contractor = Contractor.objects.create(
            name=name,
            organisation_number=organisation_number(prefix, 1),
            email=f"arbetsorder{index}@example.org",
            phone=f"010-000 00 0{index}",
        )
        contractor.users.add(*[demo_user(*u, "Entreprenör") for u in users])
        contractors.append(contractor)
    timeline = Timeline()
    now = timezone.now()
    work_orders_demo.play_work_orders(rnd, timeline, now, people, contractors)
    team_list = installations_demo.play_teams(timeline, now, people)
    installations_demo.play_installer_cases(rnd, timeline, now, people, team_list)
    timeline.play()
    stdout.write(
        f"Arbetsorder: {WorkOrder.objects.count()}, installationsärenden: {InstallerCase.objects.count()}, "
        f"utkast och team med beslut inlästa."
    )
