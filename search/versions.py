"""Which write of the index is the newest: stamps, per-case claims and tombstones, and kind locks.

Every write of a case's entries takes a stamp (an ever-increasing number) *before* it reads the case,
and claims the case with that stamp in the transaction that writes the entries. The claim succeeds only
if no write with a later stamp has claimed the case and the case is not gone; it locks the case's row
until that transaction ends. A write that read the case later always holds the later stamp, so whatever
order writes finish in – a rebuild's batch, the task after a change, a repair – the index ends up with
the newest read of every case, and a case that is gone never comes back.

Plan nodes and guides are few and indexed as a whole: their writers take the kind's lock first and read
after, so the last one to write also read last.
"""

from django.db import connection
from django.db.models import F

from .models import IndexedCase, IndexLock, Stamp

CHUNK = 200  # rows per statement (4 parameters each, well within every database's limit)
REBUILD = "rebuild"


def next_stamp() -> int:
    """A number larger than every one handed out before (the id sequence never goes back)."""
    stamp = Stamp.objects.create()
    Stamp.objects.filter(pk=stamp.pk).delete()
    return stamp.pk


def _upsert(rows: list[tuple[int, int, bool, bool]], conflict: str) -> set[int]:
    table = IndexedCase._meta.db_table
    changed: set[int] = set()
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            cursor.execute(
                f"INSERT INTO {table} (case_id, stamp, present, purged) VALUES "
                + ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
                + f" ON CONFLICT (case_id) DO UPDATE SET {conflict} RETURNING case_id",
                [value for row in chunk for value in row],
            )
            changed.update(case_id for (case_id,) in cursor.fetchall())
    return changed


def claim(case_ids, stamp: int) -> set[int]:
    """The cases a write whose data was read after `stamp` may write (in the caller's transaction)."""
    table = IndexedCase._meta.db_table
    rows = [(case_id, stamp, True, True) for case_id in sorted(set(case_ids))]  # sorted: no deadlocks
    return _upsert(rows, f"stamp = excluded.stamp WHERE {table}.present AND {table}.stamp < excluded.stamp")


def bury(case_ids, stamp: int, *, purged: bool) -> None:
    """The cases are gone for good: no write may bring their entries back. `purged`: their entries are
    already out of the index (else queries leave the cases out until `mark_purged`)."""
    rows = [(case_id, stamp, False, purged) for case_id in sorted(set(case_ids))]
    _upsert(rows, "present = excluded.present, stamp = excluded.stamp, purged = excluded.purged")


def mark_purged(case_ids) -> None:
    ids = list(case_ids)
    for start in range(0, len(ids), 500):
        IndexedCase.objects.filter(case_id__in=ids[start : start + 500], present=False).update(purged=True)


def pending_removals(limit: int | None = 10_000) -> list[int]:
    """Cases that are gone but may still have entries in the index: queries leave them out. Normally a
    handful (the removal runs right after the commit); past `limit`, the check of every hit against the
    register (search.query) still keeps them from being shown."""
    rows = IndexedCase.objects.filter(purged=False).order_by("-stamp").values_list("case_id", flat=True)
    return sorted(rows if limit is None else rows[:limit])


def lock(name: str) -> None:
    """Take a kind's lock until the caller's transaction ends (writing the row is what locks it)."""
    if not IndexLock.objects.filter(name=name).update(writes=F("writes") + 1):
        IndexLock.objects.get_or_create(name=name)
        IndexLock.objects.filter(name=name).update(writes=F("writes") + 1)


def building() -> str:
    """The Elasticsearch index a running rebuild is filling ('' when none is)."""
    return IndexLock.objects.filter(name=REBUILD).values_list("building", flat=True).first() or ""


def set_building(index: str) -> None:
    IndexLock.objects.update_or_create(name=REBUILD, defaults={"building": index})


def clear_building(index: str) -> None:
    """The rebuild filling `index` is over (a rebuild started after it has named its own index instead)."""
    IndexLock.objects.filter(name=REBUILD, building=index).update(building="")
