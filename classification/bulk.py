"""Fast bulk inserts for plan imports: plain executemany, with simple-history rows written alongside.

The ORM's bulk_create compiles every value of every row; for tens of thousands of document
types that compilation is most of an import's time. These helpers prepare each column once
and hand the rows to the database driver directly. They write exactly the rows simple-history
would write for a created object ("+"), so history stays complete.
"""

from django.db import connection
from django.utils import timezone

BATCH = 5000


def _preparers(fields):
    """Per column: None when the value can go to the driver as it is, else a converter."""
    plain = (
        "CharField",
        "TextField",
        "IntegerField",
        "BigIntegerField",
        "PositiveIntegerField",
        "AutoField",
        "BigAutoField",
        "ForeignKey",
    )
    return [None if field.get_internal_type() in plain else field for field in fields]


def fast_insert(model, rows: list[dict]) -> None:
    """INSERT rows (dicts keyed by attname) into model's table, without returning ids."""
    if not rows:
        return
    fields = [field for field in model._meta.concrete_fields if field.attname in rows[0]]
    prepare = _preparers(fields)
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    cache: dict = {}

    def converted(field, value):
        # Dates and the like repeat across rows (every history row has the same timestamp).
        key = (field.attname, value)
        if key not in cache:
            cache[key] = field.get_db_prep_save(value, connection)
        return cache[key]

    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            params = [
                [
                    row[f.attname] if p is None else converted(f, row[f.attname])
                    for f, p in zip(fields, prepare, strict=True)
                ]
                for row in rows[start : start + BATCH]
            ]
            cursor.executemany(sql, params)


def insert_created_history(model, objects: list, *, user=None, reason: str | None = None) -> None:
    """Write the "+" history rows for objects just created (saved instances, or dicts of their columns)."""
    history_model = model.history.model
    now = timezone.now()
    tracked = [f.attname for f in history_model._meta.concrete_fields if not f.attname.startswith("history_")]
    rows = []
    for obj in objects:
        get = obj.get if isinstance(obj, dict) else (lambda name, o=obj: getattr(o, name))
        row = {name: get(name) for name in tracked}
        row.update(
            history_date=now, history_change_reason=reason, history_type="+", history_user_id=user.pk if user else None
        )
        rows.append(row)
    fast_insert(history_model, rows)
