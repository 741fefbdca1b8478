"""The register's own number series, `{prefix} {year}/{serial}` (e.g. BOP 2026/42)."""

from django.db import migrations

REGISTER_SERIES = "diarium"


def create_series(apps, schema_editor):
    NumberSeries = apps.get_model("records", "NumberSeries")
    NumberSeries.objects.get_or_create(
        code=REGISTER_SERIES,
        defaults={"name": "Diarium", "pattern": "{prefix} {year}/{serial}", "prefix": "", "yearly": True},
    )


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]

    operations = [migrations.RunPython(create_series, migrations.RunPython.noop)]
