"""Demo data of the classification app: the seed plan."""

from django.conf import settings

from .importing.apply import import_plan
from .importing.files import read_plan_file

SEED_PLAN = settings.BASE_DIR / "fixtures" / "classification_plan.csv"


def load(stdout):
    report = import_plan(read_plan_file(SEED_PLAN))
    stdout.write(f"Klassificeringsstruktur: {len(report.created)} nya, {len(report.changed)} ändrade noder.")
