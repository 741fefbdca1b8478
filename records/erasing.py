"""Erasing a case: the case, everything that goes with it, and every trace of them in history.

One explicit service, called by disposal (retention) when a case's time is up. It deletes the case
and what cascades from it (documents, files, parties, access grants, work orders, installer cases,
team decisions, their notes...), found the way Django's delete finds them, so a record type added
later is erased without being listed here. Two things a plain delete would leave behind go too:

- the messages sent about the case: their link is SET_NULL (the outgoing log outlives an ordinary
  change of a case), but their text names the people in it;
- history: the rows' own history, the "deleted" history rows the delete itself writes, and the
  history of rows that hung off them and were deleted earlier (a removed party, an old note), which
  would otherwise keep names, addresses and personal identity numbers.

The stored files are not deleted here: the caller deletes them once the transaction commits
(`delete_stored_files`), so a rolled-back erasure leaves every file in place. The search index
drops the case in this same transaction (search listens for the case row's deletion), and again on the
register's `case_deleted` signal, sent on commit for every deleted case row.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model

from .models import Case, Document, Message

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Erased:
    """What `erase_case` removed: counts for the disposal record, and the files to delete after commit."""

    case_id: int
    reference: str
    documents: int
    files: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # rows deleted per model ("records.document": 3)

    @property
    def file_count(self) -> int:
        return len(self.files)


@transaction.atomic
def erase_case(case: Case) -> Erased:
    """Delete `case`, everything that cascades from it and the messages about it, and all their history.

    Raises `ProtectedError`/`RestrictedError` (and changes nothing) when something must keep the case.
    """
    case_id, reference = case.pk, case.reference  # the delete sets case.pk to None
    collector = Collector(using=router.db_for_write(Case))
    collector.collect([case])  # raises before anything is written
    collector.collect(Message.objects.filter(case_id=case_id))
    deleted = _collected_rows(collector)
    files = _stored_files(collector)
    collector.delete()
    _erase_history(deleted)
    return Erased(
        case_id=case_id,
        reference=reference,
        documents=len(deleted.get(Document, ())),
        files=files,
        rows={model._meta.label_lower: len(pks) for model, pks in deleted.items()},
    )


def delete_stored_files(names: list[str]) -> list[str]:
    """Delete erased files from storage; returns the names that could not be deleted (to retry later)."""
    left = []
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:
            logger.exception("Could not delete the erased file %s; it will be retried", name)
            left.append(name)
    return left


def _collected_rows(collector: Collector) -> dict[type[models.Model], set]:
    """{model: primary keys} of every row the collector will delete (read before it does)."""
    rows: dict = defaultdict(set)
    for model, instances in collector.data.items():
        rows[model].update(instance.pk for instance in instances)
    for queryset in collector.fast_deletes:
        rows[queryset.model].update(queryset.values_list("pk", flat=True))
    return dict(rows)


def _stored_files(collector: Collector) -> list[str]:
    """The storage names in the file fields of the rows to delete."""
    names = []
    for model, instances in collector.data.items():
        for file_field in _file_fields(model):
            names.extend(getattr(instance, file_field.attname) for instance in instances)
    for queryset in collector.fast_deletes:
        for file_field in _file_fields(queryset.model):
            names.extend(queryset.values_list(file_field.attname, flat=True))
    return [str(name) for name in names if name]


def _file_fields(model) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _history(model):
    """The model's django-simple-history manager, or None when it keeps no history."""
    try:
        return get_history_manager_for_model(model)
    except NotHistoricalModelError:
        return None


def _cascading(model):
    """The relations whose rows go when a row of `model` goes (on_delete=CASCADE), history models aside."""
    return [relation for relation in model._meta.related_objects if relation.on_delete is models.CASCADE]


def _erase_history(deleted: dict) -> None:
    """Delete the history of the deleted rows and of rows that hung off them (now or earlier).

    A row deleted earlier exists only in history; it is found there by its link to a deleted parent,
    and its own children by their link to it, down the same CASCADE relations the delete followed.
    """
    gone: dict = defaultdict(set)
    work = []
    for model, pks in deleted.items():
        gone[model].update(pks)
        work.append((model, set(pks)))
    while work:
        parent, parent_ids = work.pop()
        if not parent_ids:
            continue
        for relation in _cascading(parent):
            child = relation.related_model
            history = _history(child)
            if history is None:
                continue
            found = set(
                history.filter(**{f"{relation.field.attname}__in": list(parent_ids)})
                .values_list(child._meta.pk.attname, flat=True)
                .distinct()
            )
            new = found - gone[child]
            if new:
                gone[child].update(new)
                work.append((child, new))
    for model, pks in gone.items():
        history = _history(model)
        if history is not None and pks:
            history.filter(**{f"{model._meta.pk.attname}__in": list(pks)}).delete()
