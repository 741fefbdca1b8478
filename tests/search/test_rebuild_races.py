"""A rebuild loses no change committed while it runs: the newest read of a case wins, whoever writes last.

Each test commits a change to a case (and lets its indexing task run) right after the rebuild has read
that case and before it has written it: the moment a concurrent change is hardest to get right.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from records import erasing
from records.models import Case
from records.register import services
from search import indexing, items, versions
from search.models import Entry
from search.query import search
from tests.search.factories import CaseFactory, document_with_text, reindex

pytestmark = pytest.mark.django_db


@pytest.fixture
def during_rebuild(monkeypatch, django_capture_on_commit_callbacks):
    """during_rebuild(case, change): run `change()` and its on-commit work once the rebuild has read `case`."""

    def arrange(case, change):
        real, done = items.case_items, []

        def reading(read_case, *args, **kwargs):
            built = real(read_case, *args, **kwargs)
            if read_case.pk == case.pk and not done:
                done.append(True)
                with django_capture_on_commit_callbacks(execute=True):
                    change()
            return built

        monkeypatch.setattr(items, "case_items", reading)
        return done

    return arrange


def refs(results):
    return [hit.reference for hit in results.hits]


def test_a_change_committed_while_the_rebuild_runs_is_not_lost(seed_plan, database_backend, registrar, during_rebuild):
    case = CaseFactory(process=seed_plan["2.9.1"], title="Fuktskada i källarförråd")
    reindex()
    ran = during_rebuild(case, lambda: services.update_case(case, user=registrar, title="Brandlarm i tvättstuga"))
    indexing.rebuild(batch_size=1)
    assert ran
    assert refs(search("brandlarm", registrar)) == [case.reference]
    assert search("fuktskada", registrar).total == 0


def test_a_case_made_confidential_during_a_rebuild_is_not_found_by_its_old_words(
    seed_plan, database_backend, registrar, reader, during_rebuild
):
    case = CaseFactory(process=seed_plan["2.3.1"], title="Sjukskrivning efter olycka")
    reindex()
    during_rebuild(
        case,
        lambda: services.update_case(
            case, user=registrar, legal_ground="OSL 39 kap. 3 §", public_title="Personalärende"
        ),
    )
    indexing.rebuild()
    assert search("sjukskrivning", reader).total == 0
    assert refs(search("personalärende", reader)) == [case.reference]
    assert sorted(Entry.objects.filter(case_id=case.pk).values_list("audience", flat=True)) == ["full", "masked"]


def test_a_case_erased_during_a_rebuild_does_not_come_back(seed_plan, database_backend, registrar, during_rebuild):
    case = CaseFactory(process=seed_plan["2.9.1"], title="Fuktskada i källarförråd")
    document_with_text(case, title="Bilder", text="Fuktfläckar på väggen.")
    reindex()
    during_rebuild(case, lambda: erasing.erase_case(Case.objects.get(pk=case.pk)))
    indexing.rebuild()
    assert search("fuktskada OR fuktfläckar", registrar).total == 0
    assert not Entry.objects.filter(case_id=case.pk).exists()


def test_a_rebuild_drops_the_entries_of_cases_that_are_gone(seed_plan, database_backend, registrar):
    case = CaseFactory(process=seed_plan["2.9.1"], title="Fuktskada i källarförråd")
    reindex()
    Case.objects.filter(pk=case.pk)._raw_delete(Case.objects.db)  # gone without a signal (a restored backup)
    indexing.rebuild()
    assert not Entry.objects.filter(case_id=case.pk).exists()


def test_a_write_during_an_elastic_rebuild_reaches_the_new_index_and_wins(seed_plan, fake_es, during_rebuild):
    case = CaseFactory(process=seed_plan["2.9.1"], title="Fuktskada i källarförråd")
    during_rebuild(case, lambda: services.update_case(case, user=None, title="Brandlarm i tvättstuga"))
    indexing.rebuild()
    new = next(p for m, p, _b in fake_es.requests if m == "PUT").split("?")[0].lstrip("/")
    written = [
        (action["index"]["_index"], source["title"])
        for bulk in fake_es.bodies("_bulk")
        if isinstance(bulk, list) and "index" in bulk[0]
        for action, source in zip(bulk[0::2], bulk[1::2], strict=True)
        if action["index"]["_id"] == f"case-{case.pk}-all"
    ]
    # The incremental write goes to the index being built as well; the rebuild's older read is not written.
    assert (new, "Brandlarm i tvättstuga") in written
    assert (new, "Fuktskada i källarförråd") not in written


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_later_read_wins_even_when_it_must_wait_for_a_rebuild_batch_on_postgresql(seed_plan, database_backend):
    """Two connections: a rebuild batch has read a case and claimed it; the case changes and its task runs.
    The task waits for the batch to commit, then writes over it: it read later."""
    if connection.vendor != "postgresql":
        pytest.skip("Real row locking needs PostgreSQL; SQLite serialises all writers anyway.")
    case = CaseFactory(process=seed_plan["2.9.1"], title="Fuktskada i källarförråd")
    claimed, errors = threading.Event(), []

    def rebuild_batch():
        try:
            stamp = versions.next_stamp()
            read = items.items_for_cases([Case.objects.get(pk=case.pk)], items.PlanPaths())
            with transaction.atomic():
                assert versions.claim([case.pk], stamp) == {case.pk}
                claimed.set()
                time.sleep(1.0)  # meanwhile the task below waits for this claim
                database_backend.replace_cases(read)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    batch = threading.Thread(target=rebuild_batch)
    batch.start()
    assert claimed.wait(10)
    Case.objects.filter(pk=case.pk).update(title="Brandlarm i tvättstuga")  # the change commits
    started = time.monotonic()
    assert indexing.index_case(case.pk) == 1  # the change's task
    waited = time.monotonic() - started
    batch.join()
    assert errors == [] and waited > 0.5
    assert list(Entry.objects.filter(case_id=case.pk).values_list("title", flat=True)) == ["Brandlarm i tvättstuga"]
